/**
 * The projector's video (lib/domain/video-commands.ts), as tables: only the
 * session's trainer (or an organiser) runs it, only on a video step, a
 * content warning comes first, and the server itself stops at pause points.
 */
import { decide } from "@/lib/domain/commands";
import type { CommandActor } from "@/lib/domain/decision";
import type { EventBody } from "@/lib/domain/events";
import { videoPosition } from "@/lib/domain/session-state";
import { nextPausePoint } from "@/lib/domain/video-commands";
import { routeEvent } from "@/lib/domain/visibility";
import { ctx } from "./ctx";
import { accepted, ended, gotoBody, History, liveSession, organiser, otherTrainer, outcome, phone, STEP, system, trainer, type SessionCommand } from "./support/session-fixtures";

const playing = (position: number): EventBody => ({ type: "video:controlled", payload: { action: "play", position, pausePoint: null } });

/** The "film" step: a content warning, a pause point at 20 s. */
const film = liveSession({ step: STEP.film });
const warned = film.then({ type: "video:warning-confirmed", payload: { stepId: "film" } });
/** The "clip" step: no warning. */
const clip = liveSession({ step: STEP.clip });
/** The clip playing from 10 s; decisions are taken 5 s later (so it is at 15 s). */
const clipPlaying = clip.then(playing(10));
/** The film playing from 0; decisions 20.4 s later, near its pause point. */
const filmPlaying = warned.then(playing(0));

interface Row {
  name: string;
  given: History;
  command: SessionCommand;
  actor: CommandActor;
  expected: string;
  payload?: Record<string, unknown>;
  /** Milliseconds after the last event that the command arrives. */
  after?: number;
}

function check({ given, command, actor, expected, payload, after = 5000 }: Row) {
  const d = decide(given.state, command, actor, ctx(given.last.at + after));
  expect(outcome(d)).toBe(expected);
  if (payload) expect(accepted(d).payload).toEqual(payload);
}

const play = (position?: number): SessionCommand => ({ type: "video:play", ...(position === undefined ? {} : { position }) });

