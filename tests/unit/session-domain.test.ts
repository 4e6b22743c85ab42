import { ctx } from "./ctx";
import { applyEvent, applyEvents } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, SessionCommand } from "@/lib/domain/decision";
import type { ClientEvent } from "@/lib/domain/events";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { eventForViewer, stateForViewer } from "@/lib/domain/visibility";

const created: ClientEvent = {
  type: "session:created",
  payload: { title: "Workshop", language: "ru", code: "ABCDEF", trainerId: "t1", plan: null, help: { contacts: [], examples: true } },
  sessionId: "s1",
  seq: 1,
  at: 100,
};
const join = (seq: number, id: string, nickname: string): ClientEvent => ({
  type: "participant:joined",
  payload: { participantId: id, nickname },
  sessionId: "s1",
  seq,
  at: 100 + seq,
});

function live(...more: ClientEvent[]): SessionState {
  return applyEvents(emptySessionState("s1"), [created, ...more]);
}

describe("applyEvent", () => {
  it("folds a session's events into its state", () => {
    const s = live(join(2, "p1", "Aida"), join(3, "p2", "Bolat"));
    expect(s).toMatchObject({ title: "Workshop", language: "ru", code: "ABCDEF", trainerId: "t1", status: "live", seq: 3, createdAt: 100 });
    expect(s.participantOrder).toEqual(["p1", "p2"]);
    expect(s.participants.p2).toEqual({ id: "p2", nickname: "Bolat", joinedAt: 103 });
  });

  it("ignores events it has already seen, so resync and broadcast may overlap", () => {
    const s = live(join(2, "p1", "Aida"));
    expect(applyEvent(s, join(2, "p1", "Aida"))).toBe(s);
    expect(applyEvent(s, join(1, "p9", "Old"))).toBe(s);
  });

  it("does not mutate the state it is given", () => {
    const s = live();
    const frozen = JSON.stringify(s);
    applyEvent(s, join(2, "p1", "Aida"));
    expect(JSON.stringify(s)).toBe(frozen);
  });

  it("marks the session ended", () => {
    const s = live({ type: "session:ended", payload: {}, sessionId: "s1", seq: 2, at: 999 });
    expect(s).toMatchObject({ status: "ended", endedAt: 999 });
  });
});

describe("nicknames in use", () => {
  it.each([
    ["a free name stays as it is", ["Aida"], "Bolat", "Bolat"],
    ["a taken name gets the lowest free number", ["Aida", "Aida 2"], "aida", "aida 3"],
    ["a long name is shortened to fit its number", ["x".repeat(30)], "x".repeat(30), `${"x".repeat(28)} 2`],
  ])("%s", (_n, taken, wanted, expected) => {
    const s = live(...taken.map((n, i) => join(i + 2, `p${i}`, n)));
    const d = decide(s, { type: "participant:join", participantId: "pZ", nickname: wanted }, { kind: "participant", id: "pZ" }, ctx(1000));
    expect(d.ok && d.event.type === "participant:joined" && d.event.payload.nickname).toBe(expected);
  });
});

