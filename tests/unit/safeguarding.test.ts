/**
 * Help requests and "forget me" in the domain: who may ask, answer and
 * delete; what each viewer is told (through the real routing, as in the
 * sync property test); and what a purge leaves in the log.
 */
import { applyEvents } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { SessionEvent } from "@/lib/domain/events";
import { forgetRedactor, helpRedactor, purgeFor } from "@/lib/domain/redaction";
import { HELP_WINDOW_MS } from "@/lib/domain/safeguarding";
import { emptySessionState } from "@/lib/domain/session-state";
import { stateForViewer, toClientEvent } from "@/lib/domain/visibility";
import { ctx } from "./ctx";
import { ended, organiser, otherTrainer, outcome, phone, strokeBody, system, trainer, twoGroups, type History } from "./support/session-fixtures";
import { startSim, type SyncSim } from "./support/sync-sim";

/** Everything the sim delivered for its last command: viewer name -> payload JSON. */
function deliveredTo(r: ReturnType<SyncSim["run"]>): Record<string, string> {
  return Object.fromEntries(r.deliveries.map((d) => [d.to.name, JSON.stringify(d.event)]));
}

function groupedSim(): SyncSim {
  const sim = startSim({ plan: null, phones: 4 });
  sim.must({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "numbers", selfSelect: false, cap: null }, trainer);
  return sim;
}

