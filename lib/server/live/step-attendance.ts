import { systemCommandId } from "./cluster-link";
import type { HubRegistry } from "./hub-registry";
import type { Presence } from "./presence";
import type { Logger } from "./socket-types";

/**
 * Records who is online as each plan step begins (a system event for the
 * trainers' eyes), so impact reports can tell who was present for how many
 * steps. Joins and answers during a step count as presence too; the report
 * reads those from the log.
 */
export function recordStepAttendance(deps: { registry: HubRegistry; presence: Presence; logger: Logger }): () => void {
  return deps.registry.onEvent((event, after) => {
    if (event.type !== "agenda:moved" || event.payload.index < 0 || after.status !== "live") return;
    const online = deps.presence.online(event.sessionId).filter((id) => Object.hasOwn(after.participants, id));
    void deps.registry
      .get(event.sessionId)
      // One id per step opening: every instance holding the hub records it, the log keeps the first.
      .then((hub) => hub?.execute(systemCommandId("attendance", event.sessionId, event.seq), { kind: "system" }, { type: "attendance:snapshot", index: event.payload.index, online }))
      .catch((err: unknown) => deps.logger.warn("step attendance record failed", { error: err instanceof Error ? err.message : String(err) }));
  });
}
