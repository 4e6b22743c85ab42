import { planDurationMinutes, type LocalizedText, type Plan, type PlanCheck, type PlanIssue } from "@/lib/domain/plan";
import { checkPlan } from "@/lib/domain/plan-schema";
import type { LoadedPlans } from "./plan-files";
import type { Sql } from "./sql";

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
    private readonly sql: Sql,
    private readonly files: LoadedPlans,
  ) {}

  /** Problems found in plan files at start: file, step, field. */
  get fileIssues(): PlanIssue[] {
    return this.files.issues;
  }

  async list(): Promise<PlanSummary[]> {
    const fromFiles = this.files.plans.map((p) => summary(p, "file", null));
    const custom = (await this.customRows()).map((r) => summary(JSON.parse(r.json) as Plan, "custom", r.based_on));
    return [...fromFiles, ...custom];
  }

  async get(id: string): Promise<{ plan: Plan; source: "file" | "custom" } | null> {
    const file = this.files.plans.find((p) => p.id === id);
    if (file) return { plan: file, source: "file" };
    const row = await this.sql.get<{ json: string }>("SELECT json FROM plans WHERE id = ?", [id]);
    return row ? { plan: JSON.parse(row.json) as Plan, source: "custom" } : null;
  }

  /** Copies any plan into an editable custom plan with a fresh id. */
  async duplicate(id: string, userId: string, now: number): Promise<Plan | null> {
    const found = await this.get(id);
    if (!found) return null;
    const base = found.plan.id.replace(/-copy(-\d+)?$/, "");
    let newId = `${base}-copy`;
    for (let n = 2; await this.get(newId); n++) newId = `${base}-copy-${n}`;
    const copy: Plan = {
      ...found.plan,
      id: newId,
      title: Object.fromEntries(Object.entries(found.plan.title).map(([l, t]) => [l, `${t} (copy)`])) as LocalizedText,
    };
    await this.sql.run("INSERT INTO plans (id, json, based_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", [
      newId,
      JSON.stringify(copy),
      found.plan.id,
      userId,
      now,
      now,
    ]);
    return copy;
  }

  /** Validates and stores an edited custom plan; its id cannot change. File plans cannot be saved. */
  async save(id: string, raw: unknown, now: number): Promise<PlanCheck | { ok: false; notEditable: true }> {
    const existing = await this.get(id);
    if (!existing || existing.source !== "custom") return { ok: false, notEditable: true };
    const check = checkPlan({ ...(raw as object), id }, `custom plan ${id}`);
    if (!check.ok) return check;
    await this.sql.run("UPDATE plans SET json = ?, updated_at = ? WHERE id = ?", [JSON.stringify(check.plan), now, id]);
    return check;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run("DELETE FROM plans WHERE id = ?", [id])).changes > 0;
  }

  private customRows() {
    return this.sql.all<{ id: string; json: string; based_on: string | null }>("SELECT id, json, based_on FROM plans ORDER BY created_at");
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
