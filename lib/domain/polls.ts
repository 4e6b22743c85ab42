import type { LocalizedText, Plan, PlanStep, Question } from "./plan";

/**
 * Polls, quizzes and knowledge checks: the questions a step asks, in the
 * order the trainer moves through them, and the rules for an answer. Pure.
 */

/** Which part of the paired knowledge check a question belongs to; null for an ordinary poll or quiz question. */
export type CheckPhase = "pre" | "post" | "retro";

/** One question as a step asks it. Its key names it in commands, events and reports. */
export interface QuestionRef {
  key: string;
  stepId: string;
  question: Question;
  phase: CheckPhase | null;
}

/** Longest open answer, in characters. */
export const OPEN_ANSWER_MAX = 200;
/** The points of a scale question. */
export const SCALE_POINTS = 5;

/** `step-id:question-id`, and `step-id:question-id:retro` for the retrospective form of a check question. */
export const QUESTION_KEY_RE = /^[a-z0-9][a-z0-9-]{0,39}:[a-z0-9][a-z0-9-]{0,39}(?::retro)?$/;

export function questionKey(stepId: string, questionId: string, retro = false): string {
  return `${stepId}:${questionId}${retro ? ":retro" : ""}`;
}

/**
 * The questions a step asks, in order: the knowledge check (when the step
 * asks it), its retrospective form (post check with `retrospective`), then
 * the step's own questions.
 */
export function stepQuestions(plan: Plan | null, step: PlanStep | null | undefined): QuestionRef[] {
  if (!plan || !step) return [];
  const out: QuestionRef[] = [];
  const check = step.check ? (plan.knowledgeCheck?.questions ?? []) : [];
  for (const q of check) out.push({ key: questionKey(step.id, q.id), stepId: step.id, question: q, phase: step.check ?? null });
  if (step.check === "post" && step.retrospective) {
    for (const q of check) out.push({ key: questionKey(step.id, q.id, true), stepId: step.id, question: q, phase: "retro" });
  }
  for (const q of step.questions ?? []) out.push({ key: questionKey(step.id, q.id), stepId: step.id, question: q, phase: null });
  return out;
}

/** Every question of the plan, step by step. */
export function planQuestions(plan: Plan | null): QuestionRef[] {
  return plan ? plan.steps.flatMap((s) => stepQuestions(plan, s)) : [];
}

/** The question a key names, or null. */
export function findQuestion(plan: Plan | null, key: string): QuestionRef | null {
  if (!plan || !QUESTION_KEY_RE.test(key)) return null;
  const stepId = key.slice(0, key.indexOf(":"));
  const step = plan.steps.find((s) => s.id === stepId);
  return stepQuestions(plan, step).find((r) => r.key === key) ?? null;
}

/** How many answer slots a question tallies: its options, or the five points of a scale. */
export function optionCount(q: Question): number {
  if (q.type === "scale") return SCALE_POINTS;
  return q.options?.length ?? 0;
}

/** The correct options' indices (empty for a question without a right answer). */
export function correctOptions(q: Question): number[] {
  return (q.options ?? []).flatMap((o, i) => (o.correct ? [i] : []));
}

/** Whether a choice is right: exactly the correct options. */
export function isCorrect(q: Question, choice: readonly number[]): boolean {
  const right = correctOptions(q);
  if (right.length === 0) return false;
  const set = new Set(choice);
  return set.size === right.length && right.every((i) => set.has(i));
}

/** An answer as a phone sends it, checked and normalised: sorted unique choices, or a trimmed text. */
export type AnswerCheck = { ok: true; choice: number[]; text: string | null } | { ok: false; reason: string };

