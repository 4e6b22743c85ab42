import type { AGE_BANDS, EventBody, SEXES, TimerState } from "./events";
import { currentSizes, decideGroups, sizeOf } from "./group-commands";
import { smallestGroup } from "./grouping";
import type { BoardSettings } from "./board";
import { decideNotes } from "./note-commands";
import { decideVideo } from "./video-commands";
import type { Locale } from "./locales";
import { decideSketches } from "./sketch-commands";
import type { SketchMode, StrokeInput } from "./sketch";
import type { WordFilter } from "./word-filter";
import { extendTimer, idleTimer, pauseTimer, resetTimer, startTimer } from "./timer";
import { domainError, type DomainError } from "./errors";
import { normalizeNickname, sameNickname } from "./nickname";
import type { SessionState } from "./session-state";

/** Who asks for a change, as the server has authenticated them. */
export type CommandActor =
  | { kind: "user"; id: string; role: "organiser" | "trainer" }
  | { kind: "participant"; id: string }
  /** The server itself (attendance records). */
  | { kind: "system" };

/** A change asked of a live session, after the protocol layer has parsed it. */
export type SessionCommand =
  | { type: "participant:join"; participantId: string; nickname: string }
  | { type: "session:end" }
  | { type: "agenda:goto"; index: number }
  | { type: "timer:start" }
  | { type: "timer:pause" }
  | { type: "timer:extend"; seconds: number; groupId?: string }
  | { type: "timer:reset" }
  | {
      type: "groups:form";
      by: "count" | "size";
      n: number;
      balanced: boolean;
      mixNew: boolean;
      naming: "animals" | "numbers";
      selfSelect: boolean;
      cap: number | null;
    }
  | { type: "participant:move"; participantId: string; groupId: string | null }
  | { type: "group:choose"; groupId: string }
  | { type: "groups:merge"; from: string; into: string }
  | { type: "group:split"; groupId: string }
  | { type: "group:rename"; groupId: string; name: string }
  | { type: "group:remove"; groupId: string }
  | { type: "groups:dissolve" }
  | { type: "group:mark"; groupId: string; done: boolean }
  | { type: "broadcast:send"; text: string; groupId: string | null }
  | { type: "note:add"; noteId: string; text: string; anonymous: boolean }
  | { type: "note:edit"; noteId: string; text: string }
  | { type: "note:delete"; noteId: string }
  | { type: "note:vote"; noteId: string; on: boolean }
  | { type: "note:hide"; noteId: string }
  | { type: "note:restore"; noteId: string }
  | { type: "note:cluster"; noteId: string; clusterId: string | null }
  | { type: "cluster:create"; name: string }
  | { type: "cluster:rename"; clusterId: string; name: string }
  | { type: "cluster:remove"; clusterId: string }
  | { type: "board:configure"; settings: Partial<BoardSettings> }
  | { type: "stroke:commit"; sketchId: string; stroke: StrokeInput }
  | { type: "stroke:undo"; sketchId: string; strokeId: string }
  | { type: "sketch:clear"; sketchId: string }
  | { type: "sketch:mark"; sketchId: string; done: boolean }
  | { type: "sketch:hide"; sketchId: string }
  | { type: "sketch:restore"; sketchId: string }
  | { type: "sketch:spotlight"; sketchId: string | null }
  | { type: "sketch:configure"; mode: SketchMode }
  | { type: "participant:profile"; ageBand: (typeof AGE_BANDS)[number]; sex: (typeof SEXES)[number] }
  | { type: "attendance:record"; online: number }
  | { type: "video:play"; position?: number }
  | { type: "video:pause" }
  | { type: "video:seek"; position: number }
  | { type: "video:configure"; captions: Locale | null; volume: number }
  | { type: "video:confirm-warning" }
  | { type: "video:reach-pause-point"; at: number };

