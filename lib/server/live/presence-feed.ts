import type { PresencePayload } from "@/lib/protocol/events";
import type { Presence } from "./presence";
import { rooms, type OrtaqServer } from "./socket-types";

/** At most this many presence messages a second go to a session's consoles and projector. */
export const PRESENCE_FLUSH_MS = 250;

/**
 * Who came online and who left, coalesced: consoles and the projector get a
 * count and the ids that changed, at most a few times a second, never the
 * whole list on every join (1,000 joins used to send 20 MB to the trainer).
 */
export function createPresenceFeed(deps: { io: OrtaqServer; presence: Presence; onFlush?: (sessionId: string, count: number) => void; intervalMs?: number }) {
  const pending = new Map<string, { joined: Set<string>; left: Set<string> }>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    timer = null;
    for (const [sessionId, change] of pending) {
      const count = deps.presence.online(sessionId).length;
      const payload: PresencePayload = { sessionId, count, joined: [...change.joined], left: [...change.left] };
      // Each instance tells its own consoles and projectors (it hears of the others' phones through Presence).
      deps.io.local.to([rooms.trainers(sessionId), rooms.screen(sessionId)]).emit("presence:changed", payload);
      deps.onFlush?.(sessionId, count);
    }
    pending.clear();
  }

  return {
    /** Notes that a participant came online (`true`) or went offline. */
    changed(sessionId: string, participantId: string, online: boolean): void {
      let change = pending.get(sessionId);
      if (!change) pending.set(sessionId, (change = { joined: new Set(), left: new Set() }));
      // Online then offline within one window cancels out, and the other way round.
      const [add, drop] = online ? [change.joined, change.left] : [change.left, change.joined];
      if (!drop.delete(participantId)) add.add(participantId);
      timer ??= setTimeout(flush, deps.intervalMs ?? PRESENCE_FLUSH_MS);
    },
    /** The whole list, for a console or projector that has just started watching. */
    snapshot(sessionId: string): PresencePayload {
      const online = deps.presence.online(sessionId);
      return { sessionId, count: online.length, joined: online, left: [], full: true };
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

export type PresenceFeed = ReturnType<typeof createPresenceFeed>;
