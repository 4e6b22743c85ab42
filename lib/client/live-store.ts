import { createStore } from "zustand/vanilla";
import { createFold } from "@/lib/domain/apply-event";
import type { ErrorCode } from "@/lib/domain/errors";
import type { ClientEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { PollResultsPayload, PresencePayload, Sync } from "@/lib/protocol/events";
import type { PollResults } from "@/lib/domain/poll-results";
import { MAX_STROKE_POINTS } from "@/lib/domain/sketch";
import type { StrokeProgress } from "@/lib/protocol/commands";
import { unpackPoints } from "@/lib/protocol/stroke-packing";
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
  /** Strokes others are drawing right now (volatile presence, never stored). */
  liveStrokes: Record<string, LiveStroke>;

  /** Marks a resync in flight: broadcasts that arrive before its answer wait, then replay on top of it. */
  beginSync(): void;
  /** Drops a failed resync's waiting broadcasts (the next resync covers them). */
  abortSync(): void;
  applySync(sync: Sync, sessionId: string): void;
  receive(event: ClientEvent): void;
  setConnection(state: ConnectionState): void;
  /** Folds a presence message: the whole list, or who came and went since the last one. */
  applyPresence(p: PresencePayload): void;
  setParticipant(id: string | null): void;
  setSyncError(code: ErrorCode | null): void;
  setServerNow(serverNow: number): void;
  setPending(entries: OutboxEntry[]): void;
  addProgress(p: StrokeProgress & { authorId: string }): void;
  /** Consoles only: how many phones are on a break now (a count, never who). */
  breaks: number;
  setBreaks(count: number): void;
  /** Poll results as the room may see them, by question key (the coalesced results feed; projector and phones). */
  pollResults: Record<string, PollResults>;
  applyPollResults(p: PollResultsPayload): void;
}

export interface LiveStroke {
  sketchId: string;
  colour: string;
  width: number;
  tool: "pen" | "eraser";
  points: number[];
  authorId: string;
  at: number;
}

/** Live strokes older than this without news are dropped (their author lost the link). */
const LIVE_STROKE_TTL_MS = 8000;

/**
 * One store per screen (console, projector, phone). Server events are folded
 * with the same reducer the server uses, writing the notes record and their
 * order in place (a note costs the same on a wall of 20 or 20,000): a
 * changed note comes with a new session and `seq` (and a new note object),
 * every other change with new objects (see `createFold`).
 */
export function createLiveStore() {
  const hold = { active: false, events: [] as ClientEvent[] };
  const fold = createFold("notes");
  return createStore<LiveState>()((set, get) => ({
    session: null,
    connection: "reconnecting",
    online: [],
    participantId: null,
    syncError: null,
    clockOffset: 0,
    pending: [],
    liveStrokes: {},
    pollResults: {},
    breaks: 0,

    beginSync() {
      hold.active = true;
      hold.events = [];
    },
    abortSync() {
      hold.active = false;
      hold.events = [];
    },
    applySync(sync, sessionId) {
      const self = get().participantId;
      const held = hold.events.filter((e) => e.sessionId === sessionId);
      hold.active = false;
      hold.events = [];
      let session: SessionState | null;
      if (sync.kind === "snapshot") session = sync.state;
      else {
        const base = get().session;
        if (!base || base.id !== sessionId) return;
        session = fold.applyAll(base, sync.events, self);
      }
      // Broadcasts that overtook the answer: the fold skips what the sync already holds.
      set({ session: fold.applyAll(session, held, self), syncError: null });
    },
    receive(event) {
      if (hold.active) {
        hold.events.push(event);
        return;
      }
      const s = get().session;
      if (!s || s.id !== event.sessionId) return;
      const next = fold.apply(s, event, get().participantId);
      if (event.type === "stroke:committed" && get().liveStrokes[event.payload.stroke.id]) {
        const live = { ...get().liveStrokes };
        delete live[event.payload.stroke.id];
        set({ session: next, liveStrokes: live });
        return;
      }
      set({ session: next });
    },
    addProgress(p) {
      const now = Date.now();
      const live: Record<string, LiveStroke> = {};
      for (const [id, l] of Object.entries(get().liveStrokes)) if (now - l.at < LIVE_STROKE_TTL_MS) live[id] = l;
      // A late progress packet for a stroke already committed is ignored.
      const committed = get().session?.sketches[p.sketchId]?.strokes.some((st) => st.id === p.strokeId);
      const prev = live[p.strokeId];
      // A stroke that never ends (a stuck or hostile phone) stops growing at the commit limit.
      if (!committed && (prev?.points.length ?? 0) < MAX_STROKE_POINTS * 3 * 2) {
        const points = unpackPoints(p.packed);
        live[p.strokeId] = { sketchId: p.sketchId, colour: p.colour, width: p.width, tool: p.tool, authorId: p.authorId, points: prev ? prev.points.concat(points) : points, at: now };
      }
      set({ liveStrokes: live });
    },
    setConnection: (connection) => set({ connection }),
    applyPresence: (p) =>
      set((s) => {
        if (p.full) return { online: p.joined };
        const left = new Set(p.left);
        const online = s.online.filter((id) => !left.has(id));
        const known = new Set(online);
        for (const id of p.joined) if (!known.has(id)) online.push(id);
        return { online };
      }),
    setParticipant: (participantId) => set({ participantId }),
    setSyncError: (syncError) => set({ syncError }),
    setServerNow: (serverNow) => set({ clockOffset: serverNow - Date.now() }),
    setPending: (pending) => set({ pending }),
    setBreaks: (breaks) => set({ breaks }),
    applyPollResults: ({ sessionId, ...results }) => {
      // Results of another session (a phone that joined a new one) are not this screen's.
      const s = get().session;
      if (s && s.id !== sessionId) return;
      set((st) => ({ pollResults: { ...st.pollResults, [results.key]: results } }));
    },
  }));
}

export type LiveStore = ReturnType<typeof createLiveStore>;
