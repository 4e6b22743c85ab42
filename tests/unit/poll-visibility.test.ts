/**
 * Who hears what of polls and quizzes (lib/domain/poll-visibility.ts):
 * answers never name their author to anyone but the server and the phone
 * that gave them; the projector and phones hold the questions' state but
 * never the right answers before the reveal; every client's fold equals its
 * snapshot, live and after a reconnect.
 */
import type { ClientEvent } from "@/lib/domain/events";
import { stateForViewer } from "@/lib/domain/visibility";
import { POLL_PLAN, POLL_STEP } from "./support/poll-fixtures";
import { phone, system, trainer } from "./support/session-fixtures";
import { delivered, startSim, type SyncSim } from "./support/sync-sim";

const t = trainer;
const p = phone;

function pollSim(phones = 4): SyncSim {
  const sim = startSim({ plan: POLL_PLAN, phones });
  sim.must({ type: "agenda:goto", index: POLL_STEP.welcome }, t);
  return sim;
}

/** Everything a client received, as JSON, for looking for what must not be there. */
function received(sim: SyncSim, name: string, from: number): string {
  return JSON.stringify(sim.log.filter((e) => e.seq > from).map((e) => delivered(e, sim.server)[name] ?? null));
}

describe("who receives each poll event", () => {
  it("an answer: the trainer without its author, the phone that gave it in full, nobody else", () => {
    const sim = pollSim();
    sim.must({ type: "poll:open", key: "welcome:abroad" }, t);
    const r = sim.must({ type: "poll:answer", key: "welcome:abroad", choice: [1] }, p("p2"));
    const got = delivered(r.event!, r.after);
    expect(got.trainer!.payload).toMatchObject({ participantId: "", choice: [1], previous: null });
    expect(got.p2!.payload).toMatchObject({ participantId: "p2", choice: [1] });
    expect({ screen: got.screen, p1: got.p1, p3: got.p3, p4: got.p4 }).toEqual({ screen: null, p1: null, p3: null, p4: null });
  });

  it.each<[string, (sim: SyncSim) => void, string[]]>([
    ["opening a question", (sim) => sim.must({ type: "poll:open", key: "welcome:abroad" }, t), ["trainer", "screen", "p1", "p2", "p3", "p4"]],
    ["showing its results", (sim) => (sim.must({ type: "poll:open", key: "welcome:abroad" }, t), sim.must({ type: "poll:show", key: "welcome:abroad", phones: true }, t)), ["trainer", "screen", "p1", "p2", "p3", "p4"]],
    ["revealing the answer", (sim) => (sim.must({ type: "poll:open", key: "welcome:abroad" }, t), sim.must({ type: "poll:reveal", key: "welcome:abroad" }, t)), ["trainer", "screen", "p1", "p2", "p3", "p4"]],
    ["who was online as a step began", (sim) => sim.must({ type: "attendance:snapshot", index: 0, online: ["p1", "p2"] }, system), ["trainer"]],
  ])("%s reaches %j", (_name, act, who) => {
    const sim = pollSim();
    act(sim);
    const got = delivered(sim.log.at(-1)!, sim.server);
    expect(Object.keys(got).filter((k) => got[k] !== null)).toEqual(who);
  });

  it("hiding an open answer reaches the trainers only (the room's word cloud comes from the results feed)", () => {
    const sim = pollSim();
    sim.must({ type: "agenda:goto", index: POLL_STEP.vote }, t);
    sim.must({ type: "poll:open", key: "vote:word" }, t);
    const r = sim.must({ type: "poll:answer", key: "vote:word", choice: [], text: "Trust" }, p("p1"));
    if (r.event?.type !== "poll:answered") throw new Error("no answer");
    sim.must({ type: "poll:hide-answer", key: "vote:word", answerId: r.event.payload.answerId, hidden: true }, t);
    const got = delivered(sim.log.at(-1)!, sim.server);
    expect(Object.keys(got).filter((k) => got[k] !== null)).toEqual(["trainer"]);
  });
});

