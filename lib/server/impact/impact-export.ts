import path from "node:path";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import writeXlsxFile, { type Row, type Sheet } from "write-excel-file/node";
import type { Locale } from "@/lib/domain/locales";
import { defaultSeparator } from "../reports/notes-csv";
import { spreadsheetCell, spreadsheetRow } from "../reports/spreadsheet-cell";
import type { ImpactTable } from "./impact-tables";

/**
 * Impact tables written out: CSV (UTF-8 with a byte-order mark, the
 * language's list separator), an Excel workbook (a sheet per table) and a
 * PDF (DejaVu, so Cyrillic and Kazakh print). The tables hold published
 * figures only. Every text cell is neutralised against formula injection.
 */

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique; "Knowledge check: before and after" becomes "Knowledge check". */
function sheetName(name: string, taken: Set<string>): string {
  let base = name.split(":")[0].replace(/[\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().slice(0, 31) || "Sheet";
  for (let n = 2; taken.has(base); n++) base = `${name.slice(0, 28)} ${n}`;
  taken.add(base);
  return base;
}

export function tablesCsv(title: string[], tables: readonly ImpactTable[], locale: Locale): string {
  const rows: unknown[][] = title.map((t) => [t]);
  for (const t of tables) rows.push([], [t.name], t.header, ...t.rows);
  return `\uFEFF${stringify(rows.map((r) => spreadsheetRow(r)), { delimiter: defaultSeparator(locale) })}`;
}

/** Sheets for a workbook (the session's XLSX export adds these to its own). */
export function tablesSheets(tables: readonly ImpactTable[]): Sheet<Buffer>[] {
  const taken = new Set<string>();
  return tables.map((t) => {
    const header: Row = t.header.map((value) => ({ value: String(spreadsheetCell(value)), type: String, fontWeight: "bold" as const }));
    const rows: Row[] = t.rows.map((r) => r.map((v) => (typeof v === "number" ? { value: v, type: Number } : { value: String(spreadsheetCell(v)), type: String })));
    const widths = t.header.map((h, i) => Math.min(60, Math.max(10, h.length + 2, ...t.rows.map((r) => String(r[i] ?? "").length + 2))));
    return { sheet: sheetName(t.name, taken), data: [header, ...rows], columns: widths.map((width) => ({ width })), stickyRowsCount: 1 };
  });
}

export async function tablesXlsx(tables: readonly ImpactTable[]): Promise<Buffer> {
  return writeXlsxFile(tablesSheets(tables)).toBuffer();
}

const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const MARGIN = 40;

/** Writes tables into an open pdfkit document (the session's PDF report adds these to its own). Fonts "body" and "bold" must be registered. */
export function writeTablesPdf(doc: PDFKit.PDFDocument, tables: readonly ImpactTable[]): void {
  const width = doc.page.width - 2 * MARGIN;
  for (const t of tables) {
    doc.moveDown(0.8).font("bold").fontSize(12).fillColor("#0f172a").text(t.name, MARGIN);
    if (t.rows.length === 0) {
      doc.font("body").fontSize(9).fillColor("#475569").text("—");
      continue;
    }
    // The first column (names, questions) gets the room it needs; the figures share the rest.
    const first = t.header.length > 1 ? Math.min(width * 0.42, width / 2) : width;
    const rest = t.header.length > 1 ? (width - first) / (t.header.length - 1) : 0;
    const colX = (i: number) => MARGIN + (i === 0 ? 0 : first + rest * (i - 1));
    const colW = (i: number) => (i === 0 ? first : rest) - 4;
    const line = (cells: readonly (string | number)[], bold: boolean) => {
      doc.font(bold ? "bold" : "body").fontSize(8).fillColor("#0f172a");
      const heights = cells.map((v, i) => doc.heightOfString(String(v), { width: colW(i) }));
      const h = Math.max(10, ...heights) + 3;
      if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      cells.forEach((v, i) => doc.text(String(v), colX(i), y, { width: colW(i) }));
      doc.x = MARGIN;
      doc.y = y + h;
      doc.moveTo(MARGIN, doc.y - 1).lineTo(MARGIN + width, doc.y - 1).lineWidth(0.3).strokeColor("#cbd5e1").stroke();
    };
    line(t.header, true);
    for (const r of t.rows) line(r, false);
  }
}

/** Bars of right answers before and after, one pair per question (the knowledge-check chart). */
function prePostChart(doc: PDFKit.PDFDocument, bars: readonly { label: string; pre: number | null; post: number | null }[], legend: [string, string]): void {
  const shown = bars.filter((b) => b.pre !== null && b.post !== null);
  if (!shown.length) return;
  const width = doc.page.width - 2 * MARGIN;
  const labelW = 170;
  const barW = width - labelW - 40;
  doc.moveDown(0.5).font("body").fontSize(8);
  for (const b of shown) {
    if (doc.y + 30 > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.fillColor("#0f172a").text(b.label.slice(0, 60), MARGIN, y, { width: labelW - 8, height: 24, ellipsis: true });
    doc.rect(MARGIN + labelW, y, (barW * b.pre!) / 100, 8).fill("#94a3b8");
    doc.rect(MARGIN + labelW, y + 10, (barW * b.post!) / 100, 8).fill("#0e7490");
    doc.fillColor("#0f172a").text(`${b.pre}%`, MARGIN + labelW + (barW * b.pre!) / 100 + 4, y - 1, { lineBreak: false });
    doc.text(`${b.post}%`, MARGIN + labelW + (barW * b.post!) / 100 + 4, y + 9, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 26;
  }
  doc.rect(MARGIN + labelW, doc.y, 8, 8).fill("#94a3b8").fillColor("#0f172a").text(legend[0], MARGIN + labelW + 12, doc.y - 1, { lineBreak: false });
  doc.rect(MARGIN + labelW + 90, doc.y, 8, 8).fill("#0e7490").fillColor("#0f172a").text(legend[1], MARGIN + labelW + 102, doc.y - 1, { lineBreak: false });
  doc.x = MARGIN;
  doc.moveDown(1.5);
}

/** A PDF of impact tables, with the knowledge check drawn as bars. */
export async function tablesPdf(opts: { title: string; lines: string[]; tables: readonly ImpactTable[]; chart?: { title: string; bars: { label: string; pre: number | null; post: number | null }[]; legend: [string, string] } }): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: opts.title, Producer: "Ortaq" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("body", path.join(FONT_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", path.join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  doc.font("bold").fontSize(18).fillColor("#0f172a").text(opts.title);
  for (const l of opts.lines) doc.font("body").fontSize(9).fillColor("#475569").text(l);
  if (opts.chart && opts.chart.bars.some((b) => b.pre !== null)) {
    doc.moveDown(0.8).font("bold").fontSize(12).fillColor("#0f172a").text(opts.chart.title);
    prePostChart(doc, opts.chart.bars, opts.chart.legend);
  }
  writeTablesPdf(doc, opts.tables);
  doc.end();
  return done;
}
