import path from "node:path";
import PDFDocument from "pdfkit";
import type { SessionReport } from "@/lib/domain/report";
import type { SessionState } from "@/lib/domain/session-state";
import { sketchToSvg } from "@/lib/domain/sketch";
import type { SessionRecord } from "../store/event-store";
import { sketchPng } from "./sketch-export";

/** DejaVu covers Latin, Cyrillic and every Kazakh letter; it ships with the app (npm), no network. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const SKETCHES_IN_PDF = 24;

export interface PdfLabels {
  heading: string;
  attendance: string;
  perGroup: string;
  timeline: string;
  notes: string;
  notesChart: string;
  sketches: string;
  help: string;
  anonymous: string;
  hidden: string;
  room: string;
  moreSketches: (n: number) => string;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The session report as a PDF (pdfkit, server-side). Yields to the event loop
 * between chunks so a long report never stalls a live session on the same server.
 */
export async function reportPdf(input: { record: SessionRecord; state: SessionState; report: SessionReport; trainer: string; dateText: string; labels: PdfLabels }): Promise<Buffer> {
  const { record, state, report, labels } = input;
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: record.title, Producer: "Ortaq" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("body", path.join(FONT_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", path.join(FONT_DIR, "DejaVuSans-Bold.ttf"));

  const h = (text: string, size = 14) => doc.moveDown(0.6).font("bold").fontSize(size).fillColor("#0f172a").text(text).moveDown(0.2);
  const p = (text: string, size = 10, colour = "#0f172a") => doc.font("body").fontSize(size).fillColor(colour).text(text);

  doc.font("bold").fontSize(20).text(record.title);
  p(`${labels.heading} · ${input.dateText} · ${input.trainer} · ${record.code}`, 10, "#475569");

  h(labels.attendance);
  p(`${report.joined}`, 22);
  const active = report.groups.filter((g) => g.active);
  if (active.length) p(`${labels.perGroup}: ${active.map((g) => `${g.name} ${g.members}`).join(" · ")}`);
  p(labels.help);

  if (report.notesPerGroup.length) {
    h(labels.notesChart, 12);
    const max = Math.max(1, ...report.notesPerGroup.map((b) => b.count));
    for (const b of report.notesPerGroup) {
      const y = doc.y;
      doc.font("body").fontSize(9).fillColor("#0f172a").text(b.name.slice(0, 24), 48, y, { width: 110 });
      doc.rect(162, y, (300 * b.count) / max, 10).fill("#0e7490");
      doc.fillColor("#0f172a").text(String(b.count), 168 + (300 * b.count) / max, y);
      doc.x = 48;
    }
  }

  if (report.timeline.length) {
    h(labels.timeline);
    for (const s of report.timeline) {
      const t = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      p(`${t(s.startedAt)}${s.endedAt ? `–${t(s.endedAt)}` : ""}  ${s.title}`);
    }
  }

  h(`${labels.notes} (${report.notes.length})`);
  const byGroup = new Map<string, typeof report.notes>();
  for (const n of report.notes) {
    const g = n.groupName ?? labels.room;
    byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
  }
  let count = 0;
  for (const [g, notes] of byGroup) {
    doc.moveDown(0.3).font("bold").fontSize(11).text(g);
    for (const n of notes) {
      const meta = [n.anonymous ? labels.anonymous : n.author, n.clusterName, n.votes ? `♥ ${n.votes}` : null, n.status !== "visible" ? labels.hidden : null].filter(Boolean).join(" · ");
      p(`• ${n.text}${meta ? `  (${meta})` : ""}`, 9, n.status === "visible" ? "#0f172a" : "#64748b");
      if (++count % 100 === 0) await yieldToLoop();
    }
  }

  const sketches = state.sketchOrder.map((id) => state.sketches[id]).filter((k) => k && k.strokes.length > 0);
  if (sketches.length) {
    doc.addPage();
    h(`${labels.sketches} (${sketches.length})`);
    const w = 120;
    const hgt = 160;
    let x = 48;
    let y = doc.y;
    for (const k of sketches.slice(0, SKETCHES_IN_PDF)) {
      if (x + w > doc.page.width - 48) {
        x = 48;
        y += hgt + 12;
      }
      if (y + hgt > doc.page.height - 48) {
        doc.addPage();
        y = 48;
      }
      doc.image(Buffer.from(sketchPng(sketchToSvg(k.strokes), 240)), x, y, { width: w, height: hgt });
      doc.rect(x, y, w, hgt).lineWidth(0.5).stroke("#cbd5e1");
      x += w + 12;
      await yieldToLoop();
    }
    if (sketches.length > SKETCHES_IN_PDF) {
      doc.x = 48;
      doc.y = y + hgt + 16;
      p(labels.moreSketches(sketches.length - SKETCHES_IN_PDF), 9, "#475569");
    }
  }
  doc.end();
  return done;
}