describe("what each client holds", () => {
  it("a knowledge check from first question to reveal: every client in sync, right answers only after the reveal, answers never with a name", () => {
    const sim = pollSim();
    const start = sim.server.seq;
    sim.must({ type: "poll:open", key: "welcome:abroad" }, t);
    sim.must({ type: "poll:answer", key: "welcome:abroad", choice: [1] }, p("p1"));
    sim.must({ type: "poll:answer", key: "welcome:abroad", choice: [0] }, p("p2"));
    sim.must({ type: "poll:answer", key: "welcome:abroad", choice: [0] }, p("p1"));
    sim.must({ type: "poll:open", key: "welcome:signs" }, t);
    sim.must({ type: "poll:answer", key: "welcome:signs", choice: [0, 2] }, p("p3"));
    expect(sim.outOfSync()).toEqual({});

    // Before the reveal the room holds no right answer, in the plan or anywhere else.
    for (const name of ["screen", "p1", "p2", "p3", "p4"]) {
      expect(JSON.stringify(sim.viewer(name).state)).not.toMatch(/"correct"|"explanation"/);
      expect(received(sim, name, start)).not.toMatch(/"correct"|"explanation"/);
    }
    // The trainer's console tallies, without knowing who answered what.
    const staff = sim.viewer("trainer").state.polls.questions["welcome:abroad"];
    expect({ counts: staff.counts, total: staff.total, answers: staff.answers }).toEqual({ counts: [2, 0], total: 2, answers: {} });
    expect(received(sim, "trainer", start)).not.toMatch(/"participantId":"p\d"/);
    // A phone holds its own answer, nobody else's, and no tallies.
    const mine = sim.viewer("p1").state.polls.questions["welcome:abroad"];
    expect({ answers: Object.keys(mine.answers), choice: mine.answers.p1.choice, counts: mine.counts, total: mine.total }).toEqual({ answers: ["p1"], choice: [0], counts: [], total: 0 });
    expect(Object.keys(sim.viewer("p4").state.polls.questions["welcome:abroad"].answers)).toEqual([]);
    // The projector: the questions' state only.
    expect(sim.viewer("screen").state.polls.questions["welcome:abroad"]).toMatchObject({ status: "closed", counts: [], total: 0, answers: {} });

    sim.must({ type: "poll:reveal", key: "welcome:abroad" }, t);
    for (const name of ["screen", "p1", "p4"]) {
      expect(sim.viewer(name).state.polls.questions["welcome:abroad"].revealed).toEqual({ correct: [0], explanation: { en: "It happens inside a country too." } });
    }
    expect(sim.outOfSync()).toEqual({});
  });

  it("a phone or projector that missed answers and a reveal catches up to its snapshot; a late joiner's snapshot holds no right answer", () => {
    const sim = pollSim();
    sim.must({ type: "agenda:goto", index: POLL_STEP.quiz }, t);
    sim.must({ type: "poll:open", key: "quiz:law" }, t);
    sim.disconnect("p2");
    sim.disconnect("screen");
    sim.must({ type: "poll:answer", key: "quiz:law", choice: [0] }, p("p1"));
    sim.must({ type: "poll:answer", key: "quiz:law", choice: [1] }, p("p3"));
    sim.must({ type: "poll:reveal", key: "quiz:law" }, t);
    sim.reconnect("p2");
    sim.reconnect("screen");
    expect(sim.outOfSync()).toEqual({});
    sim.must({ type: "agenda:goto", index: POLL_STEP.wrap }, t);
    sim.must({ type: "participant:join", participantId: "p5", nickname: "Late" }, p("p5"));
    expect(JSON.stringify(sim.viewer("p5").state.plan)).not.toMatch(/"correct"|"explanation"/);
    expect(sim.viewer("p5").state.polls.questions["quiz:law"].revealed?.correct).toEqual([1]);
    expect(sim.outOfSync()).toEqual({});
  });

  it("the server keeps every answer by participant; the trainer's snapshot keeps none", () => {
    const sim = pollSim();
    sim.must({ type: "poll:open", key: "welcome:abroad" }, t);
    sim.must({ type: "poll:answer", key: "welcome:abroad", choice: [1] }, p("p1"));
    expect(Object.keys(sim.server.polls.questions["welcome:abroad"].answers)).toEqual(["p1"]);
    expect(stateForViewer(sim.server, { kind: "staff" }).polls.questions["welcome:abroad"].answers).toEqual({});
    const first = sim.log.find((e) => e.type === "session:created")!;
    const screenForm = delivered(first, sim.server).screen as ClientEvent & { type: "session:created" };
    expect(JSON.stringify(screenForm.payload.plan)).not.toMatch(/"correct"/);
    expect(JSON.stringify((delivered(first, sim.server).trainer as ClientEvent & { type: "session:created" }).payload.plan)).toMatch(/"correct":true/);
  });
});
