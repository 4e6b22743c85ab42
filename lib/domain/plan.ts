import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";
import { cleanMultiline } from "./text";

/**
 * Training plans: an ordered agenda of steps, every text in English and
 * optionally Russian and Kazakh (a missing translation falls back to English).
 */
export const localizedTextSchema = z.strictObject({
  en: z.string().max(4000).transform(cleanMultiline).pipe(z.string().min(1, "English text is required")),
  ru: z.string().max(4000).transform(cleanMultiline).optional(),
  kk: z.string().max(4000).transform(cleanMultiline).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** The plan that ships with Ortaq and is offered first. */
export const DEFAULT_PLAN_ID = "trafficking-prevention";

export const STEP_KINDS = ["intro", "video", "case", "discussion", "brainstorm", "sketch", "poll", "help", "wrapup"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** Kinds a plan may name but the app cannot run yet. */
export const UNSUPPORTED_STEP_KINDS: readonly StepKind[] = ["poll"];

export const stepSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "use lower-case letters, digits and dashes"),
    kind: z.enum(STEP_KINDS),
    title: localizedTextSchema,
    /** What the trainer says or the screen shows; paragraphs separated by blank lines. */
    body: localizedTextSchema.optional(),
    /** What a participant should do now, shown on phones. */
    task: localizedTextSchema.optional(),
    /** Questions for groups (discussion, brainstorm, sketch). */
    prompts: z.array(localizedTextSchema).max(12).optional(),
    /** Shown before hard content, with a reminder that anyone may step out. */
    warning: localizedTextSchema.optional(),
    /** A media id or a file under content/media (video steps). */
    media: z.string().max(200).regex(/^[a-z0-9][a-z0-9._-]*$/, "a media id: lower-case letters, digits, dots and dashes").optional(),
    /** Video steps: times (seconds) at which the video pauses by itself and shows a prompt. */
    pausePoints: z.array(z.strictObject({ at: z.number().min(0).max(36_000), prompt: localizedTextSchema })).max(20).optional(),
    durationMinutes: z.number().int().min(1).max(240).optional(),
    groups: z.boolean().default(false),
  })
  .superRefine((step, ctx) => {
    if (UNSUPPORTED_STEP_KINDS.includes(step.kind)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `step kind "${step.kind}" is not yet supported` });
    }
    if (step.kind === "video" && !step.media) {
      ctx.addIssue({ code: "custom", path: ["media"], message: "a video step needs media" });
    }
  });
export type PlanStep = z.infer<typeof stepSchema>;

export const planSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "use lower-case letters, digits and dashes"),
    version: z.number().int().min(1).default(1),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    steps: z.array(stepSchema).min(1, "a plan needs at least one step").max(60),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `step id "${s.id}" is used twice` });
      seen.add(s.id);
    });
  });
export type Plan = z.infer<typeof planSchema>;

export interface PlanIssue {
  file: string;
  /** The step's id (or its position) when the problem is inside a step. */
  step: string | null;
  field: string;
  message: string;
}

export type PlanCheck = { ok: true; plan: Plan; missingTranslations: string[] } | { ok: false; issues: PlanIssue[] };

/** Validates raw plan data (from YAML or the editor) and names the file, step and field of every problem. */
export function checkPlan(raw: unknown, file: string): PlanCheck {
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const steps = (raw as { steps?: { id?: unknown }[] } | null)?.steps;
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const path = issue.path.map(String);
        if (path[0] === "steps" && path.length > 1) {
          const index = Number(path[1]);
          const id = Array.isArray(steps) && typeof steps[index]?.id === "string" ? (steps[index].id as string) : `#${index + 1}`;
          return { file, step: id, field: path.slice(2).join(".") || "(step)", message: issue.message };
        }
        return { file, step: null, field: path.join(".") || "(plan)", message: issue.message };
      }),
    };
  }
  return { ok: true, plan: parsed.data, missingTranslations: missingTranslations(parsed.data) };
}

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
  }
  return out;
}

/** The text in the wanted language, else English. */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] || text[DEFAULT_LOCALE] || "";
}

export function planDurationMinutes(plan: Plan): number {
  return plan.steps.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0);
}
