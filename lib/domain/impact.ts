import type { SessionEvent } from "./events";
import { AGE_BANDS, SEXES } from "./events";
import type { LocalizedText, Plan } from "./plan";
import { isCorrect, optionCount, planQuestions, type CheckPhase, type QuestionRef } from "./polls";
import type { SessionState } from "./session-state";
import { countWords, type CloudWord } from "./word-cloud";

/**
 * What a session achieved, for organisers and donors: people trained (by sex
 * and age band where asked), people who completed by the organisation's
 * rule, the knowledge check before and after, paired anonymously per
 * device, and the poll, quiz and feedback results. Pure: built from the
 * server's fold of the log and the log itself. Counts here are raw; every
 * report and export publishes them through `suppress` (cells under 5 hidden).
 */

/** Cells counting fewer people than this are suppressed in every report and export. */
export const MIN_CELL = 5;

/** A suppressed cell: fewer than MIN_CELL people (but some). */
export type Cell = number | null;

/** A count as it may be published: null when it counts 1 to MIN_CELL - 1 people. */
export function suppress(n: number, min = MIN_CELL): Cell {
  return n > 0 && n < min ? null : n;
}

/**
 * A breakdown (e.g. trained people by sex) as it may be published: small
 * cells suppressed, and when the total is published and exactly one cell is
 * hidden, the next smallest is hidden too, so no cell can be worked out by
 * subtraction.
 */
export function suppressBreakdown(cells: Record<string, number>, min = MIN_CELL): Record<string, Cell> {
  const out: Record<string, Cell> = Object.fromEntries(Object.entries(cells).map(([k, n]) => [k, suppress(n, min)]));
  const total = Object.values(cells).reduce((a, b) => a + b, 0);
  const hidden = Object.keys(out).filter((k) => out[k] === null);
  if (hidden.length === 1 && suppress(total, min) !== null) {
    const next = Object.entries(cells)
      .filter(([k, n]) => out[k] !== null && n > 0)
      .sort((a, b) => a[1] - b[1])[0];
    if (next) out[next[0]] = null;
  }
  return out;
}

/** A share as a whole percent, published only when its count is and its base counts at least MIN_CELL people. */
export function publishedPercent(count: number, base: number, min = MIN_CELL): number | null {
  if (base < min || suppress(count, min) === null) return null;
  return Math.round((count / base) * 100);
}

/** The organisation's rule for "completed the training". */
export interface CompletionRule {
  /** Present for at least this share of the steps the session ran (0 to 1). */
  minStepShare: number;
  /** And answered the after check (when the plan has one). */
  requirePost: boolean;
}

export const DEFAULT_COMPLETION_RULE: CompletionRule = { minStepShare: 0.8, requirePost: true };

/** The anonymous key that pairs a phone's answers: its device (a keyed hash the server keeps), else its participant id. Never a name. */
export function pairKeyOf(state: Pick<SessionState, "devices">, participantId: string): string {
  return Object.hasOwn(state.devices, participantId) ? `d:${state.devices[participantId]}` : `p:${participantId}`;
}

/** One knowledge-check answer, as pairing sees it. */
export interface CheckAnswer {
  pairKey: string;
  questionId: string;
  phase: CheckPhase;
  correct: boolean;
  at: number;
}

export interface PairedQuestion {
  questionId: string;
  text: LocalizedText;
  /** Everyone who answered each phase, paired or not. */
  pre: { n: number; correct: number };
  post: { n: number; correct: number };
  retro: { n: number; correct: number };
  /** Phones that answered both before and after: right before, right after, wrong to right, right to wrong. */
  paired: { n: number; preCorrect: number; postCorrect: number; improved: number; declined: number };
  /** Phones that answered after and looked back ("before today I would have answered"). */
  retroPaired: { n: number; retroCorrect: number; postCorrect: number };
}

/**
 * Pairs knowledge-check answers per question and phone. A phone that
 * answered a phase more than once (it rejoined on the same device) counts
 * with its latest answer.
 */
