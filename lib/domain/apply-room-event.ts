import type { ClientEvent } from "./events";
import type { SessionState } from "./session-state";

type RoomEvent = Extract<ClientEvent, { type: "room:configured" | "participants:removed" | "participant:renamed" | "participants:admitted" }>;

function without<T>(record: Record<string, T>, ids: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) if (!ids.has(k)) out[k] = v;
  return out;
}

/** Folds room control: settings, removals, renames, admissions. Pure. `next` already carries the event's seq. */
export function applyRoomEvent(next: SessionState, event: RoomEvent, self: string | null): SessionState {
  switch (event.type) {
    case "room:configured":
      return { ...next, room: event.payload.settings };
    case "participants:removed": {
      const p = event.payload;
      const gone = new Set(p.participantIds);
      const notesGone = new Set(p.noteIds);
      const sketchesGone = new Set(p.sketchIds);
      const votesBy = without(next.votesBy, gone);
      for (const v of Object.keys(votesBy)) if (votesBy[v].some((id) => notesGone.has(id))) votesBy[v] = votesBy[v].filter((id) => !notesGone.has(id));
      return {
        ...next,
        participants: without(next.participants, gone),
        participantOrder: next.participantOrder.filter((id) => !gone.has(id)),
        membership: without(next.membership, gone),
        groupSizes: p.sizes,
        notes: without(next.notes, notesGone),
        noteOrder: next.noteOrder.filter((id) => !notesGone.has(id)),
        votesBy,
        sketches: without(next.sketches, sketchesGone),
        sketchOrder: next.sketchOrder.filter((id) => !sketchesGone.has(id)),
        spotlight: next.spotlight && sketchesGone.has(next.spotlight) ? null : next.spotlight,
        profiles: without(next.profiles, gone),
        waiting: next.waiting.filter((id) => !gone.has(id)),
        // Staff keep who was removed (their passes stop working); a phone only ever learns it was itself.
        removed: self === null || gone.has(self) ? [...next.removed, ...p.participantIds.filter((id) => self === null || id === self)] : next.removed,
        devices: without(next.devices, gone),
        bannedDevices: p.devices?.length ? [...next.bannedDevices, ...p.devices] : next.bannedDevices,
      };
    }
    case "participant:renamed": {
      const p = event.payload;
      const known = next.participants[p.participantId];
      if (!known || !Object.hasOwn(next.participants, p.participantId)) return next;
      return { ...next, participants: { ...next.participants, [p.participantId]: { ...known, nickname: p.nickname } } };
    }
    case "participants:admitted": {
      const admitted = new Set(event.payload.participantIds);
      return { ...next, waiting: next.waiting.filter((id) => !admitted.has(id)) };
    }
  }
}