describe("running the video", () => {
  it.each<Row>([
    { name: "play from where it is", given: clip, command: play(), actor: trainer, expected: "video:controlled", payload: { action: "play", position: 0, pausePoint: null } },
    { name: "play from a given second", given: clip, command: play(42), actor: organiser, expected: "video:controlled", payload: { action: "play", position: 42, pausePoint: null } },
    { name: "pause where it has got to", given: clipPlaying, command: { type: "video:pause" }, actor: trainer, expected: "video:controlled", payload: { action: "pause", position: 15, pausePoint: null } },
    { name: "seek while playing keeps playing", given: clipPlaying, command: { type: "video:seek", position: 3 }, actor: trainer, expected: "video:controlled", payload: { action: "play", position: 3, pausePoint: null } },
    { name: "seek while paused stays paused", given: clip, command: { type: "video:seek", position: 3 }, actor: trainer, expected: "video:controlled", payload: { action: "seek", position: 3, pausePoint: null } },
    { name: "captions and volume", given: clip, command: { type: "video:configure", captions: "kk", volume: 0.5 }, actor: trainer, expected: "video:configured", payload: { captions: "kk", volume: 0.5 } },
    { name: "a step with a warning does not play before the warning", given: film, command: play(), actor: trainer, expected: "WARNING_NOT_CONFIRMED" },
    { name: "the trainer confirms the room was warned", given: film, command: { type: "video:confirm-warning" }, actor: trainer, expected: "video:warning-confirmed", payload: { stepId: "film" } },
    { name: "then it plays", given: warned, command: play(), actor: trainer, expected: "video:controlled" },
    { name: "a confirmation from an earlier visit to the step does not count", given: warned.then(gotoBody(STEP.clip), gotoBody(STEP.film)), command: play(), actor: trainer, expected: "WARNING_NOT_CONFIRMED" },
    { name: "a participant may not play", given: clip, command: play(), actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "a participant may not confirm the warning", given: film, command: { type: "video:confirm-warning" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "another trainer may not pause", given: clipPlaying, command: { type: "video:pause" }, actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "the system may not play", given: clip, command: play(), actor: system, expected: "FORBIDDEN" },
    { name: "not on an intro step", given: liveSession({ step: STEP.welcome }), command: play(), actor: trainer, expected: "NOT_A_VIDEO_STEP" },
    { name: "not before the first step", given: liveSession(), command: { type: "video:pause" }, actor: trainer, expected: "NOT_A_VIDEO_STEP" },
    { name: "not without a plan", given: liveSession({ plan: null }), command: { type: "video:configure", captions: null, volume: 1 }, actor: trainer, expected: "NOT_A_VIDEO_STEP" },
    { name: "not after the end", given: ended(clip), command: play(), actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("video:reach-pause-point (the server's own command)", () => {
  const reach = (at: number): SessionCommand => ({ type: "video:reach-pause-point", at });
  it.each<Row>([
    { name: "stops the video at the point", given: filmPlaying, command: reach(20), actor: system, after: 20_400, expected: "video:controlled", payload: { action: "pause", position: 20, pausePoint: 20 } },
    { name: "a second early is still the point", given: filmPlaying, command: reach(20), actor: system, after: 19_100, expected: "video:controlled" },
    { name: "not when the video is elsewhere (it was sought meanwhile)", given: filmPlaying, command: reach(20), actor: system, after: 5_000, expected: "BAD_REQUEST" },
    { name: "not when the trainer paused it", given: warned, command: reach(20), actor: system, after: 20_000, expected: "BAD_REQUEST" },
    { name: "the trainer may not send it", given: filmPlaying, command: reach(20), actor: trainer, after: 20_000, expected: "FORBIDDEN" },
    { name: "a participant may not send it", given: filmPlaying, command: reach(20), actor: phone("p1"), after: 20_000, expected: "FORBIDDEN" },
    { name: "not on a step without video", given: liveSession({ step: STEP.talk }), command: reach(20), actor: system, expected: "NOT_A_VIDEO_STEP" },
    { name: "not after the end", given: ended(filmPlaying), command: reach(20), actor: system, after: 20_000, expected: "SESSION_ENDED" },
  ])("$name", check);

  it.each([
    ["before the point", 0, 20],
    ["just before the point", 19.9, 20],
    ["at the point (already there)", 20, null],
    ["after the last point", 25, null],
  ] as const)("the next pause point %s", (_name, position, next) => {
    expect(nextPausePoint(film.state, position)).toBe(next);
  });
});

describe("what video events do", () => {
  it("plays from the event's server time, pauses where it is told, and names the pause point", () => {
    const h = clip.then(playing(10));
    expect(h.state.video).toMatchObject({ playing: true, position: 10, at: h.last.at, pausePoint: null });
    expect(videoPosition(h.state.video, h.last.at + 2500)).toBe(12.5);
    const stopped = filmPlaying.run({ type: "video:reach-pause-point", at: 20 }, system, ctx(filmPlaying.last.at + 20_000));
    expect(stopped.state.video).toMatchObject({ playing: false, position: 20, pausePoint: 20 });
    expect(videoPosition(stopped.state.video, stopped.last.at + 60_000)).toBe(20);
  });

  it("starts each video step from the beginning, not warned, keeping captions and volume", () => {
    const h = warned.then(playing(30), { type: "video:configured", payload: { captions: "ru", volume: 0.3 } }, gotoBody(STEP.clip));
    expect(h.state.video).toEqual({ playing: false, position: 0, at: 0, captions: "ru", volume: 0.3, warningConfirmed: null, pausePoint: null });
  });

  it("goes to every screen and phone in the same form", () => {
    const h = clip.run(play(), trainer);
    expect(routeEvent(h.last, h.state).map((r) => r.route)).toEqual([{ to: "all" }]);
  });
});
