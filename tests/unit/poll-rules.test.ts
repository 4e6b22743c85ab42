/**
 * Polls, quizzes and knowledge checks in the domain: which questions a step
 * asks, what an answer may be, who may do what when, and the tallies each
 * answer moves (lib/domain/polls.ts, poll-commands.ts, apply-poll-event.ts).
 */
import { applyEvents } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, SessionCommand } from "@/lib/domain/decision";
import { checkAnswer, findQuestion, isCorrect, questionKey, roomPlan, stepQuestions } from "@/lib/domain/polls";
import { emptySessionState } from "@/lib/domain/session-state";
import { toClientEvent } from "@/lib/domain/visibility";
import { ctx } from "./ctx";
import { POLL_PLAN, POLL_STEP } from "./support/poll-fixtures";
import { History, liveSession, organiser, otherTrainer, phone, system, trainer } from "./support/session-fixtures";

const K = {
  prePlace: "welcome:abroad",
  preSigns: "welcome:signs",
  pick: "vote:pick",
  many: "vote:many",
  rate: "vote:rate",
  word: "vote:word",
  law: "quiz:law",
  postPlace: "wrap:abroad",
  retroPlace: "wrap:abroad:retro",
  useful: "wrap:useful",
} as const;

/** One id source for a whole test, as the server has: answer ids never collide. */
const shared = ctx(5000);
const on = (step: number) => liveSession({ plan: POLL_PLAN, participants: 4, step });
const run = (h: History, command: SessionCommand, actor: CommandActor) => h.run(command, actor, shared);
const open = (h: History, key: string) => run(h, { type: "poll:open", key }, trainer);
const answer = (h: History, who: string, key: string, choice: number[], text?: string) => run(h, { type: "poll:answer", key, choice, ...(text !== undefined ? { text } : {}) }, phone(who));

describe("the questions a step asks", () => {
  it("puts the knowledge check first, then its retrospective form, then the step's own questions", () => {
    const keys = (i: number) => stepQuestions(POLL_PLAN, POLL_PLAN.steps[i]).map((r) => [r.key, r.phase]);
    expect(keys(POLL_STEP.welcome)).toEqual([
      ["welcome:abroad", "pre"],
      ["welcome:signs", "pre"],
    ]);
    expect(keys(POLL_STEP.wrap)).toEqual([
      ["wrap:abroad", "post"],
      ["wrap:signs", "post"],
      ["wrap:abroad:retro", "retro"],
      ["wrap:signs:retro", "retro"],
      ["wrap:useful", null],
      ["wrap:help", null],
    ]);
    expect(keys(POLL_STEP.talk)).toEqual([]);
  });

  it.each([
    ["a step's own question", K.pick, "pick"],
    ["a check question", K.postPlace, "abroad"],
    ["a retrospective question", K.retroPlace, "abroad"],
    ["an unknown question", "vote:nope", null],
    ["an unknown step", "nope:pick", null],
    ["a retrospective of an ordinary question", "vote:pick:retro", null],
    ["a malformed key", "vote", null],
    ["an inherited name", "__proto__:constructor", null],
  ])("finds %s by its key", (_name, key, id) => {
    expect(findQuestion(POLL_PLAN, key)?.question.id ?? null).toBe(id);
  });

  it("builds keys its own lookup understands", () => {
    expect(questionKey("wrap", "abroad", true)).toBe(K.retroPlace);
    expect(findQuestion(POLL_PLAN, questionKey("vote", "word"))?.question.type).toBe("open");
  });
});

