import { stringify } from "csv-stringify/sync";
import type { SessionReport } from "@/lib/domain/report";
import { spreadsheetRow } from "./spreadsheet-cell";

/**
 * Notes as CSV, UTF-8 with a byte-order mark so Excel opens Cyrillic and
 * Kazakh text correctly. Every cell written by participants or staff (group,
 * cluster, nickname, text, step) goes through spreadsheetRow, so none can
 * start a formula.
 */
export function notesCsv(report: SessionReport, labels: { anonymous: string }): string {
  const rows = report.notes.map((n) => spreadsheetRow([
    n.groupName ?? "",
    n.clusterName ?? "",
    n.anonymous ? labels.anonymous : (n.author ?? ""),
    n.text,
    n.votes,
    n.status,
    n.flagged ? "yes" : "",
    n.stepId ?? "",
    new Date(n.createdAt).toISOString(),
    n.editedAt ? new Date(n.editedAt).toISOString() : "",
  ]));
  const csv = stringify([["group", "cluster", "author", "text", "votes", "status", "flagged", "step", "created", "edited"], ...rows]);
  return `\uFEFF${csv}`;
}
