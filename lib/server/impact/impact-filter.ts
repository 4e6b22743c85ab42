import { z } from "zod";
import type { User } from "../accounts/user-store";
import type { SessionFilter } from "../store/event-store";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The dashboard's filters (query string): a date range, a plan, a trainer. */
export const impactQuerySchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  plan: z.string().max(64).regex(/^[a-z0-9-]*$/).optional().catch(undefined),
  trainer: z.string().max(64).regex(/^[A-Za-z0-9_-]*$/).optional().catch(undefined),
});
export type ImpactQuery = z.infer<typeof impactQuerySchema>;

/** The sessions a user may add up: an organiser any (or one trainer's), a trainer their own. */
export function impactFilter(q: ImpactQuery, user: User): SessionFilter {
  return {
    trainerId: user.role === "organiser" ? q.trainer || undefined : user.id,
    planId: q.plan || undefined,
    from: q.from ? Date.parse(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? Date.parse(`${q.to}T00:00:00Z`) + 86_400_000 : undefined,
  };
}