describe("an answer", () => {
  const q = (key: string) => findQuestion(POLL_PLAN, key)!.question;
  it.each<[string, string, number[], string | undefined, { choice: number[]; text: string | null } | RegExp]>([
    ["single: one option", K.pick, [1], undefined, { choice: [1], text: null }],
    ["single: two options", K.pick, [0, 1], undefined, /one answer/],
    ["single: nothing chosen", K.pick, [], undefined, /Choose an answer/],
    ["single: out of range", K.pick, [3], undefined, /No such option/],
    ["single: a text instead", K.pick, [0], "Red!", /not a text/],
    ["multiple: several, sorted, duplicates dropped", K.many, [2, 0, 2], undefined, { choice: [0, 2], text: null }],
    ["multiple: every option", K.many, [0, 1, 2], undefined, { choice: [0, 1, 2], text: null }],
    ["scale: a point", K.rate, [4], undefined, { choice: [4], text: null }],
    ["scale: beyond 5", K.rate, [5], undefined, /No such option/],
    ["open: trimmed, spaces folded", K.word, [], "  Trust   your friends ", { choice: [], text: "Trust your friends" }],
    ["open: empty", K.word, [], "   ", /Write an answer/],
    ["open: 200 characters", K.word, [], "я".repeat(200), { choice: [], text: "я".repeat(200) }],
    ["open: 201 characters", K.word, [], "я".repeat(201), /at most 200/],
    ["open: with an option", K.word, [0], "x", /no options/],
  ])("%s", (_name, key, choice, text, expected) => {
    const r = checkAnswer(q(key), choice, text);
    if (expected instanceof RegExp) expect(r).toEqual({ ok: false, reason: expect.stringMatching(expected) });
    else expect(r).toEqual({ ok: true, ...expected });
  });

  it.each<[string, string, number[], boolean]>([
    ["single: the right option", K.prePlace, [0], true],
    ["single: the wrong option", K.prePlace, [1], false],
    ["multiple: exactly the right ones", K.preSigns, [0, 2], true],
    ["multiple: one right one missing", K.preSigns, [0], false],
    ["multiple: the right ones and a wrong one", K.preSigns, [0, 1, 2], false],
    ["a poll question has no right answer", K.pick, [0], false],
  ])("is right or not: %s", (_name, key, choice, right) => {
    expect(isCorrect(q(key), choice)).toBe(right);
  });
});

