// Issue 8 targets: for a session of 500 participants, 5,000 notes and 1,000
// sketches, report data and CSV in under 2 s, PDF in under 10 s; issue 12:
// the XLSX workbook (Summary, Attendance, Notes, Sketches) in under 5 s. Builds the
// session's log in a real SQLite store, then times the same functions the
// report page and export routes call.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyEvents } from "../lib/domain/apply-event";
import type { EventBody } from "../lib/domain/events";
import { buildReport } from "../lib/domain/report";
import { emptySessionState } from "../lib/domain/session-state";
import { eventForViewer, toClientEvent } from "../lib/domain/visibility";
import { openDatabase } from "../lib/server/store/db";
import { notesCsv } from "../lib/server/reports/notes-csv";
import { reportPdf } from "../lib/server/reports/report-pdf";
import { reportXlsx } from "../lib/server/reports/report-xlsx";
import { createSqliteEventStore } from "../lib/server/store/sqlite-event-store";
import { createUserStore } from "../lib/server/accounts/user-store";
import { createSqliteSql } from "../lib/server/store/sqlite-sql";
import { summary, writeResult } from "./harness";

const PARTICIPANTS = 500;
const NOTES = 5000;
const SKETCHES = 1000;
const RUNS = 3;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-report-bench-"));
  const db = openDatabase(path.join(dir, "r.db"));
  await createUserStore(createSqliteSql(db)).create({ id: "t", email: "t@bench", name: "Trainer", role: "trainer", passwordHash: "x", createdAt: 0 });
  const store = createSqliteEventStore(db);
  const id = "bench-session";
  let seq = 1;
  let at = Date.parse("2026-11-01T09:00:00Z");
  await store.createSession(
    { id, code: "BENCH2", title: "Бенчмарк: отчёт на 500 участников", language: "ru", trainerId: "t", status: "live", createdAt: at, endedAt: null },
    { body: { type: "session:created", payload: { title: "Бенчмарк", language: "ru", code: "BENCH2", trainerId: "t", plan: null, help: { contacts: [], examples: true } } }, seq: 1, at, actor: { kind: "user", id: "t" }, commandId: null },
  );
  const bodies: EventBody[] = [];
  const pids = Array.from({ length: PARTICIPANTS }, (_, i) => `p${i}`);
  pids.forEach((p, i) => bodies.push({ type: "participant:joined", payload: { participantId: p, nickname: `Участник ${i}` } }));
  const groups = Array.from({ length: 50 }, (_, g) => ({ id: `g${g}`, name: `Группа ${g + 1}`, colour: "#0e7490", members: pids.filter((_, i) => i % 50 === g) }));
  bodies.push({ type: "groups:formed", payload: { groups, selfSelect: false, cap: null, sizes: Object.fromEntries(groups.map((g) => [g.id, g.members.length])) } });
  for (let n = 0; n < NOTES; n++) {
    const author = n % PARTICIPANTS;
    bodies.push({
      type: "note:added",
      payload: {
        note: { id: `n${n}`, groupId: `g${author % 50}`, stepId: null, text: `Идея ${n}: не верь лёгким деньгам, проверяй работодателя · Қауіпсіздік бірінші`, authorId: `p${author}`, anonymous: n % 7 === 0, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: at + n * 100, editedAt: null },
      },
    });
  }
  for (let k = 0; k < SKETCHES; k++) {
    for (let s = 0; s < 5; s++) {
      const points = Array.from({ length: 40 }, (_, i) => [50 + i * 15, 100 + s * 150 + ((i * 7) % 30), 50]).flat();
      bodies.push({ type: "stroke:committed", payload: { sketchId: `p_p${k % PARTICIPANTS}_s${Math.floor(k / PARTICIPANTS)}`, groupId: `g${k % 50}`, ownerKind: "participant", ownerId: `p${k % PARTICIPANTS}`, stepId: null, stroke: { id: `st${k}x${s}`, colour: "#111827", width: 14, tool: "pen", points, authorId: `p${k % PARTICIPANTS}` } } });
    }
  }
  bodies.push({ type: "session:ended", payload: {} });
  // The store writes through its group-commit writer: every batch is on disk when its promise resolves.
  const stored = bodies.map((body) => {
    at += 50;
    return { body, seq: ++seq, at, actor: { kind: "system" as const }, commandId: crypto.randomUUID() };
  });
  for (let i = 0; i < stored.length; i += 1000) {
    const written = await store.appendBatch(id, stored.slice(i, i + 1000));
    if (!written.ok) throw new Error(`append failed at ${i}`);
  }
  const record = (await store.getSession(id))!;
  if ((await store.readSince(id, 0)).length !== bodies.length + 1) throw new Error("not every event was stored");

  const dataMs: number[] = [];
  const csvMs: number[] = [];
  const pdfMs: number[] = [];
  const xlsxMs: number[] = [];
  let pdfBytes = 0;
  let xlsxBytes = 0;
  let csvBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const events = await store.readSince(id, 0);
    const state = applyEvents(emptySessionState(id), events.map(toClientEvent));
    const clientEvents = events.map((e) => eventForViewer(e, { kind: "staff" }, state)!);
    const report = buildReport(state, clientEvents, Date.now());
    const t1 = performance.now();
    const csv = notesCsv(report, { locale: "ru" });
    const t2 = performance.now();
    const pdf = await reportPdf({ record, state, report, trainer: "Trainer", locale: "ru" });
    const t3 = performance.now();
    const xlsx = await reportXlsx({ record, state, report, trainer: "Trainer", locale: "ru", now: Date.now() });
    const t4 = performance.now();
    dataMs.push(t1 - t0);
    csvMs.push(t2 - t1);
    pdfMs.push(t3 - t2);
    xlsxMs.push(t4 - t3);
    pdfBytes = pdf.length;
    xlsxBytes = xlsx.length;
    csvBytes = csv.length;
  }
  const data = summary(dataMs);
  const csv = summary(csvMs);
  const pdf = summary(pdfMs);
  const xlsx = summary(xlsxMs);
  writeResult("report-export", {
    participants: PARTICIPANTS,
    notes: NOTES,
    sketches: SKETCHES,
    events: bodies.length + 1,
    runs: RUNS,
    reportDataMs: data,
    csvMs: csv,
    reportDataPlusCsvMaxMs: Math.round((Math.max(...dataMs.map((d, i) => d + csvMs[i]))) * 10) / 10,
    pdfMs: pdf,
    xlsxMs: xlsx,
    csvBytes,
    pdfBytes,
    xlsxBytes,
    targets: { dataAndCsvMs: 2000, pdfMs: 10000, xlsxMs: 5000 },
    meetsTargets: Math.max(...dataMs.map((d, i) => d + csvMs[i])) < 2000 && pdf.max < 10000 && xlsx.max < 5000,
    note: "report data = read the log from SQLite, fold it, build the report (what the report page does); PDF embeds the first 24 sketches as PNG and lists every note; XLSX has a row per participant, note and sketch (after the report data, as the export route does).",
  });
  db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
