import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { localize, planDurationMinutes, type Plan } from "@/lib/domain/plan";
import { checkPlan } from "@/lib/domain/plan-schema";
import { loadPlanFiles } from "@/lib/server/store/plan-files";

const good = {
  id: "mini",
  title: { en: "Mini", ru: "Мини", kk: "Шағын" },
  steps: [
    { id: "hello", kind: "intro", title: { en: "Hello", ru: "Привет", kk: "Сәлем" }, durationMinutes: 5 },
    { id: "talk", kind: "discussion", groups: true, title: { en: "Talk" }, prompts: [{ en: "Why?" }], durationMinutes: 10 },
  ],
};

const withStep = (patch: object) => ({ ...good, steps: [good.steps[0], { ...good.steps[1], ...patch }] });
const CHECK_Q = ({ correct = true } = {}) => ({ id: "k", type: "single", text: { en: "K" }, options: [{ text: { en: "Myth" }, correct }, { text: { en: "Fact" } }] });

describe("plan validation", () => {
  it("accepts a good plan and lists missing translations", () => {
    const r = checkPlan(good, "mini.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.steps[0].groups).toBe(false);
    expect(r.missingTranslations).toEqual(["talk.title: ru", "talk.title: kk", "talk.prompts.1: ru", "talk.prompts.1: kk"]);
    expect(planDurationMinutes(r.plan)).toBe(15);
  });

  it.each<[string, unknown, { step: string | null; field: string; message: RegExp }]>([
    ["no steps", { ...good, steps: [] }, { step: null, field: "steps", message: /at least one step/ }],
    ["no English title", { ...good, title: { ru: "Мини" } }, { step: null, field: "title.en", message: /./ }],
    ["empty English text", withStep({ title: { en: "  " } }), { step: "talk", field: "title.en", message: /English text is required/ }],
    ["an unknown kind", withStep({ kind: "dance" }), { step: "talk", field: "kind", message: /./ }],
    ["a poll without questions", withStep({ kind: "poll" }), { step: "talk", field: "questions", message: /needs questions/ }],
    ["questions on a video step", withStep({ kind: "video", media: "film", questions: [{ id: "q", type: "open", text: { en: "Why?" } }] }), { step: "talk", field: "questions", message: /cannot ask questions/ }],
    ["a choice question with one option", withStep({ kind: "poll", questions: [{ id: "q", type: "single", text: { en: "Q" }, options: [{ text: { en: "A" } }] }] }), { step: "talk", field: "questions.0.options", message: /2 to 8 options/ }],
    ["options on a scale", withStep({ kind: "poll", questions: [{ id: "q", type: "scale", text: { en: "Q" }, options: [{ text: { en: "A" } }, { text: { en: "B" } }] }] }), { step: "talk", field: "questions.0.options", message: /no options/ }],
    ["a quiz question with no right answer", withStep({ kind: "quiz", questions: [{ id: "q", type: "single", text: { en: "Q" }, options: [{ text: { en: "A" } }, { text: { en: "B" } }] }] }), { step: "talk", field: "questions.0.options", message: /marks its correct option/ }],
    ["two right answers on a single choice", withStep({ kind: "quiz", questions: [{ id: "q", type: "single", text: { en: "Q" }, options: [{ text: { en: "A" }, correct: true }, { text: { en: "B" }, correct: true }] }] }), { step: "talk", field: "questions.0.options", message: /one correct option/ }],
    ["an explanation with no right answer", withStep({ kind: "poll", questions: [{ id: "q", type: "open", text: { en: "Q" }, explanation: { en: "E" } }] }), { step: "talk", field: "questions.0.explanation", message: /needs a correct option/ }],
    ["a duplicate question id", withStep({ kind: "poll", questions: [{ id: "q", type: "open", text: { en: "Q" } }, { id: "q", type: "scale", text: { en: "R" } }] }), { step: "talk", field: "questions.1.id", message: /used twice/ }],
    ["a check with no knowledgeCheck", withStep({ check: "pre" }), { step: "talk", field: "check", message: /no knowledgeCheck/ }],
    ["a retrospective without a post check", withStep({ kind: "poll", questions: [{ id: "q", type: "open", text: { en: "Q" } }], retrospective: true }), { step: "talk", field: "retrospective", message: /only a post check/ }],
    ["an open knowledge-check question", { ...withStep({ check: "post" }), knowledgeCheck: { questions: [{ id: "k", type: "open", text: { en: "K" } }] } }, { step: null, field: "knowledgeCheck.questions.0.type", message: /single or multiple/ }],
    ["a knowledge-check question with no right answer", { ...withStep({ check: "post" }), knowledgeCheck: { questions: [CHECK_Q({ correct: false })] } }, { step: null, field: "knowledgeCheck.questions.0.options", message: /marks its correct option/ }],
    ["two steps asking the pre check", { ...good, steps: [{ ...good.steps[0], check: "pre" }, { ...good.steps[1], check: "pre" }], knowledgeCheck: { questions: [CHECK_Q()] } }, { step: "talk", field: "check", message: /only one step/ }],
    ["a step question that reuses a check question's id", { ...withStep({ check: "post", questions: [{ id: "k", type: "scale", text: { en: "S" } }] }), knowledgeCheck: { questions: [CHECK_Q()] } }, { step: "talk", field: "questions.0.id", message: /also a knowledge-check question/ }],
    ["a video without media", withStep({ kind: "video" }), { step: "talk", field: "media", message: /needs media/ }],
    ["a negative duration", withStep({ durationMinutes: -3 }), { step: "talk", field: "durationMinutes", message: /./ }],
    ["a duplicate step id", withStep({ id: "hello" }), { step: "hello", field: "id", message: /used twice/ }],
    ["a bad step id", withStep({ id: "Bad Id" }), { step: "Bad Id", field: "id", message: /lower-case/ }],
    ["an unknown field", withStep({ colour: "red" }), { step: "talk", field: "(step)", message: /colour/ }],
    ["an unknown language", withStep({ title: { en: "Talk", de: "Reden" } }), { step: "talk", field: "title", message: /de/ }],
    ["not an object", "just text", { step: null, field: "(plan)", message: /./ }],
  ])("names the file, step and field for %s", (_name, raw, expected) => {
    const r = checkPlan(raw, "broken.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ file: "broken.yaml", step: expected.step, field: expected.field, message: expect.stringMatching(expected.message) });
  });

  it("accepts polls, quizzes and a paired knowledge check, and lists their missing translations", () => {
    const r = checkPlan(
      {
        ...good,
        knowledgeCheck: { questions: [{ ...CHECK_Q(), explanation: { en: "Because" } }] },
        steps: [
          { ...good.steps[0], check: "pre" },
          { id: "vote", kind: "poll", title: { en: "Vote", ru: "Голос", kk: "Дауыс" }, questions: [{ id: "rate", type: "scale", text: { en: "Rate", ru: "Оценка", kk: "Баға" }, low: { en: "Low", ru: "Мало", kk: "Аз" }, high: { en: "High", ru: "Много", kk: "Көп" } }] },
          { id: "end", kind: "wrapup", title: { en: "End", ru: "Конец", kk: "Соңы" }, check: "post", retrospective: true },
        ],
      },
      "checks.yaml",
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.missingTranslations).toEqual(["knowledgeCheck.k.text: ru", "knowledgeCheck.k.text: kk", "knowledgeCheck.k.options.1: ru", "knowledgeCheck.k.options.1: kk", "knowledgeCheck.k.options.2: ru", "knowledgeCheck.k.options.2: kk", "knowledgeCheck.k.explanation: ru", "knowledgeCheck.k.explanation: kk"]);
  });

  it("falls back to English for a missing translation", () => {
    expect(localize({ en: "Talk" }, "kk")).toBe("Talk");
    expect(localize({ en: "Talk", kk: "Сөйлесу" }, "kk")).toBe("Сөйлесу");
    expect(localize(undefined, "ru")).toBe("");
  });
});

describe("plan files", () => {
  it("loads the default plan: complete, in three languages, about 90 minutes", () => {
    const loaded = loadPlanFiles(path.join(__dirname, "../../content/plans"));
    expect(loaded.issues).toEqual([]);
    const plan = loaded.plans.find((p) => p.id === "trafficking-prevention") as Plan;
    expect(plan).toBeDefined();
    expect(loaded.missing[plan.id]).toBeUndefined();
    expect(planDurationMinutes(plan)).toBe(90);
    expect(plan.steps.map((s) => s.kind)).toEqual(["intro", "video", "case", "discussion", "brainstorm", "sketch", "help", "wrapup"]);
    // An opening and a closing knowledge check (the same myth-or-fact questions), the look back, and the feedback form.
    expect(plan.knowledgeCheck?.questions).toHaveLength(6);
    expect(plan.knowledgeCheck?.questions.every((q) => q.options?.map((o) => o.text.en).join() === "Myth,Fact" && q.explanation?.kk)).toBe(true);
    expect(plan.steps.map((s) => s.check ?? null)).toEqual(["pre", null, null, null, null, null, null, "post"]);
    expect(plan.steps.at(-1)).toMatchObject({ retrospective: true, questions: [{ id: "useful", type: "scale" }, { id: "know-help", type: "single" }] });
  });

  it("skips a broken file, reports it, and keeps the valid ones", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-plans-"));
    fs.writeFileSync(path.join(dir, "a-good.yaml"), JSON.stringify(good));
    fs.writeFileSync(path.join(dir, "b-bad-yaml.yaml"), "id: [unclosed\n  - :");
    fs.writeFileSync(path.join(dir, "c-bad-step.yml"), JSON.stringify(withStep({ kind: "poll" })));
    fs.writeFileSync(path.join(dir, "d-same-id.yaml"), JSON.stringify(good));
    fs.writeFileSync(path.join(dir, "notes.txt"), "ignored");
    const loaded = loadPlanFiles(dir);
    expect(loaded.plans.map((p) => p.id)).toEqual(["mini"]);
    expect(loaded.issues.map((i) => [i.file, i.step, i.field])).toEqual([
      ["b-bad-yaml.yaml", null, "(yaml)"],
      ["c-bad-step.yml", "talk", "questions"],
      ["d-same-id.yaml", null, "id"],
    ]);
  });

  it("returns nothing for a missing folder", () => {
    expect(loadPlanFiles("/no/such/folder")).toEqual({ plans: [], issues: [], missing: {} });
  });
});