describe("who may do what, when", () => {
  type Row = [string, History, SessionCommand, CommandActor, string];
  const vote = open(on(POLL_STEP.vote), K.pick);
  const closed = run(vote, { type: "poll:close", key: K.pick }, trainer);
  const quiz = answer(open(on(POLL_STEP.quiz), K.law), "p1", K.law, [0]);
  const revealed = run(quiz, { type: "poll:reveal", key: K.law }, trainer);
  const movedOn = vote.then({ type: "agenda:moved", payload: { index: POLL_STEP.talk, timer: vote.state.timer } });
  const ended = vote.then({ type: "session:ended", payload: {} });
  it.each<Row>([
    ["a phone answers the open question", vote, { type: "poll:answer", key: K.pick, choice: [0] }, phone("p1"), "poll:answered"],
    ["a phone answers a question not yet opened", vote, { type: "poll:answer", key: K.many, choice: [0] }, phone("p1"), "QUESTION_CLOSED"],
    ["a phone answers after the close", closed, { type: "poll:answer", key: K.pick, choice: [0] }, phone("p1"), "QUESTION_CLOSED"],
    ["a phone answers after the reveal", revealed, { type: "poll:answer", key: K.law, choice: [1] }, phone("p1"), "QUESTION_CLOSED"],
    ["a phone answers once the step moved on", movedOn, { type: "poll:answer", key: K.pick, choice: [0] }, phone("p1"), "QUESTION_CLOSED"],
    ["a phone answers in an ended session", ended, { type: "poll:answer", key: K.pick, choice: [0] }, phone("p1"), "SESSION_ENDED"],
    ["a phone answers an unknown question", vote, { type: "poll:answer", key: "vote:nope", choice: [0] }, phone("p1"), "QUESTION_NOT_FOUND"],
    ["a phone sends an answer that does not fit", vote, { type: "poll:answer", key: K.pick, choice: [7] }, phone("p1"), "ANSWER_INVALID"],
    ["a stranger answers", vote, { type: "poll:answer", key: K.pick, choice: [0] }, phone("p9"), "PARTICIPANT_NOT_FOUND"],
    ["the trainer answers", vote, { type: "poll:answer", key: K.pick, choice: [0] }, trainer, "FORBIDDEN"],
    ["a phone opens a question", on(POLL_STEP.vote), { type: "poll:open", key: K.pick }, phone("p1"), "FORBIDDEN"],
    ["another trainer opens a question", on(POLL_STEP.vote), { type: "poll:open", key: K.pick }, otherTrainer, "FORBIDDEN"],
    ["an organiser opens a question", on(POLL_STEP.vote), { type: "poll:open", key: K.pick }, organiser, "poll:opened"],
    ["the trainer opens a question of another step", on(POLL_STEP.vote), { type: "poll:open", key: K.law }, trainer, "QUESTION_NOT_FOUND"],
    ["the trainer opens the open question again", vote, { type: "poll:open", key: K.pick }, trainer, "BAD_REQUEST"],
    ["the trainer reopens a closed question", closed, { type: "poll:open", key: K.pick }, trainer, "poll:opened"],
    ["the trainer reopens a revealed question", revealed, { type: "poll:open", key: K.law }, trainer, "QUESTION_CLOSED"],
    ["the trainer closes a closed question", closed, { type: "poll:close", key: K.pick }, trainer, "QUESTION_CLOSED"],
    ["the trainer reveals a poll question", vote, { type: "poll:reveal", key: K.pick }, trainer, "BAD_REQUEST"],
    ["the trainer reveals a quiz question", quiz, { type: "poll:reveal", key: K.law }, trainer, "poll:revealed"],
    ["the trainer shows results of an unasked question", vote, { type: "poll:show", key: K.many, phones: true }, trainer, "QUESTION_NOT_FOUND"],
    ["the trainer hides an answer that does not exist", vote, { type: "poll:hide-answer", key: K.pick, answerId: "nope", hidden: true }, trainer, "ANSWER_NOT_FOUND"],
    ["a phone records attendance", vote, { type: "attendance:snapshot", index: 1, online: ["p1"] }, phone("p1"), "FORBIDDEN"],
    ["the server records attendance", vote, { type: "attendance:snapshot", index: 1, online: ["p1"] }, system, "attendance:step"],
  ])("%s", (_name, h, command, actor, expected) => {
    const d = decide(h.state, command, actor, ctx(9000));
    expect(d.ok ? d.event.type : d.error.code).toBe(expected);
  });

  it("opening a question closes the one open before", () => {
    const h = open(vote, K.many);
    expect(h.last.payload).toEqual({ key: K.many, closed: K.pick });
    expect(h.state.polls.current).toBe(K.many);
    expect([h.state.polls.questions[K.pick].status, h.state.polls.questions[K.many].status]).toEqual(["closed", "open"]);
  });

  it("shows results on the projector from the start and on phones once the trainer says so; each setting apart", () => {
    expect(vote.state.polls.questions[K.pick].results).toEqual({ screen: true, phones: false });
    const phones = run(vote, { type: "poll:show", key: K.pick, phones: true }, trainer);
    expect(phones.state.polls.questions[K.pick].results).toEqual({ screen: true, phones: true });
    const offScreen = run(phones, { type: "poll:show", key: K.pick, screen: false }, trainer);
    expect(offScreen.state.polls.questions[K.pick].results).toEqual({ screen: false, phones: true });
  });

  it("the reveal carries the right options and the explanation, closes the question and shows its results", () => {
    expect(revealed.last.payload).toEqual({ key: K.law, correct: [1], explanation: { en: "Nobody may keep your documents." } });
    expect(revealed.state.polls.questions[K.law]).toMatchObject({ status: "closed", results: { screen: true, phones: true }, revealed: { correct: [1] } });
  });
});