export function pairChecks(answers: readonly CheckAnswer[], questions: readonly { id: string; text: LocalizedText }[]): PairedQuestion[] {
  const latest = new Map<string, CheckAnswer>();
  for (const a of answers) {
    const k = `${a.questionId}\u0000${a.phase}\u0000${a.pairKey}`;
    const known = latest.get(k);
    if (!known || known.at <= a.at) latest.set(k, a);
  }
  return questions.map((q) => {
    const byPhase = (phase: CheckPhase) => {
      const m = new Map<string, boolean>();
      for (const a of latest.values()) if (a.questionId === q.id && a.phase === phase) m.set(a.pairKey, a.correct);
      return m;
    };
    const pre = byPhase("pre");
    const post = byPhase("post");
    const retro = byPhase("retro");
    const count = (m: Map<string, boolean>) => ({ n: m.size, correct: [...m.values()].filter(Boolean).length });
    const paired = { n: 0, preCorrect: 0, postCorrect: 0, improved: 0, declined: 0 };
    for (const [key, before] of pre) {
      if (!post.has(key)) continue;
      const after = post.get(key)!;
      paired.n++;
      if (before) paired.preCorrect++;
      if (after) paired.postCorrect++;
      if (!before && after) paired.improved++;
      if (before && !after) paired.declined++;
    }
    const retroPaired = { n: 0, retroCorrect: 0, postCorrect: 0 };
    for (const [key, then] of retro) {
      if (!post.has(key)) continue;
      retroPaired.n++;
      if (then) retroPaired.retroCorrect++;
      if (post.get(key)) retroPaired.postCorrect++;
    }
    return { questionId: q.id, text: q.text, pre: count(pre), post: count(post), retro: count(retro), paired, retroPaired };
  });
}

/** Every knowledge-check answer the server holds, keyed anonymously. */
export function checkAnswersOf(state: SessionState): CheckAnswer[] {
  const out: CheckAnswer[] = [];
  for (const ref of planQuestions(state.plan)) {
    if (!ref.phase) continue;
    const q = state.polls.questions[ref.key];
    if (!q) continue;
    for (const [pid, a] of Object.entries(q.answers)) {
      out.push({ pairKey: pairKeyOf(state, pid), questionId: ref.question.id, phase: ref.phase, correct: isCorrect(ref.question, a.choice), at: a.at });
    }
  }
  return out;
}

/** Which steps the session ran, and for each participant the steps they were present for. */
export interface StepPresence {
  stepsRun: number[];
  present: Record<string, number[]>;
}

/**
 * Presence per step, from the log: online as the step began (the server's
 * attendance record), joined during it, or did something during it (an
 * answer, a note, a stroke).
 */
export function stepPresence(events: readonly SessionEvent[]): StepPresence {
  let step = -1;
  const run = new Set<number>();
  const present = new Map<string, Set<number>>();
  const mark = (pid: string, i: number) => {
    if (i < 0) return;
    let s = present.get(pid);
    if (!s) present.set(pid, (s = new Set()));
    s.add(i);
  };
  for (const e of events) {
    if (e.type === "agenda:moved") {
      step = e.payload.index;
      if (step >= 0) run.add(step);
    } else if (e.type === "attendance:step") {
      for (const pid of e.payload.online) mark(pid, e.payload.index);
    } else if (e.type === "participant:joined") {
      mark(e.payload.participantId, step);
    }
    if (e.actor.kind === "participant" && e.type !== "participant:joined") mark(e.actor.id, step);
  }
  return { stepsRun: [...run].sort((a, b) => a - b), present: Object.fromEntries([...present].map(([pid, s]) => [pid, [...s].sort((a, b) => a - b)])) };
}

/** Whether one participant completed, by the rule. */
export function completed(rule: CompletionRule, presentFor: number, stepsRun: number, answeredPost: boolean, planHasPost: boolean): boolean {
  const share = stepsRun === 0 ? 1 : presentFor / stepsRun;
  // A tiny tolerance: 4 of 5 steps is 80% even where floating point says 0.7999….
  if (share + 1e-9 < rule.minStepShare) return false;
  return !(rule.requirePost && planHasPost) || answeredPost;
}

