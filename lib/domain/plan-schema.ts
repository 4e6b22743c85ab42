import { z } from "zod";
import { isQuizQuestion, MAX_OPTIONS, missingTranslations, QUESTION_STEP_KINDS, QUESTION_TYPES, STEP_KINDS, UNSUPPORTED_STEP_KINDS, type PlanCheck } from "./plan";
import { cleanMultiline } from "./text";

/** Training plans as zod checks them: from YAML files, the plan editor and stored events. */

export const localizedTextSchema = z.strictObject({
  en: z.string().max(4000).transform(cleanMultiline).pipe(z.string().min(1, "English text is required")),
  ru: z.string().max(4000).transform(cleanMultiline).optional(),
  kk: z.string().max(4000).transform(cleanMultiline).optional(),
});
export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "use lower-case letters, digits and dashes"),
    type: z.enum(QUESTION_TYPES),
    text: localizedTextSchema,
    options: z.array(z.strictObject({ text: localizedTextSchema, correct: z.boolean().optional() })).max(MAX_OPTIONS).optional(),
    /** Scale questions: what 1 and 5 mean. */
    low: localizedTextSchema.optional(),
    high: localizedTextSchema.optional(),
    /** Shown with the correct answer when the trainer reveals it. */
    explanation: localizedTextSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === "single" || q.type === "multiple";
    const n = q.options?.length ?? 0;
    if (choice && n < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "a choice question needs 2 to 8 options" });
    if (!choice && n > 0) ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question has no options` });
    const correct = q.options?.filter((o) => o.correct).length ?? 0;
    if (q.type === "single" && correct > 1) ctx.addIssue({ code: "custom", path: ["options"], message: "a single-choice question has one correct option" });
    if (q.explanation && correct === 0) ctx.addIssue({ code: "custom", path: ["explanation"], message: "an explanation needs a correct option" });
    if ((q.low || q.high) && q.type !== "scale") ctx.addIssue({ code: "custom", path: ["low"], message: "only scale questions have low and high labels" });
  });
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
    /** The step's timer starts by itself when the step opens (needs a duration). */
    autoStartTimer: z.boolean().optional(),
    groups: z.boolean().default(false),
    /** Poll, quiz and wrap-up steps: questions the trainer opens one after another. */
    questions: z.array(questionSchema).max(20).optional(),
    /** The step asks the plan's knowledge check: before the training (pre) or after it (post). */
    check: z.enum(["pre", "post"]).optional(),
    /** A post check also asks "Before today, I would have answered…" for each question. */
    retrospective: z.boolean().optional(),
  })
  .superRefine((step, ctx) => {
    const asks = (step.questions?.length ?? 0) > 0 || !!step.check;
    if (asks && !QUESTION_STEP_KINDS.includes(step.kind)) {
      ctx.addIssue({ code: "custom", path: [step.check ? "check" : "questions"], message: `a ${step.kind} step cannot ask questions` });
    }
    if ((step.kind === "poll" || step.kind === "quiz") && !asks) {
      ctx.addIssue({ code: "custom", path: ["questions"], message: `a ${step.kind} step needs questions or a knowledge check` });
    }
    if (step.kind === "quiz") {
      step.questions?.forEach((q, i) => {
        if ((q.type === "single" || q.type === "multiple") && !isQuizQuestion(q)) {
          ctx.addIssue({ code: "custom", path: ["questions", i, "options"], message: "a quiz question marks its correct option" });
        }
      });
    }
    if (step.retrospective && step.check !== "post") {
      ctx.addIssue({ code: "custom", path: ["retrospective"], message: "only a post check asks the retrospective question" });
    }
    const ids = new Set<string>();
    step.questions?.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `question id "${q.id}" is used twice` });
      ids.add(q.id);
    });
    if (UNSUPPORTED_STEP_KINDS.includes(step.kind)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `step kind "${step.kind}" is not yet supported` });
    }
    if (step.kind === "video" && !step.media) {
      ctx.addIssue({ code: "custom", path: ["media"], message: "a video step needs media" });
    }
    if (step.autoStartTimer && !step.durationMinutes) {
      ctx.addIssue({ code: "custom", path: ["autoStartTimer"], message: "a timer that starts by itself needs durationMinutes" });
    }
  });
export const planSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "use lower-case letters, digits and dashes"),
    version: z.number().int().min(1).default(1),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    steps: z.array(stepSchema).min(1, "a plan needs at least one step").max(60),
    /** The knowledge check asked before (pre) and after (post) the training: the same questions, so answers pair up. */
    knowledgeCheck: z.strictObject({ questions: z.array(questionSchema).min(1).max(12) }).optional(),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `step id "${s.id}" is used twice` });
      seen.add(s.id);
    });
    checkKnowledgeCheck(plan, ctx);
  });
/** A knowledge check: right answers on every question, one pre and one post step, no clash with a step's own question ids. */
function checkKnowledgeCheck(plan: z.infer<typeof planSchema>, ctx: z.RefinementCtx): void {
  const check = plan.knowledgeCheck;
  check?.questions.forEach((q, i) => {
    if (q.type !== "single" && q.type !== "multiple") ctx.addIssue({ code: "custom", path: ["knowledgeCheck", "questions", i, "type"], message: "knowledge-check questions are single or multiple choice" });
    else if (!isQuizQuestion(q)) ctx.addIssue({ code: "custom", path: ["knowledgeCheck", "questions", i, "options"], message: "a knowledge-check question marks its correct option" });
  });
  const ids = new Set(check?.questions.map((q) => q.id));
  if (check && ids.size !== check.questions.length) ctx.addIssue({ code: "custom", path: ["knowledgeCheck", "questions"], message: "question ids must be unique" });
  const phases = new Set<string>();
  plan.steps.forEach((s, i) => {
    if (!s.check) return;
    if (!check) ctx.addIssue({ code: "custom", path: ["steps", i, "check"], message: "the plan has no knowledgeCheck" });
    if (phases.has(s.check)) ctx.addIssue({ code: "custom", path: ["steps", i, "check"], message: `only one step asks the ${s.check} check` });
    phases.add(s.check);
    s.questions?.forEach((q, n) => {
      if (ids.has(q.id)) ctx.addIssue({ code: "custom", path: ["steps", i, "questions", n, "id"], message: `question id "${q.id}" is also a knowledge-check question` });
    });
  });
}

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