describe("decide", () => {
  const trainer: CommandActor = { kind: "user", id: "t1", role: "trainer" };
  const otherTrainer: CommandActor = { kind: "user", id: "t2", role: "trainer" };
  const organiser: CommandActor = { kind: "user", id: "o1", role: "organiser" };
  const phone: CommandActor = { kind: "participant", id: "p1" };
  const joinCmd = (nickname: string): SessionCommand => ({ type: "participant:join", participantId: "pX", nickname });
  const ended = live({ type: "session:ended", payload: {}, sessionId: "s1", seq: 2, at: 999 });

  it.each<[string, SessionState, SessionCommand, CommandActor, string]>([
    ["a new participant joins", live(), joinCmd(" Aida "), phone, "participant:joined"],
    ["a taken nickname gets a number", live(join(2, "p1", "Aida")), joinCmd("AIDA"), phone, "participant:joined"],
    ["an empty nickname", live(), joinCmd("  "), phone, "NICKNAME_INVALID"],
    ["joining an ended session", ended, joinCmd("Aida"), phone, "SESSION_ENDED"],
    ["the trainer ends it", live(), { type: "session:end" }, trainer, "session:ended"],
    ["an organiser ends it", live(), { type: "session:end" }, organiser, "session:ended"],
    ["another trainer tries to end it", live(), { type: "session:end" }, otherTrainer, "FORBIDDEN"],
    ["a participant tries to end it", live(), { type: "session:end" }, phone, "FORBIDDEN"],
    ["ending twice", ended, { type: "session:end" }, trainer, "SESSION_ENDED"],
  ])("%s", (_name, state, command, actor, expected) => {
    const d = decide(state, command, actor, ctx(1000));
    expect(d.ok ? d.event.type : d.error.code).toBe(expected);
  });

  it("stores the cleaned nickname", () => {
    const d = decide(live(), joinCmd("  Ai   da "), phone, ctx(1000));
    expect(d.ok && d.event.type === "participant:joined" && d.event.payload.nickname).toBe("Ai da");
  });
});

describe("visibility", () => {
  const s = live(join(2, "p1", "Aida"), join(3, "p2", "Bolat"));
  const stored = { ...join(3, "p2", "Bolat"), actor: { kind: "participant" as const, id: "p2" }, commandId: "c1" };

  it("gives staff and screens every event without actor or command id", () => {
    for (const kind of ["staff", "screen"] as const) {
      const e = eventForViewer(stored, { kind }, s);
      expect(e).toEqual(join(3, "p2", "Bolat"));
    }
  });

  it("shows a participant its own join but not another's", () => {
    expect(eventForViewer(stored, { kind: "participant", participantId: "p2" }, s)).not.toBeNull();
    expect(eventForViewer(stored, { kind: "participant", participantId: "p1" }, s)).toBeNull();
  });

  it("cuts a participant's snapshot to its own record", () => {
    const mine = stateForViewer(s, { kind: "participant", participantId: "p1" });
    expect(mine.participantOrder).toEqual(["p1"]);
    expect(Object.keys(mine.participants)).toEqual(["p1"]);
    expect(stateForViewer(s, { kind: "staff" })).toEqual(s);
  });
});

describe("applyEvents (bulk fold)", () => {
  it("gives the same state as applying events one by one, and leaves its input untouched", () => {
    const base = live(join(2, "p1", "Aida"));
    const frozen = JSON.stringify(base);
    const more: ClientEvent[] = [
      join(3, "p2", "Bolat"),
      { type: "note:added", payload: { note: { id: "n1", groupId: null, stepId: null, text: "a", authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null } }, sessionId: "s1", seq: 4, at: 4 },
      { type: "note:voted", payload: { noteId: "n1", groupId: null, voterId: "p2", on: true }, sessionId: "s1", seq: 5, at: 5 },
      { type: "stroke:committed", payload: { sketchId: "p_p1_free", groupId: null, ownerKind: "participant", ownerId: "p1", stepId: null, stroke: { id: "s-aaaaaaaa", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3], authorId: "p1" } }, sessionId: "s1", seq: 6, at: 6 },
      { type: "stroke:removed", payload: { sketchId: "p_p1_free", groupId: null, strokeIds: ["s-aaaaaaaa"] }, sessionId: "s1", seq: 7, at: 7 },
      { type: "stroke:committed", payload: { sketchId: "p_p1_free", groupId: null, ownerKind: "participant", ownerId: "p1", stepId: null, stroke: { id: "s-bbbbbbbb", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3], authorId: "p1" } }, sessionId: "s1", seq: 8, at: 8 },
      join(8, "p9", "Duplicate seq"),
    ];
    const one = more.reduce((st, e) => applyEvent(st, e), base);
    const bulk = applyEvents(base, more);
    expect(bulk).toEqual(one);
    expect(JSON.stringify(base)).toBe(frozen);
    expect(bulk.sketches.p_p1_free.strokes.map((x) => x.id)).toEqual(["s-bbbbbbbb"]);
  });
});