describe("help requests", () => {
  it("reach the trainer's console and the asking phone only, anonymous unless the phone shares its name", () => {
    const sim = groupedSim();
    const asked = sim.must({ type: "help:request", message: "Can we talk after? It is about home.", shareName: false }, phone("p1"));
    const got = deliveredTo(asked);
    expect(Object.keys(got).sort()).toEqual(["p1", "trainer"]);
    expect(got.trainer).toContain("It is about home");
    // Who asked is not in any client's copy, the trainer's included.
    for (const payload of Object.values(got)) expect(payload).not.toContain('"p1"');
    const request = Object.values(sim.viewer("trainer").state.helpRequests)[0];
    expect(request).toMatchObject({ message: "Can we talk after? It is about home.", nickname: null, participantId: null, acknowledged: false });
    // The server's record knows, to route the reply.
    expect(sim.server.helpRequests[request.id].participantId).toBe("p1");

    const shared = sim.must({ type: "help:request", message: "", shareName: true }, phone("p3"));
    expect(JSON.parse(deliveredTo(shared).trainer).payload.nickname).toBe("nick-p3");
    expect(sim.viewer("screen").state.helpOrder).toEqual([]);
    expect(sim.viewer("p2").state.helpOrder).toEqual([]);
    expect(sim.viewer("p1").state.helpOrder).toEqual([request.id]);
    expect(sim.outOfSync()).toEqual({});
  });

  it("the trainer acknowledges and replies; only the asking phone hears the reply", () => {
    const sim = groupedSim();
    sim.must({ type: "help:request", message: "I need to talk", shareName: false }, phone("p2"));
    const id = sim.viewer("trainer").state.helpOrder[0];
    const ack = sim.must({ type: "help:ack", requestId: id }, trainer);
    expect(Object.keys(deliveredTo(ack)).sort()).toEqual(["p2", "trainer"]);
    const reply = sim.must({ type: "help:reply", requestId: id, text: "I'll stay after the session — come and find me" }, trainer);
    expect(Object.keys(deliveredTo(reply)).sort()).toEqual(["p2", "trainer"]);
    expect(sim.viewer("p2").state.helpRequests[id]).toMatchObject({ acknowledged: true, replies: [{ text: "I'll stay after the session — come and find me" }] });
    for (const other of ["p1", "p3", "p4", "screen"]) expect(JSON.stringify(sim.viewer(other).state)).not.toContain("come and find me");
    expect(sim.outOfSync()).toEqual({});
  });

  it.each([
    { what: "a phone answering", actor: phone("p2"), expected: "FORBIDDEN" },
    { what: "another trainer", actor: otherTrainer, expected: "FORBIDDEN" },
    { what: "an organiser", actor: organiser, expected: "help:acknowledged" },
  ])("acknowledging: $what -> $expected", ({ actor, expected }) => {
    const h = twoGroups().run({ type: "help:request", message: "", shareName: false }, phone("p1"));
    const id = h.state.helpOrder[0];
    expect(outcome(decide(h.state, { type: "help:ack", requestId: id }, actor, ctx(6000)))).toBe(expected);
  });

  it("refuses unknown requests, empty or long replies, and requests from anyone but a phone", () => {
    const h = twoGroups().run({ type: "help:request", message: "", shareName: false }, phone("p1"));
    const id = h.state.helpOrder[0];
    expect(outcome(decide(h.state, { type: "help:reply", requestId: "nope", text: "Hi" }, trainer, ctx()))).toBe("HELP_REQUEST_NOT_FOUND");
    expect(outcome(decide(h.state, { type: "help:reply", requestId: "__proto__", text: "Hi" }, trainer, ctx()))).toBe("HELP_REQUEST_NOT_FOUND");
    expect(outcome(decide(h.state, { type: "help:reply", requestId: id, text: "  \n " }, trainer, ctx()))).toBe("BAD_REQUEST");
    expect(outcome(decide(h.state, { type: "help:reply", requestId: id, text: "x".repeat(501) }, trainer, ctx()))).toBe("BAD_REQUEST");
    expect(outcome(decide(h.state, { type: "help:request", message: "", shareName: false }, trainer, ctx()))).toBe("FORBIDDEN");
    expect(outcome(decide(h.state, { type: "help:request", message: "x".repeat(501), shareName: false }, phone("p1"), ctx()))).toBe("BAD_REQUEST");
    expect(outcome(decide(ended(h).state, { type: "help:request", message: "", shareName: false }, phone("p1"), ctx()))).toBe("SESSION_ENDED");
  });

  it("are limited to 3 in 10 minutes per phone, with a clear error, and open again after the window", () => {
    let h: History = twoGroups();
    const c = ctx(10_000);
    for (let i = 0; i < 3; i++) h = h.run({ type: "help:request", message: `try ${i}`, shareName: false }, phone("p1"), c);
    expect(outcome(decide(h.state, { type: "help:request", message: "again", shareName: false }, phone("p1"), c))).toBe("HELP_REQUESTS_LIMITED");
    // Someone else is not held up by it.
    expect(outcome(decide(h.state, { type: "help:request", message: "me too", shareName: false }, phone("p2"), c))).toBe("help:requested");
    // The folded `at` is the stored event's time; the window counts from there.
    const first = h.state.helpRequests[h.state.helpOrder[0]].at;
    expect(outcome(decide(h.state, { type: "help:request", message: "later", shareName: false }, phone("p1"), ctx(first + HELP_WINDOW_MS)))).toBe("help:requested");
  });

  it("a purge at the end empties every copy and the log's words; the count stays for the report", () => {
    const sim = groupedSim();
    sim.must({ type: "help:request", message: "secret words", shareName: true }, phone("p1"));
    sim.must({ type: "session:end" }, trainer);
    expect(outcome(decide(sim.server, { type: "help:purge" }, trainer, ctx()))).toBe("FORBIDDEN");
    const purged = sim.must({ type: "help:purge" }, system);
    // The requesters' ids travel with the stored event, never to a client.
    expect(Object.keys(deliveredTo(purged)).sort()).toEqual(["p1", "trainer"]);
    for (const payload of Object.values(deliveredTo(purged))) expect(payload).not.toContain("p1");
    expect(sim.server.helpOrder).toEqual([]);
    expect(sim.server.helpCount).toBe(1);
    expect(stateForViewer(sim.server, { kind: "staff" }).helpCount).toBe(1);
    expect(sim.viewer("p1").state.helpOrder).toEqual([]);
    expect(sim.outOfSync()).toEqual({});

    const redacted = redact(sim.log, purgeFor(purged.event!)!);
    expect(JSON.stringify(redacted)).not.toContain("secret words");
    const request = redacted.find((e) => e.type === "help:requested")!;
    expect(request.actor).toEqual({ kind: "system" });
    expect(request.payload).toMatchObject({ participantId: "", message: "", nickname: null });
    // The purged log folds to the same record.
    expect(applyEvents(emptySessionState(sim.server.id), redacted.map(toClientEvent))).toEqual(sim.server);
  });
});

