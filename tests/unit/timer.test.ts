import { ctx } from "./ctx";
import { decide } from "@/lib/domain/commands";
import type { CommandActor } from "@/lib/domain/decision";
import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent } from "@/lib/domain/events";
import { emptySessionState, timerRemaining } from "@/lib/domain/session-state";
import { extendTimer, idleTimer, pauseTimer, startTimer } from "@/lib/domain/timer";
import type { PlanStep } from "@/lib/domain/plan";
import { checkPlan } from "@/lib/domain/plan-schema";

describe("step timer", () => {
  it("counts down from its start, in server time", () => {
    const t = startTimer(idleTimer(60_000), 1_000);
    expect(t).toMatchObject({ status: "running", endsAt: 61_000 });
    expect(timerRemaining(t, 31_000)).toBe(30_000);
    expect(timerRemaining(t, 99_000)).toBe(0);
  });

  it("keeps the time left while paused and resumes from it", () => {
    const paused = pauseTimer(startTimer(idleTimer(60_000), 0), 20_000);
    expect(paused).toMatchObject({ status: "paused", remainingMs: 40_000, endsAt: null });
    expect(timerRemaining(paused, 500_000)).toBe(40_000);
    expect(startTimer(paused, 100_000)).toMatchObject({ status: "running", endsAt: 140_000 });
  });

  it.each([
    ["idle", idleTimer(60_000), 0, 120_000],
    ["running", startTimer(idleTimer(60_000), 0), 10_000, 110_000],
    ["run out", startTimer(idleTimer(60_000), 0), 90_000, 60_000],
  ])("adds a minute to a %s timer", (_name, t, now, left) => {
    expect(timerRemaining(extendTimer(t, 60_000, now), now)).toBe(left);
  });

  it("is a no-op to start a running timer or pause a stopped one", () => {
    const running = startTimer(idleTimer(5_000), 0);
    expect(startTimer(running, 3_000)).toBe(running);
    const idle = idleTimer(5_000);
    expect(pauseTimer(idle, 3_000)).toBe(idle);
  });
});

describe("agenda commands", () => {
  const plan = {
    id: "p",
    version: 1,
    title: { en: "P" },
    steps: [
      { id: "a", kind: "intro" as const, title: { en: "A" }, durationMinutes: 5, groups: false },
      { id: "b", kind: "wrapup" as const, title: { en: "B" }, groups: false },
    ],
  };
  const created: ClientEvent = {
    type: "session:created",
    payload: { title: "T", language: "en", code: "ABCDEF", trainerId: "t1", plan, help: { contacts: [], examples: true } },
    sessionId: "s",
    seq: 1,
    at: 0,
  };
  const trainer: CommandActor = { kind: "user", id: "t1", role: "trainer" };
  const phone: CommandActor = { kind: "participant", id: "p1" };
  const state = applyEvents(emptySessionState("s"), [created]);

  it.each([
    ["start at step 1", 0, "agenda:moved"],
    ["back to the join screen", -1, "agenda:moved"],
    ["past the end", 2, "STEP_NOT_FOUND"],
    ["below -1", -2, "STEP_NOT_FOUND"],
  ])("%s", (_n, index, expected) => {
    const d = decide(state, { type: "agenda:goto", index }, trainer, ctx(0));
    expect(d.ok ? d.event.type : d.error.code).toBe(expected);
  });

  it("loads the step's planned duration into an idle timer", () => {
    const d = decide(state, { type: "agenda:goto", index: 0 }, trainer, ctx(0));
    expect(d.ok && d.event.type === "agenda:moved" && d.event.payload.timer).toEqual(idleTimer(300_000));
  });

  it("refuses to start a step timer with no time", () => {
    const onB = applyEvents(state, [{ type: "agenda:moved", payload: { index: 1, timer: idleTimer(0) }, sessionId: "s", seq: 2, at: 1 }]);
    const d = decide(onB, { type: "timer:start" }, trainer, ctx(5));
    expect(d.ok || d.error.code).toBe("TIMER_EMPTY");
    const extended = decide(onB, { type: "timer:extend", seconds: 60 }, trainer, ctx(5));
    expect(extended.ok).toBe(true);
  });

  it("leaves the agenda and timer to staff", () => {
    for (const cmd of [{ type: "agenda:goto" as const, index: 0 }, { type: "timer:start" as const }, { type: "timer:extend" as const, seconds: 60 }]) {
      const d = decide(state, cmd, phone, ctx(0));
      expect(d.ok || d.error.code).toBe("FORBIDDEN");
    }
  });
});