/** People, in total and by sex and age band (the optional profile question; "not-answered" for those who skipped it). */
export interface Breakdown {
  total: number;
  bySex: Record<string, number>;
  byAge: Record<string, number>;
}

const SEX_CELLS = [...SEXES, "not-answered"];
const AGE_CELLS = [...AGE_BANDS, "not-answered"];

function breakdown(state: SessionState, ids: readonly string[]): Breakdown {
  const bySex: Record<string, number> = Object.fromEntries(SEX_CELLS.map((k) => [k, 0]));
  const byAge: Record<string, number> = Object.fromEntries(AGE_CELLS.map((k) => [k, 0]));
  for (const id of ids) {
    const p = state.profiles[id];
    bySex[p?.sex ?? "not-answered"] = (bySex[p?.sex ?? "not-answered"] ?? 0) + 1;
    byAge[p?.ageBand ?? "not-answered"] = (byAge[p?.ageBand ?? "not-answered"] ?? 0) + 1;
  }
  return { total: ids.length, bySex, byAge };
}

/** One question's results in a report: how many answered and chose each option, or the words and answers of an open one. */
export interface QuestionResult {
  key: string;
  stepId: string;
  phase: CheckPhase | null;
  type: QuestionRef["question"]["type"];
  text: LocalizedText;
  options: LocalizedText[];
  correct: number[];
  total: number;
  counts: number[];
  words: CloudWord[];
  /** Open answers the trainer did not hide. */
  texts: string[];
}

export interface SessionImpact {
  askedProfile: boolean;
  rule: CompletionRule;
  stepsRun: number;
  planHasPost: boolean;
  trained: Breakdown;
  completed: Breakdown;
  /** Phones with at least one question answered both before and after. */
  pairedPeople: number;
  checks: PairedQuestion[];
  /** Every question asked, in plan order (knowledge check included). */
  results: QuestionResult[];
  /** The wrap-up's own questions: the feedback form. */
  feedback: QuestionResult[];
}

function resultOf(state: SessionState, ref: QuestionRef): QuestionResult | null {
  const q = state.polls.questions[ref.key];
  if (!q) return null;
  const n = optionCount(ref.question);
  const visible = q.textOrder.filter((id) => !q.texts[id].hidden).map((id) => q.texts[id].text);
  return {
    key: ref.key,
    stepId: ref.stepId,
    phase: ref.phase,
    type: ref.question.type,
    text: ref.question.text,
    options: ref.question.type === "scale" ? Array.from({ length: n }, (_, i) => ({ en: String(i + 1) })) : (ref.question.options ?? []).map((o) => o.text),
    correct: (ref.question.options ?? []).flatMap((o, i) => (o.correct ? [i] : [])),
    total: q.total,
    counts: Array.from({ length: n }, (_, i) => q.counts[i] ?? 0),
    words: ref.question.type === "open" ? countWords(visible, state.language, 40) : [],
    texts: ref.question.type === "open" ? visible : [],
  };
}

function hasPost(plan: Plan | null): boolean {
  return !!plan?.knowledgeCheck && plan.steps.some((s) => s.check === "post");
}

