import { accept, fail, isStaff, type Decision, type DecideContext, type CommandActor, type SessionCommand } from "./decision";
import { currentSizes, sizeOf } from "./group-commands";
import { smallestGroup } from "./grouping";
import { freeNickname, normalizeNickname } from "./nickname";
import type { SessionState } from "./session-state";

type SessionLifeCommand = SessionCommand<"participant:join" | "session:end" | "participant:profile" | "attendance:record">;

/** Joining, ending, the optional profile and attendance peaks. */
export function decideSession(state: SessionState, command: SessionLifeCommand, actor: CommandActor, _ctx: DecideContext): Decision {
  switch (command.type) {
    case "participant:join": {
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      if (command.device && state.bannedDevices.includes(command.device)) return fail("REMOVED", "The trainer removed this device from the session");
      if (state.room.locked) return fail("SESSION_LOCKED", "The trainer has closed this session to new people");
      if (state.room.cap !== null && state.participantOrder.length >= state.room.cap) return fail("SESSION_FULL", "This session is full");
      const nick = normalizeNickname(command.nickname);
      if (!nick.ok) return nick;
      const names = new Set(state.participantOrder.map((id) => state.participants[id].nickname.toLocaleLowerCase()));
      const nickname = freeNickname(nick.value, (n) => names.has(n.toLocaleLowerCase()));
      // A late joiner goes to the smallest group, unless the groups are chosen on phones.
      // Someone waiting to be let in joins no group: nothing of a group's work reaches them, nor their name the group.
      const groupId = !state.selfSelect && !state.room.approveJoiners ? smallestGroup(state.groupOrder, (g) => sizeOf(state, g)) : null;
      const waiting = state.room.approveJoiners ? { waiting: true } : {};
      const payload = { participantId: command.participantId, nickname, device: command.device ?? null, ...waiting };
      if (!groupId) return accept({ type: "participant:joined", payload });
      const sizes = { ...currentSizes(state), [groupId]: sizeOf(state, groupId) + 1 };
      return accept({ type: "participant:joined", payload: { ...payload, groupId, sizes } });
    }
    case "session:end": {
      if (!isStaff(actor, state)) return fail("FORBIDDEN", "Only the session's trainer or an organiser can end it");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has already ended");
      return accept({ type: "session:ended", payload: {} });
    }
    case "participant:profile": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Only participants answer for themselves");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      if (!state.askProfile) return fail("FORBIDDEN", "This session does not ask");
      return accept({ type: "participant:profiled", payload: { participantId: actor.id, ageBand: command.ageBand, sex: command.sex } });
    }
    case "attendance:record": {
      if (actor.kind !== "system") return fail("FORBIDDEN", "Recorded by the server");
      if (command.online <= state.peakOnline || state.status === "ended") return fail("BAD_REQUEST", "Not a new peak");
      return accept({ type: "attendance:peaked", payload: { online: command.online } });
    }
  }
}
