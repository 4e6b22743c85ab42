import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent, EventBody } from "@/lib/domain/events";
import type { Plan, PlanStep } from "@/lib/domain/plan";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { createPausePointScheduler } from "@/lib/server/live/video-pause-points";

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

const step = (id: string, kind: PlanStep["kind"], extra: Partial<PlanStep> = {}): PlanStep => ({ id, kind, title: { en: id }, groups: false, ...extra });

function planWith(pausePoints: number[]): Plan {
  return {
    id: "pause-plan",
    version: 1,
    title: { en: "Pause plan" },
    steps: [step("film", "video", { media: "film", pausePoints: pausePoints.map((at) => ({ at, prompt: { en: `At ${at}` } })) }), step("talk", "discussion")],
  };
}

/**
 * A session folded from its events (as the hub folds them): on `stepIndex`,
 * and, after `video`, the video as those bodies left it at time `at`.
 */
function sessionState(opts: { sessionId?: string; points?: number[]; stepIndex?: number; video?: EventBody[]; at?: number; ended?: boolean }): SessionState {
  const sessionId = opts.sessionId ?? "s1";
  const bodies: EventBody[] = [
    {
      type: "session:created",
      payload: { title: "Film", language: "en", code: "ABCDEF", trainerId: "t1", plan: planWith(opts.points ?? [10, 20]), help: { contacts: [], examples: true }, askProfile: false },
    },
    { type: "agenda:moved", payload: { index: opts.stepIndex ?? 0, timer: { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null } } },
    ...(opts.video ?? []),
    ...(opts.ended ? [{ type: "session:ended", payload: {} } satisfies EventBody] : []),
  ];
  const events = bodies.map((b, i) => ({ ...b, sessionId, seq: i + 1, at: opts.at ?? T0 }) as ClientEvent);
  return applyEvents(emptySessionState(sessionId), events);
}

const play = (position: number): EventBody => ({ type: "video:controlled", payload: { action: "play", position, pausePoint: null } });
const pause = (position: number): EventBody => ({ type: "video:controlled", payload: { action: "pause", position, pausePoint: null } });

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

function scheduler() {
  const reach = jest.fn((_sessionId: string, _at: number) => Promise.resolve());
  /** When the play each stop was scheduled from began (every instance makes the same command id from it). */
  const seqs: number[] = [];
  const s = createPausePointScheduler({
    clock: () => Date.now(),
    reach: (sessionId, at, seq) => {
      seqs.push(seq);
      return reach(sessionId, at);
    },
  });
  return { s, reach, seqs };
}

