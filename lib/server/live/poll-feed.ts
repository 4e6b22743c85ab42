import type { SessionEvent } from "@/lib/domain/events";
import { pollResults } from "@/lib/domain/poll-results";
import type { SessionState } from "@/lib/domain/session-state";
import type { PollResultsPayload } from "@/lib/protocol/events";
import type { HubRegistry } from "./hub-registry";
import { rooms, type OrtaqServer } from "./socket-types";

/** At most this many results messages a second reach a projector (4/s), however fast 500 phones answer. */
export const SCREEN_RESULTS_MS = 250;
/** Phones, many and on shared Wi-Fi, get shown results at most once a second. */
export const PHONE_RESULTS_MS = 1000;

const CHANGES_RESULTS = new Set(["poll:opened", "poll:closed", "poll:shown", "poll:revealed", "poll:answered", "poll:answer-hidden"]);

interface Pending {
  state: SessionState;
  screen: Set<string>;
  phones: Set<string>;
  screenTimer: ReturnType<typeof setTimeout> | null;
  phoneTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The room's view of poll results, coalesced: every stored poll event marks
 * its question changed, and projectors and consoles (and, while the trainer
 * shows the results, every phone) get the question's results at most every
 * SCREEN_RESULTS_MS (PHONE_RESULTS_MS), computed from the server's record,
 * where each answer has already moved the tallies by its change alone. A
 * projector, console or phone that (re)joins its rooms gets the current
 * question's results at once.
 */
export function createPollFeed(deps: { io: OrtaqServer; registry: HubRegistry; screenMs?: number; phoneMs?: number }) {
  const pending = new Map<string, Pending>();
  const screenMs = deps.screenMs ?? SCREEN_RESULTS_MS;
  const phoneMs = deps.phoneMs ?? PHONE_RESULTS_MS;
  let stopped = false;

  const payload = (sessionId: string, state: SessionState, key: string, audience: "screen" | "phones"): PollResultsPayload => ({ sessionId, ...pollResults(state, key, audience) });
  /** Every phone of the session: the session room without the consoles and projectors in it. */
  const phones = (id: string) => deps.io.local.to(rooms.session(id)).except([rooms.trainers(id), rooms.screen(id)]);

  function flushScreen(sessionId: string): void {
    const p = pending.get(sessionId);
    if (!p) return;
    p.screenTimer = null;
    // Consoles too: a projector page opened by a signed-in trainer watches as staff, in the trainers' room.
    for (const key of p.screen) deps.io.local.to([rooms.screen(sessionId), rooms.trainers(sessionId)]).emit("poll:results", payload(sessionId, p.state, key, "screen"));
    p.screen.clear();
    settle(sessionId, p);
  }

  function flushPhones(sessionId: string): void {
    const p = pending.get(sessionId);
    if (!p) return;
    p.phoneTimer = null;
    for (const key of p.phones) phones(sessionId).emit("poll:results", payload(sessionId, p.state, key, "phones"));
    p.phones.clear();
    settle(sessionId, p);
  }

  function settle(sessionId: string, p: Pending): void {
    if (!p.screenTimer && !p.phoneTimer) pending.delete(sessionId);
  }

  function changed(event: SessionEvent, after: SessionState): void {
    if (stopped || !CHANGES_RESULTS.has(event.type)) return;
    const key = (event.payload as { key: string }).key;
    const sessionId = event.sessionId;
    let p = pending.get(sessionId);
    if (!p) pending.set(sessionId, (p = { state: after, screen: new Set(), phones: new Set(), screenTimer: null, phoneTimer: null }));
    p.state = after;
    p.screen.add(key);
    p.screenTimer ??= setTimeout(() => flushScreen(sessionId), screenMs);
    // Phones hear of results while shown, and once more when they are hidden again (so they drop them).
    const q = after.polls.questions[key];
    if (q?.results.phones || event.type === "poll:shown") {
      p.phones.add(key);
      p.phoneTimer ??= setTimeout(() => flushPhones(sessionId), phoneMs);
    }
  }

  /** A projector or phone that joined its rooms gets the current question's results straight away. */
  function onJoinRoom(room: string, socketId: string): void {
    const screen = /^(?:screen|trainers):(.+)$/.exec(room);
    const phone = screen ? null : /^participant:([^:]+):.+$/.exec(room);
    const sessionId = screen?.[1] ?? phone?.[1];
    if (!sessionId) return;
    void deps.registry.get(sessionId).then((hub) => {
      const key = hub?.state.polls.current;
      const socket = deps.io.sockets.sockets.get(socketId);
      if (!hub || !key || !socket) return;
      const results = payload(sessionId, hub.state, key, screen ? "screen" : "phones");
      if (screen || results.shown) socket.emit("poll:results", results);
    });
  }

  const unsubscribe = deps.registry.onEvent((event, after) => changed(event, after));
  deps.io.of("/").adapter.on("join-room", onJoinRoom);

  return {
    stop(): void {
      stopped = true;
      unsubscribe();
      deps.io.of("/").adapter.off("join-room", onJoinRoom);
      for (const p of pending.values()) {
        if (p.screenTimer) clearTimeout(p.screenTimer);
        if (p.phoneTimer) clearTimeout(p.phoneTimer);
      }
      pending.clear();
    },
  };
}

export type PollFeed = ReturnType<typeof createPollFeed>;
