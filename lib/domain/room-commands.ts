import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { currentSizes } from "./group-commands";
import { freeNickname, normalizeNickname } from "./nickname";
import { own } from "./records";
import type { SessionState } from "./session-state";

/** The most participants a session may be capped at (and the most removed or admitted at once). */
export const ROOM_CAP_MAX = 1000;

type RoomCommand = SessionCommand<"room:configure" | "participant:remove" | "participant:rename" | "participant:admit">;

/**
 * Room control: lock joining, approve joiners, cap the room; remove, rename
 * and admit participants. The trainer's alone.
 */
export function decideRoom(state: SessionState, command: RoomCommand, actor: CommandActor, _ctx: DecideContext): Decision {
  if (!isStaff(actor, state)) return fail("FORBIDDEN", "Only the trainer controls who is in the room");
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  switch (command.type) {
    case "room:configure": {
      const { locked, approveJoiners, cap } = command;
      return accept({ type: "room:configured", payload: { settings: { ...state.room, ...(locked === undefined ? {} : { locked }), ...(approveJoiners === undefined ? {} : { approveJoiners }), ...(cap === undefined ? {} : { cap }) } } });
    }
    case "participant:remove": {
      const ids = [...new Set(command.participantIds)];
      if (ids.some((id) => !own(state.participants, id))) return fail("PARTICIPANT_NOT_FOUND", "No such participant");
      const gone = new Set(ids);
      const noteIds = command.keepNotes ? [] : state.noteOrder.filter((n) => gone.has(state.notes[n]?.authorId ?? ""));
      // Personal sketches go with their owner; strokes on a group's shared canvas stay with the group.
      const sketchIds = command.keepNotes ? [] : state.sketchOrder.filter((k) => {
        const s = state.sketches[k];
        return s?.ownerKind === "participant" && gone.has(s.ownerId);
      });
      const devices = ids.map((id) => own(state.devices, id)).filter((d): d is string => !!d);
      const sizes = currentSizes(state);
      for (const id of ids) {
        const g = own(state.membership, id);
        if (g && g in sizes) sizes[g]--;
      }
      return accept({ type: "participants:removed", payload: { participantIds: ids, keepNotes: command.keepNotes, noteIds, sketchIds, devices, sizes } });
    }
    case "participant:rename": {
      const p = own(state.participants, command.participantId);
      if (!p) return fail("PARTICIPANT_NOT_FOUND", "No such participant");
      const nick = normalizeNickname(command.nickname);
      if (!nick.ok) return nick;
      const names = new Set(state.participantOrder.filter((id) => id !== p.id).map((id) => state.participants[id].nickname.toLocaleLowerCase()));
      const nickname = freeNickname(nick.value, (n) => names.has(n.toLocaleLowerCase()));
      return accept({ type: "participant:renamed", payload: { participantId: p.id, nickname, groupId: own(state.membership, p.id) ?? null } });
    }
    case "participant:admit": {
      const waiting = new Set(state.waiting);
      const ids = [...new Set(command.participantIds)].filter((id) => waiting.has(id));
      if (ids.length === 0) return fail("PARTICIPANT_NOT_FOUND", "Nobody of these is waiting");
      return accept({ type: "participants:admitted", payload: { participantIds: ids } });
    }
  }
}

/**
 * Whether a participant may act at all: not removed, not waiting to be let in.
 * Checked before every participant command.
 */
export function participantMayAct(state: SessionState, participantId: string): Decision | null {
  if (state.removed.includes(participantId)) return fail("REMOVED", "The trainer removed you from this session");
  if (state.waiting.includes(participantId)) return fail("AWAITING_APPROVAL", "Wait until the trainer lets you in");
  return null;
}
