import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkPlan, localize, planDurationMinutes, type Plan } from "@/lib/domain/plan";
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
    ["a poll (not yet supported)", withStep({ kind: "poll" }), { step: "talk", field: "kind", message: /not yet supported/ }],
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
      ["c-bad-step.yml", "talk", "kind"],
      ["d-same-id.yaml", null, "id"],
    ]);
  });

  it("returns nothing for a missing folder", () => {
    expect(loadPlanFiles("/no/such/folder")).toEqual({ plans: [], issues: [], missing: {} });
  });
});