describe("pause point scheduler", () => {
  it("stops a video playing from 5 s at its 10 s pause point, 5 s later", () => {
    const { s, reach, seqs } = scheduler();
    const state = sessionState({ video: [play(5)] });
    s.schedule("s1", state);
    expect(s.pending()).toEqual(["s1"]);

    jest.advanceTimersByTime(4999);
    expect(reach).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(reach).toHaveBeenCalledTimes(1);
    expect(reach).toHaveBeenCalledWith("s1", 10);
    expect(seqs).toEqual([state.video.at]);
    expect(s.pending()).toEqual([]);

    // Only the next point is scheduled; the 20 s one waits for the event that follows.
    jest.advanceTimersByTime(60_000);
    expect(reach).toHaveBeenCalledTimes(1);
  });

  // [what, points, position played from, ms since that play when scheduled, expected point, expected delay in ms]
  const cases: [string, number[], number, number, number | null, number][] = [
    ["the first point ahead", [10, 20], 5, 0, 10, 5000],
    ["counting time already played since the event", [10, 20], 5, 2000, 10, 3000],
    ["the next point once one is passed", [10, 20], 12, 0, 20, 8000],
    ["the next point when resuming right at one", [10, 20], 10, 0, 20, 10_000],
    ["the earliest point when the plan lists them out of order", [20, 10], 5, 0, 10, 5000],
    ["nothing past the last point", [10, 20], 21, 0, null, 0],
    ["nothing when the step has no pause points", [], 5, 0, null, 0],
  ];

  it.each(cases)("schedules %s", (_what, points, from, elapsed, expected, delay) => {
    const { s, reach } = scheduler();
    jest.setSystemTime(T0 + elapsed);
    s.schedule("s1", sessionState({ points, video: [play(from)] }));
    if (expected === null) {
      expect(s.pending()).toEqual([]);
      jest.advanceTimersByTime(60_000);
      expect(reach).not.toHaveBeenCalled();
      return;
    }
    jest.advanceTimersByTime(delay - 1);
    expect(reach).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(reach.mock.calls).toEqual([["s1", expected]]);
  });

  // Each cancels a pending pause point by rescheduling with the state after the event.
  const cancellations: [string, (s: SessionState) => SessionState][] = [
    ["the trainer pauses", () => sessionState({ video: [play(5), pause(7)] })],
    ["the session ends", () => sessionState({ video: [play(5)], ended: true })],
    ["the agenda moves to a step that is not a video", () => sessionState({ stepIndex: 1 })],
  ];

  it.each(cancellations)("cancels the pending point when %s", (_what, next) => {
    const { s, reach } = scheduler();
    const playing = sessionState({ video: [play(5)] });
    s.schedule("s1", playing);
    jest.advanceTimersByTime(2000);
    s.schedule("s1", next(playing));
    expect(s.pending()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(reach).not.toHaveBeenCalled();
  });

  it("schedules nothing for a video that is not playing", () => {
    const { s, reach } = scheduler();
    s.schedule("s1", sessionState({ video: [pause(5)] }));
    s.schedule("s2", sessionState({ sessionId: "s2" }));
    expect(s.pending()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(reach).not.toHaveBeenCalled();
  });

  it("schedules nothing on a step that is not a video, even if the state says playing", () => {
    const { s, reach } = scheduler();
    s.schedule("s1", sessionState({ stepIndex: 1, video: [play(5)] }));
    expect(s.pending()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(reach).not.toHaveBeenCalled();
  });

  it("schedules nothing in a session without a plan", () => {
    const { s, reach } = scheduler();
    const noPlan = applyEvents(emptySessionState("s1"), [
      { type: "session:created", payload: { title: "Free", language: "en", code: "ABCDEF", trainerId: "t1", plan: null, help: { contacts: [], examples: true } }, sessionId: "s1", seq: 1, at: T0 },
      { type: "video:controlled", payload: { action: "play", position: 5, pausePoint: null }, sessionId: "s1", seq: 2, at: T0 },
    ]);
    s.schedule("s1", noPlan);
    expect(s.pending()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(reach).not.toHaveBeenCalled();
  });

  it("keeps one timer per session: a seek replaces the pending point", () => {
    const { s, reach } = scheduler();
    s.schedule("s1", sessionState({ video: [play(5)] }));
    jest.advanceTimersByTime(1000);
    // Sought to 15 s and still playing: the 10 s point is gone, 20 s is next.
    s.schedule("s1", sessionState({ video: [play(15)], at: Date.now() }));
    expect(s.pending()).toEqual(["s1"]);
    jest.advanceTimersByTime(4999);
    expect(reach).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(reach.mock.calls).toEqual([["s1", 20]]);
  });

  it("runs sessions independently", () => {
    const { s, reach } = scheduler();
    s.schedule("a", sessionState({ sessionId: "a", video: [play(5)] }));
    s.schedule("b", sessionState({ sessionId: "b", video: [play(12)] }));
    expect(s.pending().sort()).toEqual(["a", "b"]);
    s.schedule("a", sessionState({ sessionId: "a", video: [play(5), pause(6)] }));
    jest.advanceTimersByTime(8000);
    expect(reach.mock.calls).toEqual([["b", 20]]);
  });

  it("stop() drops every pending point", () => {
    const { s, reach } = scheduler();
    s.schedule("a", sessionState({ sessionId: "a", video: [play(5)] }));
    s.schedule("b", sessionState({ sessionId: "b", video: [play(5)] }));
    s.stop();
    expect(s.pending()).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(reach).not.toHaveBeenCalled();
  });
});
