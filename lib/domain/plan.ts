import type { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";
import type { localizedTextSchema, planSchema, questionSchema, stepSchema } from "./plan-schema";

/**
 * Training plans: an ordered agenda of steps, every text in English and
 * optionally Russian and Kazakh (a missing translation falls back to English).
 * The zod schemas and `checkPlan` are in plan-schema.ts: this file stays free
 * of zod, for the phone's bundle.
 */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** The plan that ships with Ortaq and is offered first. */
export const DEFAULT_PLAN_ID = "trafficking-prevention";

export const STEP_KINDS = ["intro", "video", "case", "discussion", "brainstorm", "sketch", "poll", "quiz", "help", "wrapup"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** Kinds a plan may name but the app cannot run yet. */
export const UNSUPPORTED_STEP_KINDS: readonly StepKind[] = [];

/** Steps that may ask the room questions (brainstorm, sketch and video steps have their own phone screens). */
export const QUESTION_STEP_KINDS: readonly StepKind[] = ["intro", "case", "discussion", "poll", "quiz", "help", "wrapup"];

/** single / multiple choice, a 1–5 scale, or a short open answer. */
export const QUESTION_TYPES = ["single", "multiple", "scale", "open"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const MAX_OPTIONS = 8;

/**
 * A question a poll, quiz or knowledge check asks. Quiz questions mark their
 * correct options and may explain them; phones and the projector learn the
 * correct options only when the trainer reveals them.
 */
export type Question = z.infer<typeof questionSchema>;

/** Whether a question has a right answer (a quiz or knowledge-check question). */
export function isQuizQuestion(q: Question): boolean {
  return !!q.options?.some((o) => o.correct);
}

export type PlanStep = z.infer<typeof stepSchema>;

export type Plan = z.infer<typeof planSchema>;

export interface PlanIssue {
  file: string;
  /** The step's id (or its position) when the problem is inside a step. */
  step: string | null;
  field: string;
  message: string;
}

export type PlanCheck = { ok: true; plan: Plan; missingTranslations: string[] } | { ok: false; issues: PlanIssue[] };

/** Every text that has no Russian or Kazakh version, as "step-id.field: ru". */
export function missingTranslations(plan: Plan): string[] {
  const out: string[] = [];
  const check = (where: string, t: LocalizedText | undefined) => {
    if (!t) return;
    for (const l of LOCALES) if (l !== "en" && !t[l]) out.push(`${where}: ${l}`);
  };
  check("title", plan.title);
  check("description", plan.description);
  for (const s of plan.steps) {
    check(`${s.id}.title`, s.title);
    check(`${s.id}.body`, s.body);
    check(`${s.id}.task`, s.task);
    check(`${s.id}.warning`, s.warning);
    s.prompts?.forEach((p, i) => check(`${s.id}.prompts.${i + 1}`, p));
    s.questions?.forEach((q) => checkQuestion(`${s.id}.${q.id}`, q, check));
  }
  plan.knowledgeCheck?.questions.forEach((q) => checkQuestion(`knowledgeCheck.${q.id}`, q, check));
  return out;
}

function checkQuestion(where: string, q: Question, check: (where: string, t: LocalizedText | undefined) => void): void {
  check(`${where}.text`, q.text);
  q.options?.forEach((o, i) => check(`${where}.options.${i + 1}`, o.text));
  check(`${where}.low`, q.low);
  check(`${where}.high`, q.high);
  check(`${where}.explanation`, q.explanation);
}

/** The text in the wanted language, else English. */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] || text[DEFAULT_LOCALE] || "";
}

export function planDurationMinutes(plan: Plan): number {
  return plan.steps.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0);
}
