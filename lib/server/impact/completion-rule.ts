import { z } from "zod";
import { DEFAULT_COMPLETION_RULE, type CompletionRule } from "@/lib/domain/impact";
import type { Db } from "../store/db";

const KEY = "completion_rule";

/** The rule as organisers set it: a share of steps (whole percent) and whether the after check is required. */
export const completionRuleSchema = z.object({
  minStepPercent: z.number().int().min(0).max(100),
  requirePost: z.boolean(),
});

/** The organisation's rule for "completed the training" (impact reports); the default until an organiser sets one. */
export function getCompletionRule(db: Db): CompletionRule {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY) as { value: string } | undefined;
  const parsed = row ? completionRuleSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? { minStepShare: parsed.data.minStepPercent / 100, requirePost: parsed.data.requirePost } : DEFAULT_COMPLETION_RULE;
}

export function setCompletionRule(db: Db, rule: z.infer<typeof completionRuleSchema>): CompletionRule {
  db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(KEY, JSON.stringify(rule));
  return getCompletionRule(db);
}
