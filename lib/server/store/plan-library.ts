import { planDurationMinutes, type LocalizedText, type Plan, type PlanCheck, type PlanIssue } from "@/lib/domain/plan";
import { checkPlan } from "@/lib/domain/plan-schema";
import type { Db } from "./db";
import type { LoadedPlans } from "./plan-files";

export interface PlanSummary {
  id: string;
  title: LocalizedText;
  source: "file" | "custom";
  steps: number;
  minutes: number;
  basedOn: string | null;
  missingTranslations: number;
}

export class PlanIdTakenError extends Error {
  constructor(id: string) {
    super(`A plan with id "${id}" already exists`);
  }
}

/**
 * File plans (read-only templates from content/plans) and custom plans
 * (copies edited in the browser, stored in the database), behind one list.
 */
export class PlanLibrary {
  constructor(
    private readonly db: Db,
    private readonly files: LoadedPlans,
  ) {}

  /** Problems found in plan files at start: file, step, field. */
  get fileIssues(): PlanIssue[] {
    return this.files.issues;
  }

  list(): PlanSummary[] {
    const fromFiles = this.files.plans.map((p) => summary(p, "file", null));
    const custom = this.customRows().map((r) => summary(JSON.parse(r.json) as Plan, "custom", r.based_on));
    return [...fromFiles, ...custom];
  }

  get(id: string): { plan: Plan; source: "file" | "custom" } | null {
    const file = this.files.plans.find((p) => p.id === id);
    if (file) return { plan: file, source: "file" };
    const row = this.db.prepare("SELECT json FROM plans WHERE id = ?").get(id) as { json: string } | undefined;
    return row ? { plan: JSON.parse(row.json) as Plan, source: "custom" } : null;
  }

  /** Copies any plan into an editable custom plan with a fresh id. */
  duplicate(id: string, userId: string, now: number): Plan | null {
    const found = this.get(id);
    if (!found) return null;
    const base = found.plan.id.replace(/-copy(-\d+)?$/, "");
    let newId = `${base}-copy`;
    for (let n = 2; this.get(newId); n++) newId = `${base}-copy-${n}`;
    const copy: Plan = {
      ...found.plan,
      id: newId,
      title: Object.fromEntries(Object.entries(found.plan.title).map(([l, t]) => [l, `${t} (copy)`])) as LocalizedText,
    };
    this.db
      .prepare("INSERT INTO plans (id, json, based_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(newId, JSON.stringify(copy), found.plan.id, userId, now, now);
    return copy;
  }

  /** Validates and stores an edited custom plan; its id cannot change. File plans cannot be saved. */
  save(id: string, raw: unknown, now: number): PlanCheck | { ok: false; notEditable: true } {
    const existing = this.get(id);
    if (!existing || existing.source !== "custom") return { ok: false, notEditable: true };
    const check = checkPlan({ ...(raw as object), id }, `custom plan ${id}`);
    if (!check.ok) return check;
    this.db.prepare("UPDATE plans SET json = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(check.plan), now, id);
    return check;
  }

  delete(id: string): boolean {
    return this.db.prepare("DELETE FROM plans WHERE id = ?").run(id).changes > 0;
  }

  private customRows() {
    return this.db.prepare("SELECT id, json, based_on FROM plans ORDER BY created_at").all() as { id: string; json: string; based_on: string | null }[];
  }
}

function summary(plan: Plan, source: "file" | "custom", basedOn: string | null): PlanSummary {
  const check = checkPlan(plan, plan.id);
  return {
    id: plan.id,
    title: plan.title,
    source,
    steps: plan.steps.length,
    minutes: planDurationMinutes(plan),
    basedOn,
    missingTranslations: check.ok ? check.missingTranslations.length : 0,
  };
}
