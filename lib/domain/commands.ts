import type { EventBody, TimerState } from "./events";
import { extendTimer, idleTimer, pauseTimer, resetTimer, startTimer } from "./timer";
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
  | { type: "session:end" }
  | { type: "agenda:goto"; index: number }
  | { type: "timer:start" }
  | { type: "timer:pause" }
  | { type: "timer:extend"; seconds: number }
  | { type: "timer:reset" };

/** The longest a single timer may run: a whole training day. */
export const TIMER_MAX_MS = 8 * 60 * 60 * 1000;

export type Decision = { ok: true; event: EventBody } | { ok: false; error: DomainError };

/** Organisers may run every session of the organisation; a trainer runs the sessions they created. */
export function isStaffOf(actor: CommandActor, state: SessionState): boolean {
  return actor.kind === "user" && (actor.role === "organiser" || actor.id === state.trainerId);
}

/**
 * Decides whether a command may run against the state and which event it
 * becomes. Pure; authorisation and every rule of the session live here.
 */
export function decide(state: SessionState, command: SessionCommand, actor: CommandActor, now: number): Decision {
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
    case "agenda:goto": {
      if (!isStaffOf(actor, state)) return fail("FORBIDDEN", "Only the session's trainer can move the agenda");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      const steps = state.plan?.steps ?? [];
      if (!Number.isInteger(command.index) || command.index < -1 || command.index >= steps.length) {
        return fail("STEP_NOT_FOUND", "There is no such step in this plan");
      }
      const minutes = command.index >= 0 ? (steps[command.index].durationMinutes ?? 0) : 0;
      return { ok: true, event: { type: "agenda:moved", payload: { index: command.index, timer: idleTimer(minutes * 60_000) } } };
    }
    case "timer:start":
    case "timer:pause":
    case "timer:extend":
    case "timer:reset": {
      if (!isStaffOf(actor, state)) return fail("FORBIDDEN", "Only the session's trainer can run the timer");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      const t = state.timer;
      if (command.type === "timer:start") {
        if (t.durationMs <= 0 && t.remainingMs <= 0) return fail("TIMER_EMPTY", "Add time before starting the timer");
        return timerEvent("start", startTimer(t, now));
      }
      if (command.type === "timer:pause") return timerEvent("pause", pauseTimer(t, now));
      if (command.type === "timer:extend") {
        const next = extendTimer(t, command.seconds * 1000, now);
        if (next.durationMs > TIMER_MAX_MS) return fail("BAD_REQUEST", "The timer cannot run that long");
        return timerEvent("extend", next);
      }
      const step = state.plan && state.stepIndex >= 0 ? state.plan.steps[state.stepIndex] : null;
      return timerEvent("reset", resetTimer((step?.durationMinutes ?? 0) * 60_000));
    }
  }
}

function timerEvent(action: "start" | "pause" | "extend" | "reset", timer: TimerState): Decision {
  return { ok: true, event: { type: "timer:set", payload: { action, timer } } };
}

function fail(code: DomainError["code"], message: string): Decision {
  return { ok: false, error: domainError(code, message) };
}
