import { applyEvents } from "@/lib/domain/apply-event";
import { buildImpact, publishedPercent, publishImpact, publishTotals, sumImpacts, suppress, type CompletionRule, type PublishedImpact, type PublishedTotals, type SessionImpact } from "@/lib/domain/impact";
import { emptySessionState } from "@/lib/domain/session-state";
import type { User } from "../accounts/user-store";
import type { Sql } from "../store/sql";
import type { EventStore, SessionFilter, SessionRecord } from "../store/event-store";
import { getCompletionRule } from "./completion-rule";

/**
 * Impact figures read from the log: one session's (for its report page and
 * exports) and many sessions' added up (the organiser's dashboard). Only
 * published (suppressed) figures leave this module.
 */

async function rawImpact(store: EventStore, rule: CompletionRule, sessionId: string): Promise<SessionImpact> {
  const events = await store.readSince(sessionId, 0);
  // The server's own fold: who answered what and each phone's device key stay here, for pairing.
  const state = applyEvents(emptySessionState(sessionId), events);
  return buildImpact(state, events, rule);
}

/** One session's impact as its report shows it; null when the user may not read the session. */
export async function sessionImpact(store: EventStore, sql: Sql, user: User, sessionId: string): Promise<PublishedImpact | null> {
  const record = await store.getSession(sessionId);
  if (!record || (user.role !== "organiser" && record.trainerId !== user.id)) return null;
  return publishImpact(await rawImpact(store, await getCompletionRule(sql), sessionId));
}

export interface ImpactGroup {
  /** A plan id or trainer id (null: sessions without a plan). */
  id: string | null;
  totals: PublishedTotals;
}

export interface ImpactSummary {
  totals: PublishedTotals;
  byPlan: ImpactGroup[];
  byTrainer: ImpactGroup[];
  /** Sessions per month (YYYY-MM), for the chart. */
  byMonth: { month: string; sessions: number }[];
  /** Per knowledge-check question, pooled over every session of each plan that asks it. */
  checks: { planId: string | null; questionId: string; text: SessionImpact["checks"][number]["text"]; pairedN: number | null; prePercent: number | null; postPercent: number | null }[];
  sessions: SessionRecord[];
}

function group<K>(items: readonly { record: SessionRecord; impact: SessionImpact }[], key: (r: SessionRecord) => K): Map<K, SessionImpact[]> {
  const out = new Map<K, SessionImpact[]>();
  for (const { record, impact } of items) {
    const k = key(record);
    out.set(k, [...(out.get(k) ?? []), impact]);
  }
  return out;
}

/** Sessions in the filter added up, by plan and by trainer, with the same suppression as every report. */
export async function impactSummary(store: EventStore, sql: Sql, filter: SessionFilter): Promise<ImpactSummary> {
  const sessions = await store.listSessions({ ...filter, limit: filter.limit ?? 2000 });
  const rule = await getCompletionRule(sql);
  const items: { record: SessionRecord; impact: SessionImpact }[] = [];
  for (const record of sessions) items.push({ record, impact: await rawImpact(store, rule, record.id) });
  const byPlan = [...group(items, (r) => r.planId ?? null)].map(([id, list]) => ({ id, totals: publishTotals(sumImpacts(list)) }));
  const byTrainer = [...group(items, (r) => r.trainerId)].map(([id, list]) => ({ id, totals: publishTotals(sumImpacts(list)) }));
  const months = new Map<string, number>();
  for (const r of sessions) {
    const m = new Date(r.createdAt).toISOString().slice(0, 7);
    months.set(m, (months.get(m) ?? 0) + 1);
  }
  const checks: ImpactSummary["checks"] = [];
  for (const [planId, list] of group(items, (r) => r.planId ?? null)) {
    const pooled = new Map<string, { text: SessionImpact["checks"][number]["text"]; n: number; pre: number; post: number }>();
    for (const impact of list) {
      for (const c of impact.checks) {
        const p = pooled.get(c.questionId) ?? { text: c.text, n: 0, pre: 0, post: 0 };
        pooled.set(c.questionId, { text: p.text, n: p.n + c.paired.n, pre: p.pre + c.paired.preCorrect, post: p.post + c.paired.postCorrect });
      }
    }
    for (const [questionId, p] of pooled) {
      checks.push({ planId, questionId, text: p.text, pairedN: suppress(p.n), prePercent: publishedPercent(p.pre, p.n), postPercent: publishedPercent(p.post, p.n) });
    }
  }
  return {
    totals: publishTotals(sumImpacts(items.map((i) => i.impact))),
    byPlan,
    byTrainer,
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, sessions: n })),
    checks,
    sessions,
  };
}
