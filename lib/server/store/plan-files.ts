import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Plan, PlanIssue } from "@/lib/domain/plan";
import { checkPlan } from "@/lib/domain/plan-schema";

export interface LoadedPlans {
  plans: Plan[];
  /** Problems found; each names the file, step and field. The valid plans still load. */
  issues: PlanIssue[];
  /** Texts without a Russian or Kazakh version, per plan id. */
  missing: Record<string, string[]>;
}

/** Reads every *.yaml / *.yml plan in a folder. A broken file is reported and skipped, never fatal. */
export function loadPlanFiles(dir: string): LoadedPlans {
  const out: LoadedPlans = { plans: [], issues: [], missing: {} };
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return out;
  }
  for (const name of files) {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      out.issues.push({ file: name, step: null, field: "(yaml)", message: (err as Error).message.split("\n")[0] });
      continue;
    }
    const check = checkPlan(raw, name);
    if (!check.ok) {
      out.issues.push(...check.issues);
      continue;
    }
    if (out.plans.some((p) => p.id === check.plan.id)) {
      out.issues.push({ file: name, step: null, field: "id", message: `plan id "${check.plan.id}" is used by another file` });
      continue;
    }
    out.plans.push(check.plan);
    if (check.missingTranslations.length) out.missing[check.plan.id] = check.missingTranslations;
  }
  return out;
}