/** The impact of one session, from the server's fold of its log and the log itself. */
export function buildImpact(state: SessionState, events: readonly SessionEvent[], rule: CompletionRule = DEFAULT_COMPLETION_RULE): SessionImpact {
  const gone = new Set([...state.removed, ...state.waiting]);
  const trainedIds = state.participantOrder.filter((id) => !gone.has(id));
  const presence = stepPresence(events);
  const postKeys = planQuestions(state.plan).filter((r) => r.phase === "post").map((r) => r.key);
  const answeredPost = (pid: string) => postKeys.some((k) => Object.hasOwn(state.polls.questions[k]?.answers ?? {}, pid));
  const planHasPost = hasPost(state.plan);
  const completedIds = trainedIds.filter((id) => completed(rule, presence.present[id]?.length ?? 0, presence.stepsRun.length, answeredPost(id), planHasPost));
  const checks = pairChecks(checkAnswersOf(state), state.plan?.knowledgeCheck?.questions ?? []);
  const answers = checkAnswersOf(state);
  const pre = new Set(answers.filter((a) => a.phase === "pre").map((a) => `${a.questionId}\u0000${a.pairKey}`));
  const pairedPeople = new Set(answers.filter((a) => a.phase === "post" && pre.has(`${a.questionId}\u0000${a.pairKey}`)).map((a) => a.pairKey)).size;
  const refs = planQuestions(state.plan);
  const results = refs.map((r) => resultOf(state, r)).filter((r): r is QuestionResult => r !== null);
  const wrapups = new Set(state.plan?.steps.filter((s) => s.kind === "wrapup").map((s) => s.id));
  return {
    askedProfile: state.askProfile,
    rule,
    stepsRun: presence.stepsRun.length,
    planHasPost,
    trained: breakdown(state, trainedIds),
    completed: breakdown(state, completedIds),
    pairedPeople,
    checks,
    results,
    feedback: results.filter((r) => r.phase === null && wrapups.has(r.stepId)),
  };
}

/** Sessions added up: people reached and completed, and the knowledge check pooled over every paired answer. */
export interface ImpactTotals {
  sessions: number;
  trained: Breakdown;
  completed: Breakdown;
  pairedPeople: number;
  /** Paired answers (phone × question) and how many were right before and after. */
  pairedAnswers: number;
  preCorrect: number;
  postCorrect: number;
}