/** The log after a redactor ran over it, as the store would hold it. */
function redact(log: readonly SessionEvent[], redactor: ReturnType<typeof forgetRedactor>): SessionEvent[] {
  return log.map((e) => {
    const r = redactor(e);
    return r ? ({ ...e, ...r.body, actor: r.actor ?? e.actor } as SessionEvent) : e;
  });
}

describe("forget me", () => {
  /** p1 wrote notes (one anonymous, one deleted, one edited), drew, voted, answered the profile and asked for help. */
  function busySim(): SyncSim {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "numbers", selfSelect: false, cap: null }, trainer);
    sim.must({ type: "board:configure", settings: { anonymousAllowed: true, showAll: true } }, trainer);
    sim.must({ type: "note:add", noteId: "note-p1-a", text: "My private worry about work abroad", anonymous: false }, phone("p1"));
    sim.must({ type: "note:add", noteId: "note-p1-b", text: "Anonymous but mine", anonymous: true }, phone("p1"));
    sim.must({ type: "note:add", noteId: "note-p1-c", text: "Deleted later", anonymous: false }, phone("p1"));
    sim.must({ type: "note:delete", noteId: "note-p1-c" }, phone("p1"));
    sim.must({ type: "note:edit", noteId: "note-p1-a", text: "My edited worry" }, phone("p1"));
    sim.must({ type: "note:add", noteId: "note-p2-a", text: "Someone else's idea", anonymous: false }, phone("p2"));
    sim.must({ type: "note:vote", noteId: "note-p2-a", on: true }, phone("p1"));
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: { id: "stroke-p1-1", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3, 4, 5, 6] } }, phone("p1"));
    sim.must({ type: "help:request", message: "please help", shareName: true }, phone("p1"));
    return sim;
  }

  it("a phone deletes its own data; every other client's state and the room lose it", () => {
    const sim = busySim();
    const r = sim.must({ type: "participant:forget" }, phone("p1"));
    expect(r.event!.payload).toMatchObject({ participantId: "p1", noteIds: ["note-p1-a", "note-p1-b"], sketchIds: ["p_p1_free"] });
    for (const v of ["trainer", "screen", "p2", "p3", "p4"]) {
      const st = JSON.stringify(sim.viewer(v).state);
      expect(st).not.toContain("worry");
      expect(st).not.toContain("Anonymous but mine");
      expect(st).not.toContain("nick-p1");
      expect(st).not.toContain("stroke-p1-1");
      expect(st).not.toContain("please help");
    }
    expect(sim.server.participants.p1).toBeUndefined();
    expect(sim.server.notes["note-p2-a"]).toBeDefined();
    expect(sim.server.votesBy.p1).toBeUndefined();
    // The forgotten phone hears of itself and holds nothing of itself any more; then it is out of the session.
    const mine = sim.viewer("p1").state;
    expect(mine.participants.p1).toBeUndefined();
    expect(JSON.stringify(mine)).not.toContain("worry");
    sim.viewers.delete("p1");
    expect(sim.outOfSync()).toEqual({});
  });

  it("the purge blanks every word, name and stroke of theirs in the log, and the log still folds to the same record", () => {
    const sim = busySim();
    const r = sim.must({ type: "participant:forget" }, phone("p1"));
    const redacted = redact(sim.log, purgeFor(r.event!)!);
    const text = JSON.stringify(redacted);
    for (const gone of ["worry", "Anonymous but mine", "Deleted later", "nick-p1", "please help"]) expect(text).not.toContain(gone);
    expect(text).toContain("Someone else's idea");
    expect(redacted.filter((e) => e.type === "stroke:committed").every((e) => e.type === "stroke:committed" && e.payload.stroke.points.length === 0)).toBe(true);
    expect(applyEvents(emptySessionState(sim.server.id), redacted.map(toClientEvent))).toEqual(sim.server);
    // Running it twice finds nothing left to do.
    expect(redacted.map(forgetRedactor("p1")).filter(Boolean)).toEqual([]);
    expect(redacted.map(helpRedactor).filter(Boolean)).toEqual([]);
  });

  it("takes their strokes off a group's shared canvas and leaves the rest of it", () => {
    const h = twoGroups()
      .then(strokeBody("g_ga_free", "group", "ga", "ga", null, "stroke-mine", "p1"), strokeBody("g_ga_free", "group", "ga", "ga", null, "stroke-mate", "p2"))
      .run({ type: "participant:forget" }, phone("p1"));
    expect(h.state.sketches.g_ga_free.strokes.map((s) => s.id)).toEqual(["stroke-mate"]);
    expect(h.state.groupSizes).toEqual({ ga: 1, gb: 2 });
  });

  it("takes their poll and quiz answers off the tallies and their open answers off the list, in the record and in the log", () => {
    const answered = (participantId: string, answerId: string, choice: number[], text: string | null, previous: { choice: number[]; text: string | null } | null = null) => ({
      type: "poll:answered" as const,
      payload: { key: "check:q1", participantId, answerId, choice, text, previous },
    });
    const h = twoGroups()
      .then({ type: "poll:opened", payload: { key: "check:q1", closed: null } })
      .then(answered("p1", "a1", [0], "MY FIRST WORDS"))
      .then(answered("p1", "a1", [1], "MY SECOND WORDS", { choice: [0], text: "MY FIRST WORDS" }))
      .then(answered("p2", "a2", [1], "theirs"));
    expect(h.state.polls.questions["check:q1"]).toMatchObject({ counts: [0, 2], total: 2, textOrder: ["a1", "a2"] });
    const after = h.run({ type: "participant:forget" }, phone("p1"));
    const q = after.state.polls.questions["check:q1"];
    expect(q).toMatchObject({ counts: [0, 1], total: 1, textOrder: ["a2"], texts: { a2: { text: "theirs", hidden: false } } });
    expect(q.answers.p1).toBeUndefined();
    const redacted = redact(after.events, purgeFor(after.last)!);
    expect(JSON.stringify(redacted)).not.toContain("MY FIRST WORDS");
    expect(JSON.stringify(redacted)).not.toContain("MY SECOND WORDS");
    expect(applyEvents(emptySessionState(after.state.id), redacted.map(toClientEvent))).toEqual(after.state);
  });

  it.each([
    { what: "a phone, someone else", actor: phone("p2"), body: { participantId: "p1" }, expected: "FORBIDDEN" },
    { what: "a phone, itself by id", actor: phone("p1"), body: { participantId: "p1" }, expected: "participant:forgotten" },
    { what: "the trainer, without an id", actor: trainer, body: {}, expected: "BAD_REQUEST" },
    { what: "the trainer, a participant", actor: trainer, body: { participantId: "p1" }, expected: "participant:forgotten" },
    { what: "an organiser, a participant", actor: organiser, body: { participantId: "p1" }, expected: "participant:forgotten" },
    { what: "another trainer", actor: otherTrainer, body: { participantId: "p1" }, expected: "FORBIDDEN" },
    { what: "the trainer, nobody", actor: trainer, body: { participantId: "nobody" }, expected: "PARTICIPANT_NOT_FOUND" },
    { what: "the trainer, a prototype name", actor: trainer, body: { participantId: "constructor" }, expected: "PARTICIPANT_NOT_FOUND" },
  ])("forgetting: $what -> $expected", ({ actor, body, expected }) => {
    expect(outcome(decide(twoGroups().state, { type: "participant:forget", ...body }, actor, ctx()))).toBe(expected);
  });

  it("works after the session ended (until retention deletes it), and for someone the trainer removed", () => {
    const h = ended(twoGroups().run({ type: "participant:remove", participantIds: ["p3"], keepNotes: true }, trainer));
    expect(outcome(decide(h.state, { type: "participant:forget" }, phone("p1"), ctx()))).toBe("participant:forgotten");
    expect(outcome(decide(h.state, { type: "participant:forget", participantId: "p3" }, organiser, ctx()))).toBe("participant:forgotten");
  });
});
