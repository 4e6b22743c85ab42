import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent } from "@/lib/domain/events";
import { buildReport } from "@/lib/domain/report";
import { emptySessionState } from "@/lib/domain/session-state";
import { notesCsv } from "@/lib/server/reports/notes-csv";

const plan = {
  id: "p",
  version: 1,
  title: { en: "Plan" },
  steps: [
    { id: "intro", kind: "intro" as const, title: { en: "Intro" }, groups: false },
    { id: "storm", kind: "brainstorm" as const, title: { en: "Storm" }, groups: true },
    { id: "help", kind: "help" as const, title: { en: "Help" }, groups: false },
  ],
};
let seq = 0;
const ev = (type: string, payload: object, at: number) => ({ type, payload, sessionId: "s", seq: ++seq, at }) as ClientEvent;
const note = (id: string, text: string, extra: object = {}) => ({ id, groupId: "g1", stepId: "storm", text, authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 5000, editedAt: null, ...extra });

const events: ClientEvent[] = [
  ev("session:created", { title: "T", language: "en", code: "ABCDEF", trainerId: "t", plan, help: { contacts: [], examples: true } }, 0),
  ev("participant:joined", { participantId: "p1", nickname: "Айгерім" }, 1000),
  ev("participant:joined", { participantId: "p2", nickname: "Bolat" }, 61_000),
  ev("groups:formed", { groups: [{ id: "g1", name: "Түлкі", colour: "#f00", members: ["p1", "p2"] }], selfSelect: false, cap: null, sizes: { g1: 2 } }, 62_000),
  ev("agenda:moved", { index: 0, timer: { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null } }, 100_000),
  ev("agenda:moved", { index: 1, timer: { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null } }, 200_000),
  ev("note:added", { note: note("n1", "Не верь \"лёгким\" деньгам, друг") }, 210_000),
  ev("note:added", { note: note("n2", "secret", { anonymous: true, authorId: null }) }, 211_000),
  ev("note:hidden", { noteId: "n2", groupId: "g1" }, 212_000),
  ev("agenda:moved", { index: 2, timer: { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null } }, 300_000),
  ev("session:ended", {}, 400_000),
];

describe("session report", () => {
  const state = applyEvents(emptySessionState("s"), events);
  const report = buildReport(state, events, 500_000);

  it("counts attendance, groups and notes", () => {
    expect(report.joined).toBe(2);
    expect(report.joinsOverTime).toEqual([
      [1000, 1],
      [61_000, 2],
    ]);
    expect(report.groups).toEqual([expect.objectContaining({ name: "Түлкі", members: 2, notes: 2, active: true })]);
    expect(report.notesPerGroup).toEqual([{ name: "Түлкі", count: 2 }]);
    expect(report.helpShown).toBe(true);
  });

  it("lays out the timeline of steps with their times", () => {
    expect(report.timeline.map((s) => [s.stepId, s.startedAt, s.endedAt])).toEqual([
      ["intro", 100_000, 200_000],
      ["storm", 200_000, 300_000],
      ["help", 300_000, 400_000],
    ]);
  });

  it("keeps hidden notes, marked, and anonymous ones nameless", () => {
    expect(report.notes.map((n) => [n.id, n.status, n.author])).toEqual([
      ["n1", "visible", "Айгерім"],
      ["n2", "hidden", null],
    ]);
  });

  it("exports notes as CSV that Excel opens with Cyrillic intact", () => {
    const csv = notesCsv(report, { anonymous: "anonymous" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\n");
    expect(lines[0]).toBe("group,cluster,author,text,votes,status,flagged,step,created,edited");
    expect(lines[1]).toBe('Түлкі,,Айгерім,"Не верь ""лёгким"" деньгам, друг",0,visible,,storm,1970-01-01T00:00:05.000Z,');
    expect(lines[2]).toMatch(/^Түлкі,,anonymous,secret,0,hidden,/);
  });
});
