/**
 * Impact figures (lib/domain/impact.ts): small-cell suppression, pairing of
 * knowledge-check answers per device, presence per step and the completion
 * rule, and a whole session's indicators.
 */
import { applyEvents } from "@/lib/domain/apply-event";
import type { CommandActor, SessionCommand } from "@/lib/domain/decision";
import { emptySessionState } from "@/lib/domain/session-state";
import type { EventBody } from "@/lib/domain/events";
import {
  buildImpact,
  completed,
  pairChecks,
  publishedPercent,
  publishImpact,
  publishTotals,
  stepPresence,
  sumImpacts,
  suppress,
  suppressBreakdown,
  type CheckAnswer,
  type CompletionRule,
} from "@/lib/domain/impact";
import { ctx } from "./ctx";
import { POLL_PLAN, POLL_STEP } from "./support/poll-fixtures";
import { History, createdBody, gotoBody, joinedBody, phone, stored, system, trainer } from "./support/session-fixtures";

describe("suppression of small cells", () => {
  it.each([
    [0, 0],
    [1, null],
    [4, null],
    [5, 5],
    [6, 6],
    [120, 120],
  ])("%i people are published as %p", (n, published) => {
    expect(suppress(n)).toBe(published);
  });

  it.each<[string, Record<string, number>, Record<string, number | null>]>([
    ["nothing small: all shown", { female: 12, male: 9, "no-answer": 0 }, { female: 12, male: 9, "no-answer": 0 }],
    ["one small cell: it and the next smallest go, so neither can be worked out from the total", { female: 3, male: 10, "no-answer": 7 }, { female: null, male: 10, "no-answer": null }],
    ["two small cells: both go, the rest stay", { female: 3, male: 20, "no-answer": 2 }, { female: null, male: 20, "no-answer": null }],
    ["a small total hides nothing more (it is suppressed itself)", { female: 3, male: 0 }, { female: null, male: 0 }],
    ["zeros stay: no one is counted", { female: 0, male: 0, "no-answer": 8 }, { female: 0, male: 0, "no-answer": 8 }],
  ])("breakdown: %s", (_name, cells, published) => {
    expect(suppressBreakdown(cells)).toEqual(published);
  });

  it.each([
    [8, 10, 80],
    [3, 10, null],
    [4, 4, null],
    [0, 12, 0],
    [5, 5, 100],
  ])("%i of %i is published as %p percent", (count, base, pct) => {
    expect(publishedPercent(count, base)).toBe(pct);
  });
});

