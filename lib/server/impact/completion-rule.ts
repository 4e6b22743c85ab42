import { z } from "zod";
import { DEFAULT_COMPLETION_RULE, type CompletionRule } from "@/lib/domain/impact";
import { readSetting, writeSetting } from "../store/settings";
import type { Sql } from "../store/sql";

const KEY = "completion_rule";

/** The rule as organisers set it: a share of steps (whole percent) and whether the after check is required. */
export const completionRuleSchema = z.object({
  minStepPercent: z.number().int().min(0).max(100),
  requirePost: z.boolean(),
});

/** The organisation's rule for "completed the training" (impact reports); the default until an organiser sets one. */
export async function getCompletionRule(sql: Sql): Promise<CompletionRule> {
  const value = await readSetting(sql, KEY);
  const parsed = value !== undefined ? completionRuleSchema.safeParse(JSON.parse(value)) : null;
  return parsed?.success ? { minStepShare: parsed.data.minStepPercent / 100, requirePost: parsed.data.requirePost } : DEFAULT_COMPLETION_RULE;
}

export async function setCompletionRule(sql: Sql, rule: z.infer<typeof completionRuleSchema>): Promise<CompletionRule> {
  await writeSetting(sql, KEY, JSON.stringify(rule));
  return getCompletionRule(sql);
}