describe("tallies", () => {
  type Step = [who: string, choice: number[]];
  it.each<[string, string, Step[], { counts: number[]; total: number }]>([
    ["single: one each", K.pick, [["p1", [0]], ["p2", [1]], ["p3", [1]]], { counts: [1, 2], total: 3 }],
    ["single: a change moves one count", K.pick, [["p1", [0]], ["p2", [0]], ["p1", [2]]], { counts: [1, 0, 1], total: 2 }],
    ["single: changing back and forth", K.pick, [["p1", [0]], ["p1", [1]], ["p1", [0]], ["p1", [0]]], { counts: [1, 0], total: 1 }],
    ["multiple: every option counts, people once", K.many, [["p1", [0, 1]], ["p2", [1, 2]], ["p3", [1]]], { counts: [1, 3, 1], total: 3 }],
    ["multiple: a change drops the old options", K.many, [["p1", [0, 1, 2]], ["p1", [2]]], { counts: [0, 0, 1], total: 1 }],
    ["scale: points 1-5 at 0-4", K.rate, [["p1", [4]], ["p2", [4]], ["p3", [0]], ["p4", [2]]], { counts: [1, 0, 1, 0, 2], total: 4 }],
  ])("%s", (_name, key, steps, expected) => {
    let h = open(on(POLL_STEP.vote), key);
    for (const [who, choice] of steps) h = answer(h, who, key, choice);
    const q = h.state.polls.questions[key];
    expect({ counts: q.counts, total: q.total }).toEqual(expected);
    // The same tallies as a recount of the answers the server keeps.
    const recount: number[] = [];
    for (const a of Object.values(q.answers)) for (const i of a.choice) recount[i] = (recount[i] ?? 0) + 1;
    expect(q.counts.map((c, i) => recount[i] ?? 0)).toEqual(q.counts);
  });

  it("keeps each phone's open answer under one id, in the order first given, and hides one without losing it", () => {
    let h = open(on(POLL_STEP.vote), K.word);
    h = answer(h, "p1", K.word, [], "Trust");
    h = answer(h, "p2", K.word, [], "Friends");
    h = answer(h, "p1", K.word, [], "Trust your gut");
    const q = h.state.polls.questions[K.word];
    expect(q.textOrder.map((id) => q.texts[id].text)).toEqual(["Trust your gut", "Friends"]);
    expect(q.total).toBe(2);
    const p2 = q.answers.p2.answerId;
    h = run(h, { type: "poll:hide-answer", key: K.word, answerId: p2, hidden: true }, trainer);
    expect(h.state.polls.questions[K.word].texts[p2]).toEqual({ text: "Friends", hidden: true });
    // Its author changes it: still hidden.
    h = answer(h, "p2", K.word, [], "Family");
    expect(h.state.polls.questions[K.word].texts[p2]).toEqual({ text: "Family", hidden: true });
  });

  it("tallies 500 answers and 500 changes answer by answer, the same as folding the log at once", () => {
    let h = liveSession({ plan: POLL_PLAN, participants: 500, step: POLL_STEP.vote });
    h = open(h, K.many);
    for (let i = 1; i <= 500; i++) h = answer(h, `p${i}`, K.many, [i % 3]);
    for (let i = 1; i <= 500; i += 2) h = answer(h, `p${i}`, K.many, [0, 1, 2]);
    const q = h.state.polls.questions[K.many];
    expect(q.total).toBe(500);
    // Odd phones (250) chose all three; of the even ones, i % 3 decides.
    const even = Array.from({ length: 250 }, (_, n) => (2 * (n + 1)) % 3);
    expect(q.counts).toEqual([0, 1, 2].map((o) => 250 + even.filter((x) => x === o).length));
    const folded = applyEvents(emptySessionState(h.state.id), h.events.map(toClientEvent));
    expect(folded.polls).toEqual(h.state.polls);
  });
});

describe("the room's copy of the plan", () => {
  it("holds no right answer and no explanation, and everything else", () => {
    const room = roomPlan(POLL_PLAN)!;
    const json = JSON.stringify(room);
    expect(json).not.toMatch(/"correct"|"explanation"|Nobody may keep|inside a country/);
    expect(room.knowledgeCheck!.questions.map((q) => q.options!.map((o) => o.text.en))).toEqual([
      ["Myth", "Fact"],
      ["Someone keeps your passport", "A written contract", "A debt you must work off"],
    ]);
    expect(room.steps.map((s) => s.id)).toEqual(POLL_PLAN.steps.map((s) => s.id));
    // The original keeps them.
    expect(JSON.stringify(POLL_PLAN)).toMatch(/"correct":true/);
  });
});