describe("pairing the knowledge check per device", () => {
  const Q = [{ id: "a", text: { en: "A" } }];
  const ans = (pairKey: string, phase: CheckAnswer["phase"], correct: boolean, at = 1): CheckAnswer => ({ pairKey, questionId: "a", phase, correct, at });
  it.each<[string, CheckAnswer[], { pre: [number, number]; post: [number, number]; paired: [number, number, number, number, number]; retro: [number, number, number] }]>([
    ["wrong before, right after: improved", [ans("d1", "pre", false), ans("d1", "post", true)], { pre: [1, 0], post: [1, 1], paired: [1, 0, 1, 1, 0], retro: [0, 0, 0] }],
    ["right both times", [ans("d1", "pre", true), ans("d1", "post", true)], { pre: [1, 1], post: [1, 1], paired: [1, 1, 1, 0, 0], retro: [0, 0, 0] }],
    ["right before, wrong after: declined", [ans("d1", "pre", true), ans("d1", "post", false)], { pre: [1, 1], post: [1, 0], paired: [1, 1, 0, 0, 1], retro: [0, 0, 0] }],
    ["only before (left early): counted, not paired", [ans("d1", "pre", false), ans("d2", "pre", true), ans("d2", "post", true)], { pre: [2, 1], post: [1, 1], paired: [1, 1, 1, 0, 0], retro: [0, 0, 0] }],
    ["only after (came late): counted, not paired", [ans("d1", "post", true)], { pre: [0, 0], post: [1, 1], paired: [0, 0, 0, 0, 0], retro: [0, 0, 0] }],
    ["the same device rejoined: its latest answer in each phase counts once", [ans("d1", "pre", true, 1), ans("d1", "pre", false, 2), ans("d1", "post", true, 3), ans("d1", "post", true, 4)], { pre: [1, 0], post: [1, 1], paired: [1, 0, 1, 1, 0], retro: [0, 0, 0] }],
    ["two devices never pair with each other", [ans("d1", "pre", false), ans("d2", "post", true)], { pre: [1, 0], post: [1, 1], paired: [0, 0, 0, 0, 0], retro: [0, 0, 0] }],
    ["looking back pairs with after", [ans("d1", "post", true), ans("d1", "retro", false), ans("d2", "retro", true)], { pre: [0, 0], post: [1, 1], paired: [0, 0, 0, 0, 0], retro: [1, 0, 1] }],
  ])("%s", (_name, answers, want) => {
    const [p] = pairChecks(answers, Q);
    expect({
      pre: [p.pre.n, p.pre.correct],
      post: [p.post.n, p.post.correct],
      paired: [p.paired.n, p.paired.preCorrect, p.paired.postCorrect, p.paired.improved, p.paired.declined],
      retro: [p.retroPaired.n, p.retroPaired.retroCorrect, p.retroPaired.postCorrect],
    }).toEqual(want);
  });

  it("keeps questions apart", () => {
    const answers: CheckAnswer[] = [
      { pairKey: "d1", questionId: "a", phase: "pre", correct: false, at: 1 },
      { pairKey: "d1", questionId: "b", phase: "post", correct: true, at: 2 },
    ];
    expect(pairChecks(answers, [{ id: "a", text: { en: "A" } }, { id: "b", text: { en: "B" } }]).map((q) => q.paired.n)).toEqual([0, 0]);
  });
});

describe("the completion rule", () => {
  const rule = (minStepShare: number, requirePost = true): CompletionRule => ({ minStepShare, requirePost });
  it.each<[string, CompletionRule, number, number, boolean, boolean, boolean]>([
    ["8 of 10 steps and the after check: 80% rule met", rule(0.8), 8, 10, true, true, true],
    ["4 of 5 steps is 80% exactly", rule(0.8), 4, 5, true, true, true],
    ["7 of 10 steps: not enough", rule(0.8), 7, 10, true, true, false],
    ["every step but no after check", rule(0.8), 10, 10, false, true, false],
    ["no after check asked of anyone: presence decides", rule(0.8), 10, 10, false, false, true],
    ["the organisation does not ask for the after check", rule(0.8, false), 9, 10, false, true, true],
    ["a rule of 50%", rule(0.5), 5, 10, true, true, true],
    ["a session that ran no steps: presence is no bar", rule(0.8), 0, 0, true, true, true],
  ])("%s", (_name, r, presentFor, steps, answeredPost, planHasPost, expected) => {
    expect(completed(r, presentFor, steps, answeredPost, planHasPost)).toBe(expected);
  });
});

describe("presence per step", () => {
  it("counts online at the step's start, joining during it, and acting during it", () => {
    const body = (b: EventBody, seq: number, actor: CommandActor | { kind: "system" } = { kind: "system" }) =>
      stored(b, seq, actor.kind === "system" ? { kind: "system" } : { kind: actor.kind, id: (actor as { id: string }).id });
    const events = [
      body(createdBody(POLL_PLAN), 1),
      body(joinedBody("p1"), 2),
      body(gotoBody(0), 3),
      body({ type: "attendance:step", payload: { index: 0, online: ["p1"] } }, 4),
      body(joinedBody("p2"), 5),
      body(gotoBody(1), 6),
      body({ type: "attendance:step", payload: { index: 1, online: [] } }, 7),
      body({ type: "poll:answered", payload: { key: "vote:pick", participantId: "p1", answerId: "a1", choice: [0], text: null, previous: null } }, 8, phone("p1")),
      body(gotoBody(4), 9),
      body({ type: "attendance:step", payload: { index: 4, online: ["p2"] } }, 10),
      body(gotoBody(1), 11),
    ];
    expect(stepPresence(events)).toEqual({ stepsRun: [0, 1, 4], present: { p1: [0, 1], p2: [0, 4] } });
  });
});

