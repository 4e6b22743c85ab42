import { stringify } from "csv-stringify/sync";
import type { Locale } from "@/lib/domain/locales";
import type { SessionReport } from "@/lib/domain/report";
import { exportText, wallClockText } from "./export-text";
import { spreadsheetRow } from "./spreadsheet-cell";

export const CSV_SEPARATORS = { comma: ",", semicolon: ";", tab: "\t" } as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[keyof typeof CSV_SEPARATORS];

/**
 * The list separator a spreadsheet in this language expects: Russian and
 * Kazakh Excel split CSV on ";" (their decimal mark is a comma), English on ",".
 */
export function defaultSeparator(locale: Locale): CsvSeparator {
  return locale === "en" ? "," : ";";
}

/**
 * Notes as CSV in the session's language: headers, step titles and values
 * ("visible", "hidden") translated, times as "YYYY-MM-DD HH:MM:SS" on the
 * server's wall clock (or `timeZone`). UTF-8 with a byte-order mark so Excel opens Cyrillic and
 * Kazakh text correctly. Every cell written by participants or staff (group,
 * cluster, nickname, text, step) goes through spreadsheetRow, so none can
 * start a formula.
 */
export function notesCsv(report: SessionReport, opts: { locale: Locale; separator?: CsvSeparator; timeZone?: string }): string {
  const { exports: x } = exportText(opts.locale);
  const c = x.columns;
  const rows = report.notes.map((n) =>
    spreadsheetRow([
      n.groupName ?? x.values.room,
      n.clusterName ?? "",
      n.anonymous ? x.values.anonymous : (n.author ?? ""),
      n.text,
      n.votes,
      x.values[n.status],
      n.flagged ? x.values.yes : "",
      n.stepTitle ?? "",
      wallClockText(n.createdAt, opts.timeZone),
      n.editedAt ? wallClockText(n.editedAt, opts.timeZone) : "",
    ]),
  );
  const header = spreadsheetRow([c.group, c.cluster, c.author, c.text, c.votes, c.status, c.flagged, c.step, c.created, c.edited]);
  const csv = stringify([header, ...rows], { delimiter: opts.separator ?? defaultSeparator(opts.locale) });
  return `\uFEFF${csv}`;
}
