import { createStore } from "zustand/vanilla";
import { applyEvent } from "@/lib/domain/apply-event";
import type { ErrorCode } from "@/lib/domain/errors";
import type { ClientEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { Sync } from "@/lib/protocol/events";
import type { OutboxEntry } from "./outbox";

export type ConnectionState = "connected" | "reconnecting" | "offline";

export interface LiveState {
  /** The session as this client may see it; null until the first sync. */
  session: SessionState | null;
  connection: ConnectionState;
  /** Participants with a connected device (staff and screens only). */
  online: string[];
  /** Set on a participant's phone once it has joined. */
  participantId: string | null;
  /** Why the last sync failed, when it did (e.g. TOKEN_INVALID, FORBIDDEN). */
  syncError: ErrorCode | null;
  /** Server clock minus this device's clock, in ms; timers count in server time. */
  clockOffset: number;
  /** Commands waiting for the server (a phone's unsent notes), oldest first. */
  pending: OutboxEntry[];

  applySync(sync: Sync, sessionId: string): void;
  receive(event: ClientEvent): void;
  setConnection(state: ConnectionState): void;
  setOnline(ids: string[]): void;
  setParticipant(id: string | null): void;
  setSyncError(code: ErrorCode | null): void;
  setServerNow(serverNow: number): void;
  setPending(entries: OutboxEntry[]): void;
}

/**
 * One store per screen (console, projector, phone). Server events are folded
 * with the same applyEvent the server uses.
 */
export function createLiveStore() {
  return createStore<LiveState>()((set, get) => ({
    session: null,
    connection: "reconnecting",
    online: [],
    participantId: null,
    syncError: null,
    clockOffset: 0,
    pending: [],

    applySync(sync, sessionId) {
      if (sync.kind === "snapshot") {
        set({ session: sync.state, syncError: null });
        return;
      }
      const base = get().session;
      if (!base || base.id !== sessionId) return;
      const self = get().participantId;
      set({ session: sync.events.reduce((st, e) => applyEvent(st, e, self), base), syncError: null });
    },
    receive(event) {
      const s = get().session;
      if (!s || s.id !== event.sessionId) return;
      set({ session: applyEvent(s, event, get().participantId) });
    },
    setConnection: (connection) => set({ connection }),
    setOnline: (online) => set({ online }),
    setParticipant: (participantId) => set({ participantId }),
    setSyncError: (syncError) => set({ syncError }),
    setServerNow: (serverNow) => set({ clockOffset: serverNow - Date.now() }),
    setPending: (pending) => set({ pending }),
  }));
}

export type LiveStore = ReturnType<typeof createLiveStore>;
