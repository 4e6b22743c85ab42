import path from "node:path";
import PDFDocument from "pdfkit";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import type { SessionReport, SketchRow } from "@/lib/domain/report";
import type { SessionState } from "@/lib/domain/session-state";
import { sketchToSvg } from "@/lib/domain/sketch-svg";
import type { SessionRecord } from "../store/event-store";
import { exportText, fill } from "./export-text";
import { sketchPng } from "./sketch-export";

/** DejaVu covers Latin, Cyrillic and every Kazakh letter; it ships with the app (npm), no network. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const SKETCHES_IN_PDF = 24;
const MARGIN = 48;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The session report as a PDF (pdfkit, server-side), in the session's
 * language. Yields to the event loop between chunks so a long report never
 * stalls a live session on the same server.
 */
export async function reportPdf(input: {
  record: SessionRecord;
  state: SessionState;
  report: SessionReport;
  trainer: string;
  locale: Locale;
  timeZone?: string;
  /** Writes more pages before the document ends (the session's poll, knowledge-check and indicator tables). */
  more?: (doc: PDFKit.PDFDocument) => void;
}): Promise<Buffer> {
  const { record, state, report, locale } = input;
  const { exports: x, reports: r } = exportText(locale);
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: record.title, Producer: "Ortaq" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("body", path.join(FONT_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", path.join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: input.timeZone });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: input.timeZone });

  const h = (text: string, size = 14) => doc.moveDown(0.6).font("bold").fontSize(size).fillColor("#0f172a").text(text).moveDown(0.2);
  const p = (text: string, size = 10, colour = "#0f172a") => doc.font("body").fontSize(size).fillColor(colour).text(text);

  doc.font("bold").fontSize(20).text(record.title);
  const plan = state.plan ? localize(state.plan.title, state.language) : null;
  p([x.pdf.heading, dateTime.format(new Date(record.createdAt)), input.trainer, plan, record.code].filter(Boolean).join(" · "), 10, "#475569");

  h(r.attendance);
  p(`${x.pdf.participants}: ${report.joined}`, 16);
  const active = report.groups.filter((g) => g.active);
  if (active.length) p(`${r.perGroup}: ${active.map((g) => `${g.name} ${g.members}`).join(" · ")}`);
  p(report.helpShown ? r.helpShown : r.helpNotShown);

  if (report.notesPerGroup.length) {
    h(r.notesChart, 12);
    barChart(doc, report.notesPerGroup.map((b) => ({ ...b, name: b.room ? x.values.room : b.name })));
  }

  if (report.timeline.length) {
    h(r.timeline);
    for (const s of report.timeline) p(`${time.format(new Date(s.startedAt))}${s.endedAt ? `–${time.format(new Date(s.endedAt))}` : ""}  ${s.title}`);
  }

  h(`${r.notesByGroup} (${report.notes.length})`);
  const byGroup = new Map<string, typeof report.notes>();
  for (const n of report.notes) {
    const g = n.groupName ?? x.values.room;
    byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
  }
  let count = 0;
  for (const [g, notes] of byGroup) {
    doc.moveDown(0.3).font("bold").fontSize(11).text(g);
    for (const n of notes) {
      const meta = [n.anonymous ? x.values.anonymous : n.author, n.clusterName, n.votes ? `♥ ${n.votes}` : null, n.status !== "visible" ? x.values[n.status] : null].filter(Boolean).join(" · ");
      p(`• ${n.text}${meta ? `  (${meta})` : ""}`, 9, n.status === "visible" ? "#0f172a" : "#64748b");
      if (++count % 100 === 0) await yieldToLoop();
    }
  }

  const sketches = report.sketchList;
  if (sketches.length) {
    doc.addPage();
    h(`${r.sketches} (${sketches.length})`);
    await sketchGrid(doc, state, sketches.slice(0, SKETCHES_IN_PDF), (k) =>
      [k.groupName ?? x.values.room, k.ownerKind === "group" ? x.values.groupCanvas : k.owner, k.hidden ? x.values.hidden : null].filter(Boolean).join(" · "),
    );
    if (sketches.length > SKETCHES_IN_PDF) p(fill(x.pdf.moreSketches, { count: sketches.length - SKETCHES_IN_PDF }), 9, "#475569");
  }
  input.more?.(doc);
  doc.end();
  return done;
}

/**
 * Sketches four to a row, each over its label (group first, then who drew
 * it), shown whole: a row is as tall as its longest label, and a row that
 * would cross the page's foot starts a new page.
 */
async function sketchGrid(doc: PDFKit.PDFDocument, state: SessionState, sketches: SketchRow[], labelOf: (k: SketchRow) => string) {
  const perRow = 4;
  const gap = 12;
  const w = (doc.page.width - 2 * MARGIN - gap * (perRow - 1)) / perRow;
  // Sketches are drawn in a 3:4 portrait space.
  const hgt = (w * 4) / 3;
  let y = doc.y;
  doc.font("body").fontSize(8);
  for (let i = 0; i < sketches.length; i += perRow) {
    const row = sketches.slice(i, i + perRow).map((k) => ({ k, label: labelOf(k) }));
    const labelH = Math.max(...row.map(({ label }) => doc.heightOfString(label, { width: w }))) + 4;
    if (y + hgt + labelH > doc.page.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    for (const [j, { k, label }] of row.entries()) {
      const x = MARGIN + j * (w + gap);
      doc.image(Buffer.from(sketchPng(sketchToSvg(state.sketches[k.id]?.strokes ?? []), 240)), x, y, { width: w, height: hgt });
      doc.rect(x, y, w, hgt).lineWidth(0.5).stroke(k.groupColour ?? "#cbd5e1");
      doc.font("body").fontSize(8).fillColor("#0f172a").text(label, x, y + hgt + 3, { width: w });
      await yieldToLoop();
    }
    y += hgt + labelH + gap;
  }
  doc.x = MARGIN;
  doc.y = y;
}

/**
 * Horizontal bars with their full labels: the label column is as wide as the
 * longest label up to 40% of the page, and longer labels wrap onto more lines
 * (never cut); rows that would cross the page's foot start a new page.
 */
function barChart(doc: PDFKit.PDFDocument, bars: { name: string; count: number }[]) {
  const left = MARGIN;
  const right = doc.page.width - MARGIN;
  const max = Math.max(1, ...bars.map((b) => b.count));
  doc.font("body").fontSize(9);
  const labelW = Math.min(Math.max(...bars.map((b) => doc.widthOfString(b.name))) + 2, (right - left) * 0.4);
  const barX = left + labelW + 8;
  const barMax = right - barX - doc.widthOfString(String(max)) - 8;
  let y = doc.y;
  for (const b of bars) {
    const rowH = Math.max(doc.heightOfString(b.name, { width: labelW }), 11);
    if (y + rowH > doc.page.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    const w = Math.max(1, (barMax * b.count) / max);
    doc.fillColor("#0f172a").text(b.name, left, y, { width: labelW, align: "right" });
    doc.rect(barX, y + 1, w, 9).fill("#0e7490");
    doc.fillColor("#0f172a").text(String(b.count), barX + w + 4, y, { lineBreak: false });
    y += rowH + 3;
  }
  doc.x = left;
  doc.y = y;
}
