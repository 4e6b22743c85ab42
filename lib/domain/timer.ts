import type { TimerState } from "./events";
import { timerRemaining } from "./session-state";

/** A step's timer before anyone starts it. */
export function idleTimer(durationMs: number): TimerState {
  return { status: "idle", durationMs, remainingMs: durationMs, endsAt: null };
}

export function startTimer(t: TimerState, now: number): TimerState {
  if (t.status === "running") return t;
  const remaining = t.remainingMs > 0 ? t.remainingMs : t.durationMs;
  return { ...t, status: "running", endsAt: now + remaining, remainingMs: remaining };
}

export function pauseTimer(t: TimerState, now: number): TimerState {
  if (t.status !== "running") return t;
  return { ...t, status: "paused", remainingMs: timerRemaining(t, now), endsAt: null };
}

/** Adds time; a timer that already ran out starts counting the added time from now. */
export function extendTimer(t: TimerState, ms: number, now: number): TimerState {
  if (t.status === "running") {
    const endsAt = Math.max(t.endsAt ?? now, now) + ms;
    return { ...t, endsAt, durationMs: t.durationMs + ms, remainingMs: endsAt - now };
  }
  return { ...t, remainingMs: t.remainingMs + ms, durationMs: t.durationMs + ms };
}

/** Back to the step's planned duration, stopped. */
export const resetTimer = idleTimer;