describe("a session's impact", () => {
  const ids = ctx(5000);
  const run = (h: History, c: SessionCommand, a: CommandActor) => h.run(c, a, ids);
  const online = (h: History, index: number, who: string[]) => run(h, { type: "attendance:snapshot", index, online: who }, system);

  /** Six phones (p6 only at the start), profiles for some, the pre check, a poll, the post check with a look back, and feedback. */
  function session(): History {
    let h = History.of({ ...createdBody(POLL_PLAN, true) }, ...["p1", "p2", "p3", "p4", "p5", "p6"].map((p) => joinedBody(p)));
    for (const [p, sex, age] of [["p1", "female", "16-17"], ["p2", "female", "18-24"], ["p3", "male", "16-17"]] as const) h = run(h, { type: "participant:profile", sex, ageBand: age }, phone(p));
    const all = ["p1", "p2", "p3", "p4", "p5", "p6"];
    const stay = all.slice(0, 5);
    h = run(h, { type: "agenda:goto", index: POLL_STEP.welcome }, trainer);
    h = online(h, POLL_STEP.welcome, all);
    h = run(h, { type: "poll:open", key: "welcome:abroad" }, trainer);
    // Before: p1, p2 right; p3, p4, p6 wrong; p5 does not answer.
    for (const [p, c] of [["p1", 0], ["p2", 0], ["p3", 1], ["p4", 1], ["p6", 1]] as const) h = run(h, { type: "poll:answer", key: "welcome:abroad", choice: [c] }, phone(p));
    for (const i of [POLL_STEP.vote, POLL_STEP.quiz, POLL_STEP.talk]) {
      h = run(h, { type: "agenda:goto", index: i }, trainer);
      h = online(h, i, stay);
    }
    h = run(h, { type: "agenda:goto", index: POLL_STEP.wrap }, trainer);
    h = online(h, POLL_STEP.wrap, stay);
    h = run(h, { type: "poll:open", key: "wrap:abroad" }, trainer);
    // After: everyone who stayed answers; p4 still wrong.
    for (const [p, c] of [["p1", 0], ["p2", 0], ["p3", 0], ["p4", 1], ["p5", 0]] as const) h = run(h, { type: "poll:answer", key: "wrap:abroad", choice: [c] }, phone(p));
    h = run(h, { type: "poll:open", key: "wrap:abroad:retro" }, trainer);
    for (const [p, c] of [["p3", 1], ["p5", 1]] as const) h = run(h, { type: "poll:answer", key: "wrap:abroad:retro", choice: [c] }, phone(p));
    h = run(h, { type: "poll:open", key: "wrap:help" }, trainer);
    for (const [p, c] of [["p1", 0], ["p2", 0], ["p3", 2]] as const) h = run(h, { type: "poll:answer", key: "wrap:help", choice: [c] }, phone(p));
    return h;
  }

  it("counts people trained and completed by sex and age band, pairs the checks, and gives the feedback", () => {
    const h = session();
    const impact = buildImpact(h.state, h.events, { minStepShare: 0.8, requirePost: true });
    expect(impact.trained).toEqual({
      total: 6,
      bySex: { female: 2, male: 1, "no-answer": 0, "not-answered": 3 },
      byAge: { "under-16": 0, "16-17": 2, "18-24": 1, "25-34": 0, "35-plus": 0, "no-answer": 0, "not-answered": 3 },
    });
    // p6 left after the first step and skipped the after check.
    expect(impact.completed.total).toBe(5);
    expect(impact.stepsRun).toBe(5);
    const abroad = impact.checks.find((c) => c.questionId === "abroad")!;
    expect(abroad.pre).toEqual({ n: 5, correct: 2 });
    expect(abroad.post).toEqual({ n: 5, correct: 4 });
    expect(abroad.paired).toEqual({ n: 4, preCorrect: 2, postCorrect: 3, improved: 1, declined: 0 });
    expect(abroad.retroPaired).toEqual({ n: 2, retroCorrect: 0, postCorrect: 2 });
    expect(impact.pairedPeople).toBe(4);
    expect(impact.feedback.map((f) => [f.key, f.total, f.counts])).toEqual([["wrap:help", 3, [2, 0, 1]]]);
    expect(impact.results.map((r) => r.key)).toEqual(["welcome:abroad", "wrap:abroad", "wrap:abroad:retro", "wrap:help"]);
  });

  it("pairs a phone that lost its pass and joined again by its device, never by its name", () => {
    let h = History.of(createdBody(POLL_PLAN));
    h = run(h, { type: "participant:join", participantId: "p1", nickname: "Aida", device: "dev-1" }, phone("p1"));
    h = run(h, { type: "participant:join", participantId: "p2", nickname: "Aida 2", device: "dev-2" }, phone("p2"));
    h = run(h, { type: "agenda:goto", index: POLL_STEP.welcome }, trainer);
    h = run(h, { type: "poll:open", key: "welcome:abroad" }, trainer);
    h = run(h, { type: "poll:answer", key: "welcome:abroad", choice: [1] }, phone("p1"));
    h = run(h, { type: "poll:answer", key: "welcome:abroad", choice: [1] }, phone("p2"));
    // The first phone's browser forgot its pass: it joins again, same device, and takes the name it likes.
    h = run(h, { type: "participant:join", participantId: "p3", nickname: "Dana", device: "dev-1" }, phone("p3"));
    h = run(h, { type: "agenda:goto", index: POLL_STEP.wrap }, trainer);
    h = run(h, { type: "poll:open", key: "wrap:abroad" }, trainer);
    h = run(h, { type: "poll:answer", key: "wrap:abroad", choice: [0] }, phone("p3"));
    // As the server folds its log (device hashes included; the test fixture's fold drops them, as clients do).
    const server = applyEvents(emptySessionState(h.state.id), h.events);
    expect(server.devices).toEqual({ p1: "dev-1", p2: "dev-2", p3: "dev-1" });
    const abroad = buildImpact(server, h.events).checks.find((c) => c.questionId === "abroad")!;
    expect(abroad.paired).toEqual({ n: 1, preCorrect: 0, postCorrect: 1, improved: 1, declined: 0 });
  });

  it("a stricter rule completes fewer; removed participants are not counted as trained", () => {
    let h = session();
    expect(buildImpact(h.state, h.events, { minStepShare: 1, requirePost: true }).completed.total).toBe(5);
    h = run(h, { type: "participant:remove", participantIds: ["p5"], keepNotes: true }, trainer);
    const impact = buildImpact(h.state, h.events);
    expect([impact.trained.total, impact.completed.total]).toEqual([5, 4]);
  });

  it("published for one session: counts of fewer than 5 people and shares over them suppressed", () => {
    const h = session();
    const p = publishImpact(buildImpact(h.state, h.events));
    expect(p.trained).toMatchObject({ total: 6, bySex: { female: null, male: null, "no-answer": 0, "not-answered": null } });
    expect(p.completed).toMatchObject({ total: 5, percent: 83 });
    const abroad = p.checks.find((c) => c.questionId === "abroad")!;
    expect(abroad).toMatchObject({ pre: { n: 5, percent: null }, post: { n: 5, percent: null }, paired: { n: null, prePercent: null, change: null, improved: null } });
    const help = p.feedback[0];
    expect({ total: help.total, counts: help.counts, percents: help.percents }).toEqual({ total: null, counts: [null, 0, null], percents: [null, null, null] });
  });

  it("published across sessions: small cells suppressed, the knowledge change over paired answers", () => {
    const h = session();
    const one = buildImpact(h.state, h.events);
    const published = publishTotals(sumImpacts([one, one]));
    expect(published).toMatchObject({
      sessions: 2,
      trained: 12,
      // female 4 and male 2 are small: both go.
      trainedBySex: { female: null, male: null, "no-answer": 0, "not-answered": 6 },
      completed: 10,
      completedPercent: 83,
      pairedPeople: 8,
      prePercent: 50,
      postPercent: 75,
      change: 25,
    });
    // One session alone: only 4 paired phones, too few to publish a change.
    expect(publishTotals(sumImpacts([one]))).toMatchObject({ pairedPeople: null, prePercent: null, postPercent: null, change: null });
  });
});