export function checkAnswer(q: Question, choice: readonly number[], text: string | undefined): AnswerCheck {
  if (q.type === "open") {
    const clean = (text ?? "").replace(/\s+/g, " ").trim();
    if (!clean) return { ok: false, reason: "Write an answer first" };
    if ([...clean].length > OPEN_ANSWER_MAX) return { ok: false, reason: `An answer is at most ${OPEN_ANSWER_MAX} characters` };
    if (choice.length) return { ok: false, reason: "An open question has no options" };
    return { ok: true, choice: [], text: clean };
  }
  if (text !== undefined && text !== "") return { ok: false, reason: "This question takes a choice, not a text" };
  const n = optionCount(q);
  const unique = [...new Set(choice)].sort((a, b) => a - b);
  if (unique.length === 0) return { ok: false, reason: "Choose an answer first" };
  if (unique.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return { ok: false, reason: "No such option" };
  if (q.type !== "multiple" && unique.length > 1) return { ok: false, reason: "Choose one answer" };
  return { ok: true, choice: unique, text: null };
}

/** A question's answer slots as text: its options, or the points 1–5 of a scale. */
export function optionTexts(q: Question): LocalizedText[] {
  if (q.type === "scale") return Array.from({ length: SCALE_POINTS }, (_, i) => ({ en: String(i + 1) }));
  return (q.options ?? []).map((o) => o.text);
}

const roomPlans = new WeakMap<Plan, Plan>();

/**
 * The plan as the room may hold it: no correct options and no explanations
 * (they reach phones and the projector with the reveal, never before).
 */
export function roomPlan(plan: Plan | null): Plan | null {
  if (!plan || (!plan.knowledgeCheck && !plan.steps.some((s) => s.questions))) return plan;
  const known = roomPlans.get(plan);
  if (known) return known;
  const strip = (q: Question): Question => {
    const { explanation: _explanation, ...rest } = q;
    return q.options ? { ...rest, options: q.options.map((o) => ({ text: o.text })) } : rest;
  };
  const room: Plan = {
    ...plan,
    steps: plan.steps.map((s) => (s.questions ? { ...s, questions: s.questions.map(strip) } : s)),
    ...(plan.knowledgeCheck ? { knowledgeCheck: { questions: plan.knowledgeCheck.questions.map(strip) } } : {}),
  };
  roomPlans.set(plan, room);
  return room;
}

/** One phone's answer. Only the server (and the phone itself) knows whose it is. */
export interface PollAnswer {
  /** Stable per phone and question: names an open answer for hiding without naming its author. */
  answerId: string;
  choice: number[];
  text: string | null;
  at: number;
}

/** What the session knows of one question. */
export interface QuestionState {
  status: "open" | "closed";
  /** Where the results show: the projector (live, from the start) and phones (once the trainer shows them). */
  results: ResultsShown;
  /** A quiz question's right options and explanation, once the trainer revealed them. */
  revealed: { correct: number[]; explanation: LocalizedText | null } | null;
  /** Answers per option (scale: points 1–5 at 0–4), kept up to date answer by answer. Staff and server. */
  counts: number[];
  /** How many answered. Staff and server. */
  total: number;
  /** Open answers by answer id, in the order first given. Staff and server. */
  texts: Record<string, { text: string; hidden: boolean }>;
  textOrder: string[];
  /** Participant id -> answer: the server's; a phone holds its own; staff none (answers are anonymous). */
  answers: Record<string, PollAnswer>;
}

export interface PollState {
  /** The question the room looks at (open, or the last one closed); null before the first. */
  current: string | null;
  questions: Record<string, QuestionState>;
}

export const NO_POLLS: PollState = { current: null, questions: {} };

export interface ResultsShown {
  screen: boolean;
  phones: boolean;
}

/** The projector shows a question's results live unless the trainer hides them; phones see them once the trainer shows them. */
export const DEFAULT_RESULTS: ResultsShown = { screen: true, phones: false };

export function newQuestionState(): QuestionState {
  return { status: "closed", results: DEFAULT_RESULTS, revealed: null, counts: [], total: 0, texts: {}, textOrder: [], answers: {} };
}

/** The current question when it belongs to the step on now, else null. */
export function currentQuestion(plan: Plan | null, stepId: string | null, polls: PollState): QuestionRef | null {
  if (!polls.current || !stepId) return null;
  const ref = findQuestion(plan, polls.current);
  return ref && ref.stepId === stepId ? ref : null;
}
