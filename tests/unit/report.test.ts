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

  it("names each note's step by its title, not its id", () => {
    expect(report.notes.map((n) => n.stepTitle)).toEqual(["Storm", "Storm"]);
  });

  it("lists attendance from the log: nickname, group, joined and left (the session's end)", () => {
    expect(report.attendance).toEqual([
      expect.objectContaining({ nickname: "Айгерім", groupName: "Түлкі", joinedAt: 1000, leftAt: 400_000, removed: false }),
      expect.objectContaining({ nickname: "Bolat", groupName: "Түлкі", joinedAt: 61_000, leftAt: 400_000, removed: false }),
    ]);
  });

  it("exports notes as CSV that Excel opens with Cyrillic intact", () => {
    const csv = notesCsv(report, { locale: "en" });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\n");
    expect(lines[0]).toBe("Group,Cluster,Author,Text,Votes,Status,Flagged by the filter,Step,Created,Edited");
    expect(lines[1]).toMatch(/^Түлкі,,Айгерім,"Не верь ""лёгким"" деньгам, друг",0,visible,,Storm,1970-01-01 \d\d:\d\d:05,$/);
    expect(lines[2]).toMatch(/^Түлкі,,Anonymous,secret,0,hidden,/);
  });
});

describe("report of a session with removals, renames and sketches", () => {
  const stroke = (id: string, authorId: string) => ({ id, colour: "#111827", width: 6, tool: "pen", points: [10, 10, 50, 20, 20, 50, 30, 30, 50], authorId });
  const log: ClientEvent[] = [
    ev("session:created", { title: "T", language: "en", code: "ABCDEF", trainerId: "t", plan, help: { contacts: [], examples: true }, askProfile: true }, 0),
    ev("participant:joined", { participantId: "p1", nickname: "Dana" }, 1000),
    ev("participant:joined", { participantId: "p2", nickname: "Rude name" }, 2000),
    ev("participant:joined", { participantId: "p3", nickname: "Erlan" }, 3000),
    ev("participant:profiled", { participantId: "p1", ageBand: "16-17", sex: "female" }, 3500),
    ev("groups:formed", { groups: [{ id: "g1", name: "Fox", colour: "#f97316", members: ["p1", "p2"] }, { id: "g2", name: "Owl", colour: "#8b5cf6", members: ["p3"] }], selfSelect: false, cap: null, sizes: { g1: 2, g2: 1 } }, 4000),
    ev("participant:renamed", { participantId: "p2", nickname: "Guest 2", groupId: "g1" }, 5000),
    ev("agenda:moved", { index: 1, timer: { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null } }, 6000),
    ev("stroke:committed", { sketchId: "p_p1_storm", groupId: "g1", ownerKind: "participant", ownerId: "p1", stepId: "storm", stroke: stroke("stroke-0001", "p1") }, 7000),
    ev("stroke:committed", { sketchId: "g_g2_storm", groupId: "g2", ownerKind: "group", ownerId: "g2", stepId: "storm", stroke: stroke("stroke-0002", "p3") }, 7100),
    ev("sketch:hidden", { sketchId: "g_g2_storm", groupId: "g2" }, 7200),
    ev("participants:removed", { participantIds: ["p2"], keepNotes: false, noteIds: [], sketchIds: [], sizes: { g1: 1, g2: 1 } }, 8000),
  ];
  const state = applyEvents(emptySessionState("s"), log);
  const report = buildReport(state, log, 9000);

  it("keeps removed people in the attendance, with their last nickname and when they were removed", () => {
    expect(report.joined).toBe(2);
    expect(report.attendance.map((a) => [a.nickname, a.groupName, a.leftAt, a.removed, a.ageBand, a.sex])).toEqual([
      ["Dana", "Fox", null, false, "16-17", "female"],
      ["Guest 2", null, 8000, true, null, null],
      ["Erlan", "Owl", null, false, null, null],
    ]);
  });

  it("drops from the attendance someone who asked to be forgotten", () => {
    const forgotten = [...log, ev("participant:forgotten", { participantId: "p3", noteIds: [], sketchIds: [], strokes: [], helpRequestIds: [], sizes: { g1: 1, g2: 0 } }, 8500)];
    const after = buildReport(applyEvents(emptySessionState("s"), forgotten), forgotten, 9000);
    expect(after.attendance.map((a) => a.participantId)).toEqual(["p1", "p2"]);
  });

  it("labels each sketch with its group, who drew it and its step", () => {
    expect(report.sketchList).toEqual([
      { id: "p_p1_storm", groupName: "Fox", groupColour: "#f97316", ownerKind: "participant", owner: "Dana", stepTitle: "Storm", hidden: false, done: false, strokes: 1 },
      { id: "g_g2_storm", groupName: "Owl", groupColour: "#8b5cf6", ownerKind: "group", owner: null, stepTitle: "Storm", hidden: true, done: false, strokes: 1 },
    ]);
  });
});