describe("timers that start by themselves", () => {
  const step = (id: string, extra: Partial<PlanStep> = {}): PlanStep => ({ id, kind: "discussion", title: { en: id }, groups: false, ...extra });
  const plan = {
    id: "p",
    version: 1,
    title: { en: "P" },
    steps: [step("planned", { durationMinutes: 5 }), step("auto", { durationMinutes: 10, autoStartTimer: true }), step("untimed"), step("untimed-auto")],
  };
  const created: ClientEvent = {
    type: "session:created",
    payload: { title: "T", language: "en", code: "ABCDEF", trainerId: "t1", plan, help: { contacts: [], examples: true } },
    sessionId: "s",
    seq: 1,
    at: 0,
  };
  const trainer: CommandActor = { kind: "user", id: "t1", role: "trainer" };
  const phone: CommandActor = { kind: "participant", id: "p1" };
  const base = applyEvents(emptySessionState("s"), [created]);
  const fold = (state: typeof base, d: ReturnType<typeof decide>, seq: number, at: number) => {
    if (!d.ok) throw new Error(d.error.code);
    return applyEvents(state, [{ ...d.event, sessionId: "s", seq, at } as ClientEvent]);
  };
  const configured = (settings: { autoStart?: boolean; sound?: boolean }) => fold(base, decide(base, { type: "timer:configure", ...settings }, trainer, ctx(10)), 2, 10);
  const timerAfterGoto = (state: typeof base, index: number, now: number) => {
    const d = decide(state, { type: "agenda:goto", index }, trainer, ctx(now));
    if (!d.ok || d.event.type !== "agenda:moved") throw new Error("expected agenda:moved");
    return d.event.payload.timer;
  };

  it.each([
    { name: "a step marked autoStartTimer opens with its timer running, from now in server time", state: () => base, index: 1, expected: startTimer(idleTimer(600_000), 50_000) },
    { name: "a step without the mark waits for the trainer", state: () => base, index: 0, expected: idleTimer(300_000) },
    { name: "the session option starts every timed step", state: () => configured({ autoStart: true }), index: 0, expected: startTimer(idleTimer(300_000), 50_000) },
    { name: "a step without a duration has nothing to start (session option on)", state: () => configured({ autoStart: true }), index: 2, expected: idleTimer(0) },
    { name: "the join screen has no timer (session option on)", state: () => configured({ autoStart: true }), index: -1, expected: idleTimer(0) },
    { name: "the session option off again: back to waiting", state: () => fold(configured({ autoStart: true }), decide(configured({ autoStart: true }), { type: "timer:configure", autoStart: false }, trainer, ctx(20)), 3, 20), index: 0, expected: idleTimer(300_000) },
  ])("$name", ({ state, index, expected }) => {
    const timer = timerAfterGoto(state(), index, 50_000);
    expect(timer).toEqual(expected);
    if (expected.status === "running") expect(timer.endsAt).toBe(50_000 + expected.durationMs);
  });

  it("folds the running timer into every viewer's state, counting down from the step's start", () => {
    const d = decide(base, { type: "agenda:goto", index: 1 }, trainer, ctx(50_000));
    const on = fold(base, d, 2, 50_000);
    expect(on.stepIndex).toBe(1);
    expect(on.timer.status).toBe("running");
    expect(timerRemaining(on.timer, 110_000)).toBe(540_000);
  });

  it("changes only the options named, and refuses phones and ended sessions", () => {
    const both = configured({ autoStart: true, sound: true });
    expect(both.timerSettings).toEqual({ autoStart: true, sound: true });
    const soundOff = fold(both, decide(both, { type: "timer:configure", sound: false }, trainer, ctx(30)), 3, 30);
    expect(soundOff.timerSettings).toEqual({ autoStart: true, sound: false });
    const byPhone = decide(base, { type: "timer:configure", autoStart: true }, phone, ctx(30));
    expect(byPhone.ok || byPhone.error.code).toBe("FORBIDDEN");
    const ended = applyEvents(base, [{ type: "session:ended", payload: {}, sessionId: "s", seq: 2, at: 5 }]);
    const late = decide(ended, { type: "timer:configure", autoStart: true }, trainer, ctx(30));
    expect(late.ok || late.error.code).toBe("SESSION_ENDED");
  });

  it("a plan that asks a step without a duration to start its timer is refused, naming the field", () => {
    const check = checkPlan({ ...plan, steps: [...plan.steps.slice(0, 3), step("untimed-auto", { autoStartTimer: true })] }, "p.yaml");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues).toEqual([{ file: "p.yaml", step: "untimed-auto", field: "autoStartTimer", message: expect.stringContaining("durationMinutes") }]);
  });
});
