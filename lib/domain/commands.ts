import type { EventBody } from "./events";
import { domainError, type DomainError } from "./errors";
import { normalizeNickname, sameNickname } from "./nickname";
import type { SessionState } from "./session-state";

/** Who asks for a change, as the server has authenticated them. */
export type CommandActor =
  | { kind: "user"; id: string; role: "organiser" | "trainer" }
  | { kind: "participant"; id: string };

/** A change asked of a live session, after the protocol layer has parsed it. */
export type SessionCommand =
  | { type: "participant:join"; participantId: string; nickname: string }
  | { type: "session:end" };

export type Decision = { ok: true; event: EventBody } | { ok: false; error: DomainError };

/** Organisers may run every session of the organisation; a trainer runs the sessions they created. */
export function isStaffOf(actor: CommandActor, state: SessionState): boolean {
  return actor.kind === "user" && (actor.role === "organiser" || actor.id === state.trainerId);
}

/**
 * Decides whether a command may run against the state and which event it
 * becomes. Pure; authorisation and every rule of the session live here.
 */
export function decide(state: SessionState, command: SessionCommand, actor: CommandActor): Decision {
  switch (command.type) {
    case "participant:join": {
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      const nick = normalizeNickname(command.nickname);
      if (!nick.ok) return nick;
      const taken = state.participantOrder.some((id) => sameNickname(state.participants[id].nickname, nick.value));
      if (taken) return fail("NICKNAME_TAKEN", "Someone in this session already uses that nickname");
      return {
        ok: true,
        event: { type: "participant:joined", payload: { participantId: command.participantId, nickname: nick.value } },
      };
    }
    case "session:end": {
      if (!isStaffOf(actor, state)) return fail("FORBIDDEN", "Only the session's trainer or an organiser can end it");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has already ended");
      return { ok: true, event: { type: "session:ended", payload: {} } };
    }
  }
}

function fail(code: DomainError["code"], message: string): Decision {
  return { ok: false, error: domainError(code, message) };
}