/** What a decision may need besides the state: the time, fresh ids, randomness (seeded in tests). */
export interface DecideContext {
  now: number;
  newId: () => string;
  random: () => number;
  /** The word filter for the session's languages, when one is loaded. */
  filter?: WordFilter;
}

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
export function decide(state: SessionState, command: SessionCommand, actor: CommandActor, ctx: DecideContext): Decision {
  const now = ctx.now;
  switch (command.type) {
    case "participant:join": {
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      const nick = normalizeNickname(command.nickname);
      if (!nick.ok) return nick;
      const taken = state.participantOrder.some((id) => sameNickname(state.participants[id].nickname, nick.value));
      if (taken) return fail("NICKNAME_TAKEN", "Someone in this session already uses that nickname");
      // A late joiner goes to the smallest group, unless the groups are chosen on phones.
      const groupId = !state.selfSelect ? smallestGroup(state.groupOrder, (g) => sizeOf(state, g)) : null;
      const payload = { participantId: command.participantId, nickname: nick.value };
      if (!groupId) return { ok: true, event: { type: "participant:joined", payload } };
      const sizes = { ...currentSizes(state), [groupId]: sizeOf(state, groupId) + 1 };
      return { ok: true, event: { type: "participant:joined", payload: { ...payload, groupId, sizes } } };
    }
    case "session:end": {
      if (!isStaffOf(actor, state)) return fail("FORBIDDEN", "Only the session's trainer or an organiser can end it");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has already ended");
      return { ok: true, event: { type: "session:ended", payload: {} } };
    }
    case "participant:profile": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Only participants answer for themselves");
      if (!state.askProfile) return fail("FORBIDDEN", "This session does not ask");
      return { ok: true, event: { type: "participant:profiled", payload: { participantId: actor.id, ageBand: command.ageBand, sex: command.sex } } };
    }
    case "attendance:record": {
      if (actor.kind !== "system") return fail("FORBIDDEN", "Recorded by the server");
      if (command.online <= state.peakOnline || state.status === "ended") return fail("BAD_REQUEST", "Not a new peak");
      return { ok: true, event: { type: "attendance:peaked", payload: { online: command.online } } };
    }
    case "video:play":
    case "video:pause":
    case "video:seek":
    case "video:configure":
    case "video:confirm-warning":
    case "video:reach-pause-point":
      return decideVideo(state, command, actor, now);
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
      const groupTimers = (f: (g: TimerState) => TimerState) => Object.fromEntries(Object.entries(state.groupTimers).map(([g, gt]) => [g, f(gt)]));
      if (command.type === "timer:start") {
        if (t.durationMs <= 0 && t.remainingMs <= 0) return fail("TIMER_EMPTY", "Add time before starting the timer");
        return timerEvent("start", startTimer(t, now), groupTimers((g) => startTimer(g, now)));
      }
      if (command.type === "timer:pause") return timerEvent("pause", pauseTimer(t, now), groupTimers((g) => pauseTimer(g, now)));
      if (command.type === "timer:extend") {
        if (command.groupId) {
          if (!state.groupOrder.includes(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
          const base = state.groupTimers[command.groupId] ?? t;
          const next = extendTimer(base, command.seconds * 1000, now);
          if (next.durationMs > TIMER_MAX_MS) return fail("BAD_REQUEST", "The timer cannot run that long");
          return { ok: true, event: { type: "group-timer:set", payload: { groupId: command.groupId, timer: next } } };
        }
        const next = extendTimer(t, command.seconds * 1000, now);
        if (next.durationMs > TIMER_MAX_MS) return fail("BAD_REQUEST", "The timer cannot run that long");
        return timerEvent("extend", next, groupTimers((g) => extendTimer(g, command.seconds * 1000, now)));
      }
      const step = state.plan && state.stepIndex >= 0 ? state.plan.steps[state.stepIndex] : null;
      return timerEvent("reset", resetTimer((step?.durationMinutes ?? 0) * 60_000), {});
    }
    default:
      if (command.type.startsWith("stroke:") || command.type.startsWith("sketch:")) return decideSketches(state, command, actor, ctx);
      return command.type.startsWith("note:") || command.type.startsWith("cluster:") || command.type === "board:configure"
        ? decideNotes(state, command, actor, ctx)
        : decideGroups(state, command, actor, ctx);
  }
}

function timerEvent(action: "start" | "pause" | "extend" | "reset", timer: TimerState, groupTimers: Record<string, TimerState>): Decision {
  return { ok: true, event: { type: "timer:set", payload: { action, timer, groupTimers } } };
}

export function fail(code: DomainError["code"], message: string): Decision {
  return { ok: false, error: domainError(code, message) };
}
