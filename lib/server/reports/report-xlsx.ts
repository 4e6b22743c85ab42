import writeXlsxFile, { type Cell, type Row, type Sheet } from "write-excel-file/node";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import type { SessionReport } from "@/lib/domain/report";
import type { SessionState } from "@/lib/domain/session-state";
import type { SessionRecord } from "../store/event-store";
import { exportText, profileValue, wallClock } from "./export-text";
import { spreadsheetCell } from "./spreadsheet-cell";

/** Everything a sheet builder may read. */
export interface XlsxInput {
  record: SessionRecord;
  state: SessionState;
  report: SessionReport;
  trainer: string;
  locale: Locale;
  now: number;
  /** IANA zone for the times; default: the server's own (the room's on a trainer's laptop). */
  timeZone?: string;
  /** More sheets after the report's own (the session's poll, knowledge-check and indicator tables). */
  extraSheets?: SheetOut[];
}

type Text = ReturnType<typeof exportText>;
type SheetOut = Sheet<Buffer>;
/** A sheet of the workbook, or null to leave it out (e.g. a session without polls). */
type SheetBuilder = (input: XlsxInput, text: Text, date: (ms: number | null | undefined) => Cell) => SheetOut | null;

const DATE_FORMAT = "yyyy-mm-dd hh:mm";

/** Text as a string cell, never a formula: the same neutralising as the CSV, so a sheet re-saved as CSV stays safe. */
const str = (value: string | null | undefined): Cell => (value ? { value: String(spreadsheetCell(value)), type: String } : null);
const num = (value: number): Cell => ({ value, type: Number });
const header = (labels: string[]): Row => labels.map((value) => ({ value: String(spreadsheetCell(value)), type: String, fontWeight: "bold" as const }));

/** A sheet with a bold, frozen header row; widths in characters. */
function table(sheet: string, labels: string[], widths: number[], rows: Row[]): SheetOut {
  return { sheet, data: [header(labels), ...rows], columns: widths.map((width) => ({ width })), stickyRowsCount: 1 };
}

const summarySheet: SheetBuilder = ({ record, state, report, trainer, now, timeZone }, { exports: x }, date) => {
  const s = x.summary;
  const hidden = report.notes.filter((n) => n.status !== "visible").length;
  const rows: [string, Cell][] = [
    [s.session, str(record.title)],
    [s.plan, str(state.plan ? localize(state.plan.title, state.language) : x.values.noPlan)],
    [s.date, date(record.createdAt)],
    [s.ended, date(record.endedAt)],
    [s.durationMinutes, record.endedAt ? num(Math.round((record.endedAt - record.createdAt) / 60_000)) : null],
    [s.trainer, str(trainer)],
    [s.code, str(record.code)],
    [s.language, str(x.languages[state.language])],
    [s.status, str(record.status === "live" ? x.values.live : x.values.ended)],
    [s.participants, num(report.joined)],
    [s.removed, num(report.attendance.filter((a) => a.removed).length)],
    [s.peakOnline, num(report.peakOnline)],
    [s.groups, num(report.groups.length)],
    [s.notes, num(report.notes.length)],
    [s.visibleNotes, num(report.notes.length - hidden)],
    [s.hiddenNotes, num(hidden)],
    [s.votes, num(report.votes)],
    [s.sketches, num(report.sketches)],
    [s.helpShown, str(report.helpShown ? x.values.yes : x.values.no)],
    [s.exportedAt, date(now)],
    // Date cells carry no zone: say which wall clock they show.
    [s.timeZone, str(timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)],
  ];
  return table(x.sheets.summary, [s.field, s.value], [32, 48], rows.map(([label, value]) => [str(label), value]));
};

const attendanceSheet: SheetBuilder = ({ report }, text, date) => {
  const { exports: x } = text;
  const c = x.columns;
  const profile = report.askedProfile;
  const labels = [c.nickname, c.group, c.joined, c.left, c.removed, ...(profile ? [c.age, c.sex] : [])];
  const rows = report.attendance.map((a): Row => [
    str(a.nickname),
    str(a.groupName),
    date(a.joinedAt),
    date(a.leftAt),
    str(a.removed ? x.values.yes : null),
    ...(profile ? [str(a.removed ? null : profileValue(text, a.ageBand)), str(a.removed ? null : profileValue(text, a.sex))] : []),
  ]);
  return table(x.sheets.attendance, labels, [24, 20, 17, 17, 10, 18, 18], rows);
};

const notesSheet: SheetBuilder = ({ report }, { exports: x }, date) => {
  const c = x.columns;
  const rows = report.notes.map((n): Row => [
    str(n.groupName ?? x.values.room),
    str(n.stepTitle),
    str(n.text),
    num(n.votes),
    str(x.values[n.status]),
    str(n.anonymous ? x.values.anonymous : n.author),
    str(n.clusterName),
    str(n.flagged ? x.values.yes : null),
    date(n.createdAt),
    date(n.editedAt),
  ]);
  return table(x.sheets.notes, [c.group, c.step, c.text, c.votes, c.status, c.author, c.cluster, c.flagged, c.created, c.edited], [18, 28, 60, 8, 12, 18, 16, 10, 17, 17], rows);
};

const sketchesSheet: SheetBuilder = ({ report }, { exports: x }) => {
  const c = x.columns;
  const rows = report.sketchList.map((k): Row => [
    str(k.groupName ?? x.values.room),
    str(k.ownerKind === "group" ? x.values.groupCanvas : k.owner),
    str(k.stepTitle),
    str(k.hidden ? x.values.yes : x.values.no),
    str(k.done ? x.values.yes : x.values.no),
    num(k.strokes),
  ]);
  return table(x.sheets.sketches, [c.group, c.owner, c.step, c.hidden, c.done, c.strokes], [18, 24, 28, 10, 10, 10], rows);
};

/**
 * The workbook's sheets, in order. Poll results go here as one more builder
 * (e.g. `pollsSheet`: question, option, count, per group) once the report
 * carries them; a builder returns null to leave its sheet out.
 */
const SHEETS: SheetBuilder[] = [summarySheet, attendanceSheet, notesSheet, sketchesSheet];

/**
 * The session report as an Excel workbook (write-excel-file), in the
 * session's language: Summary, Attendance, Notes, Sketches. Times are real
 * date cells in the server's wall-clock time; text cells are plain strings,
 * and formula-like ones are neutralised all the same.
 */
export async function reportXlsx(input: XlsxInput): Promise<Buffer> {
  const text = exportText(input.locale);
  const date = (ms: number | null | undefined): Cell => (ms ? { value: wallClock(ms, input.timeZone), type: Date, format: DATE_FORMAT } : null);
  const sheets = SHEETS.map((build) => build(input, text, date)).filter((s): s is SheetOut => s !== null);
  return writeXlsxFile([...sheets, ...(input.extraSheets ?? [])]).toBuffer();
}