function addCells(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function addBreakdown(a: Breakdown, b: Breakdown): Breakdown {
  return { total: a.total + b.total, bySex: addCells(a.bySex, b.bySex), byAge: addCells(a.byAge, b.byAge) };
}

const NO_ONE: Breakdown = { total: 0, bySex: Object.fromEntries(SEX_CELLS.map((k) => [k, 0])), byAge: Object.fromEntries(AGE_CELLS.map((k) => [k, 0])) };

export function sumImpacts(impacts: readonly SessionImpact[]): ImpactTotals {
  let t: ImpactTotals = { sessions: 0, trained: NO_ONE, completed: NO_ONE, pairedPeople: 0, pairedAnswers: 0, preCorrect: 0, postCorrect: 0 };
  for (const i of impacts) {
    t = {
      sessions: t.sessions + 1,
      trained: addBreakdown(t.trained, i.trained),
      completed: addBreakdown(t.completed, i.completed),
      pairedPeople: t.pairedPeople + i.pairedPeople,
      pairedAnswers: t.pairedAnswers + i.checks.reduce((s, c) => s + c.paired.n, 0),
      preCorrect: t.preCorrect + i.checks.reduce((s, c) => s + c.paired.preCorrect, 0),
      postCorrect: t.postCorrect + i.checks.reduce((s, c) => s + c.paired.postCorrect, 0),
    };
  }
  return t;
}

/** Totals as they may be published: every people count suppressed under MIN_CELL, shares only over enough people. */
export interface PublishedTotals {
  sessions: number;
  trained: Cell;
  trainedBySex: Record<string, Cell>;
  trainedByAge: Record<string, Cell>;
  completed: Cell;
  completedBySex: Record<string, Cell>;
  completedByAge: Record<string, Cell>;
  completedPercent: number | null;
  pairedPeople: Cell;
  /** Right answers before and after among paired answers (%), and the change in percentage points. */
  prePercent: number | null;
  postPercent: number | null;
  change: number | null;
}

export function publishTotals(t: ImpactTotals): PublishedTotals {
  const enough = t.pairedPeople >= MIN_CELL && t.pairedAnswers > 0;
  const pre = enough ? Math.round((t.preCorrect / t.pairedAnswers) * 100) : null;
  const post = enough ? Math.round((t.postCorrect / t.pairedAnswers) * 100) : null;
  return {
    sessions: t.sessions,
    trained: suppress(t.trained.total),
    trainedBySex: suppressBreakdown(t.trained.bySex),
    trainedByAge: suppressBreakdown(t.trained.byAge),
    completed: suppress(t.completed.total),
    completedBySex: suppressBreakdown(t.completed.bySex),
    completedByAge: suppressBreakdown(t.completed.byAge),
    completedPercent: publishedPercent(t.completed.total, t.trained.total),
    pairedPeople: suppress(t.pairedPeople),
    prePercent: pre,
    postPercent: post,
    change: pre !== null && post !== null ? post - pre : null,
  };
}

/** A breakdown as it may be published. */
export interface PublishedBreakdown {
  total: Cell;
  bySex: Record<string, Cell>;
  byAge: Record<string, Cell>;
}

export interface PublishedCheck {
  questionId: string;
  text: LocalizedText;
  pre: { n: Cell; percent: number | null };
  post: { n: Cell; percent: number | null };
  retro: { n: Cell; percent: number | null };
  paired: { n: Cell; prePercent: number | null; postPercent: number | null; change: number | null; improved: Cell; declined: Cell };
  retroPaired: { n: Cell; retroPercent: number | null; postPercent: number | null };
}

export type PublishedResult = Omit<QuestionResult, "total" | "counts"> & { total: Cell; counts: Cell[]; percents: (number | null)[] };

export interface PublishedImpact {
  askedProfile: boolean;
  rule: CompletionRule;
  stepsRun: number;
  planHasPost: boolean;
  trained: PublishedBreakdown;
  completed: PublishedBreakdown & { percent: number | null };
  pairedPeople: Cell;
  checks: PublishedCheck[];
  results: PublishedResult[];
  feedback: PublishedResult[];
}

const publishBreakdown = (b: Breakdown): PublishedBreakdown => ({ total: suppress(b.total), bySex: suppressBreakdown(b.bySex), byAge: suppressBreakdown(b.byAge) });

function publishResult(r: QuestionResult): PublishedResult {
  return { ...r, total: suppress(r.total), counts: r.counts.map((c) => suppress(c)), percents: r.counts.map((c) => publishedPercent(c, r.total)) };
}

function publishCheck(c: PairedQuestion): PublishedCheck {
  const share = (x: { n: number; correct: number }) => ({ n: suppress(x.n), percent: publishedPercent(x.correct, x.n) });
  const prePercent = publishedPercent(c.paired.preCorrect, c.paired.n);
  const postPercent = publishedPercent(c.paired.postCorrect, c.paired.n);
  return {
    questionId: c.questionId,
    text: c.text,
    pre: share(c.pre),
    post: share(c.post),
    retro: share(c.retro),
    paired: {
      n: suppress(c.paired.n),
      prePercent,
      postPercent,
      change: prePercent !== null && postPercent !== null ? postPercent - prePercent : null,
      improved: suppress(c.paired.improved),
      declined: suppress(c.paired.declined),
    },
    retroPaired: {
      n: suppress(c.retroPaired.n),
      retroPercent: publishedPercent(c.retroPaired.retroCorrect, c.retroPaired.n),
      postPercent: publishedPercent(c.retroPaired.postCorrect, c.retroPaired.n),
    },
  };
}

/**
 * A session's impact as reports and exports may show it: every count of
 * people under MIN_CELL suppressed (with a second cell where one could be
 * worked out by subtraction), and shares only over enough people.
 */
export function publishImpact(i: SessionImpact): PublishedImpact {
  return {
    askedProfile: i.askedProfile,
    rule: i.rule,
    stepsRun: i.stepsRun,
    planHasPost: i.planHasPost,
    trained: publishBreakdown(i.trained),
    completed: { ...publishBreakdown(i.completed), percent: publishedPercent(i.completed.total, i.trained.total) },
    pairedPeople: suppress(i.pairedPeople),
    checks: i.checks.map(publishCheck),
    results: i.results.map(publishResult),
    feedback: i.feedback.map(publishResult),
  };
}
