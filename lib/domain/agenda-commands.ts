import type { TimerState } from "./events";
import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import type { SessionState } from "./session-state";
import { extendTimer, idleTimer, pauseTimer, resetTimer, startTimer } from "./timer";
import { own } from "./records";

/** The longest a single timer may run: a whole training day. */
export const TIMER_MAX_MS = 8 * 60 * 60 * 1000;

type AgendaCommand = SessionCommand<"agenda:goto" | "timer:start" | "timer:pause" | "timer:extend" | "timer:reset" | "timer:configure">;

/** Moving through the plan and running the step timer (and groups' extra time). */
export function decideAgenda(state: SessionState, command: AgendaCommand, actor: CommandActor, ctx: DecideContext): Decision {
  const now = ctx.now;
  if (!isStaff(actor, state)) {
    return fail("FORBIDDEN", command.type === "agenda:goto" ? "Only the session's trainer can move the agenda" : "Only the session's trainer can run the timer");
  }
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  const t = state.timer;
  const groupTimers = (f: (g: TimerState) => TimerState) => Object.fromEntries(Object.entries(state.groupTimers).map(([g, gt]) => [g, f(gt)]));
  switch (command.type) {
    case "agenda:goto": {
      const steps = state.plan?.steps ?? [];
      if (!Number.isInteger(command.index) || command.index < -1 || command.index >= steps.length) {
        return fail("STEP_NOT_FOUND", "There is no such step in this plan");
      }
      const step = command.index >= 0 ? steps[command.index] : null;
      const planned = idleTimer((step?.durationMinutes ?? 0) * 60_000);
      // The step or the session may say the timer starts by itself, counting from the step's start in server time.
      const autoStart = !!step && planned.durationMs > 0 && (step.autoStartTimer === true || state.timerSettings.autoStart);
      return accept({ type: "agenda:moved", payload: { index: command.index, timer: autoStart ? startTimer(planned, now) : planned } });
    }
    case "timer:configure": {
      const { autoStart, sound } = command;
      const settings = { ...state.timerSettings, ...(autoStart === undefined ? {} : { autoStart }), ...(sound === undefined ? {} : { sound }) };
      return accept({ type: "timer:configured", payload: { settings } });
    }
    case "timer:start":
      if (t.durationMs <= 0 && t.remainingMs <= 0) return fail("TIMER_EMPTY", "Add time before starting the timer");
      return timerEvent("start", startTimer(t, now), groupTimers((g) => startTimer(g, now)));
    case "timer:pause":
      return timerEvent("pause", pauseTimer(t, now), groupTimers((g) => pauseTimer(g, now)));
    case "timer:extend": {
      if (command.groupId) {
        if (!state.groupOrder.includes(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
        const base = own(state.groupTimers, command.groupId) ?? t;
        const next = extendTimer(base, command.seconds * 1000, now);
        if (next.durationMs > TIMER_MAX_MS) return fail("BAD_REQUEST", "The timer cannot run that long");
        return accept({ type: "group-timer:set", payload: { groupId: command.groupId, timer: next } });
      }
      const next = extendTimer(t, command.seconds * 1000, now);
      if (next.durationMs > TIMER_MAX_MS) return fail("BAD_REQUEST", "The timer cannot run that long");
      return timerEvent("extend", next, groupTimers((g) => extendTimer(g, command.seconds * 1000, now)));
    }
    case "timer:reset": {
      const step = state.plan && state.stepIndex >= 0 ? state.plan.steps[state.stepIndex] : null;
      return timerEvent("reset", resetTimer((step?.durationMinutes ?? 0) * 60_000), {});
    }
  }
}

function timerEvent(action: "start" | "pause" | "extend" | "reset", timer: TimerState, groupTimers: Record<string, TimerState>): Decision {
  return accept({ type: "timer:set", payload: { action, timer, groupTimers } });
}
