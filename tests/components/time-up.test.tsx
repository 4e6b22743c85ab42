import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { act, fireEvent, screen } from "@testing-library/react";
import { Countdown } from "@/components/agenda/Countdown";
import { playTimeUpTone, useSoundUnlock } from "@/components/agenda/time-up-sound";
import type { TimerState } from "@/lib/domain/events";
import { idleTimer, pauseTimer, startTimer } from "@/lib/domain/timer";
import { renderIntl } from "./render";

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

const running = (ms: number, startedAt = T0): TimerState => startTimer(idleTimer(ms), startedAt);

describe("the step timer when time is up", () => {
  it.each(["screen", "console", "bar", "phone"] as const)("counts down, then says so in large high-contrast type (%s), and signals once", (size) => {
    const onTimeUp = jest.fn();
    renderIntl(<Countdown timer={running(2_000)} clockOffset={0} size={size} onTimeUp={onTimeUp} />);
    const timer = screen.getByRole("timer");
    expect(timer).toHaveTextContent("0:02");
    expect(timer).toHaveAttribute("data-time-up", "false");
    expect(timer).toHaveAccessibleName("0:02 left");

    act(() => void jest.advanceTimersByTime(1_000));
    expect(timer).toHaveTextContent("0:01");
    expect(onTimeUp).not.toHaveBeenCalled();

    act(() => void jest.advanceTimersByTime(1_250));
    expect(timer).toHaveTextContent("Time is up");
    expect(timer).toHaveAttribute("data-time-up", "true");
    expect(timer).toHaveAttribute("data-seconds", "0");
    expect(timer).toHaveAccessibleName("Time is up");
    // Dark text on yellow, and a flash that only runs where motion is welcome.
    expect(timer.className).toMatch(/bg-yellow-300/);
    expect(timer.className).toMatch(/text-slate-950/);
    expect(timer.className).toMatch(/motion-safe:animate-\[time-up-flash/);
    expect(timer.className).not.toMatch(/(^|\s)animate-/);
    expect(onTimeUp).toHaveBeenCalledTimes(1);

    // It stays up, and the signal does not repeat while the clock ticks on.
    act(() => void jest.advanceTimersByTime(5_000));
    expect(timer).toHaveTextContent("Time is up");
    expect(onTimeUp).toHaveBeenCalledTimes(1);
  });

  it("counts in server time: a device clock 30 s behind still reaches zero with the room", () => {
    renderIntl(<Countdown timer={running(60_000)} clockOffset={30_000} size="phone" />);
    expect(screen.getByRole("timer")).toHaveTextContent("0:30");
    act(() => void jest.advanceTimersByTime(30_250));
    expect(screen.getByRole("timer")).toHaveTextContent("Time is up");
  });

  it("shows a timer that ran out before the page opened as up, without sounding again", () => {
    const onTimeUp = jest.fn();
    renderIntl(<Countdown timer={running(60_000, T0 - 120_000)} clockOffset={0} size="screen" onTimeUp={onTimeUp} />);
    expect(screen.getByRole("timer")).toHaveTextContent("Time is up");
    act(() => void jest.advanceTimersByTime(1_000));
    expect(onTimeUp).not.toHaveBeenCalled();
  });

  it("a paused or idle timer is never up, and a step with no time shows no timer", () => {
    const { unmount } = renderIntl(<Countdown timer={pauseTimer(running(60_000), T0 + 59_000)} clockOffset={0} size="console" />);
    act(() => void jest.advanceTimersByTime(120_000));
    expect(screen.getByRole("timer")).toHaveAttribute("data-time-up", "false");
    expect(screen.getByRole("timer")).toHaveTextContent("0:01");
    unmount();
    renderIntl(<Countdown timer={idleTimer(0)} clockOffset={0} size="console" />);
    expect(screen.queryByRole("timer")).toBeNull();
  });

  it.each([
    ["ru", "Время вышло"],
    ["kk", "Уақыт бітті"],
  ] as const)("says it in the viewer's language (%s)", (locale, text) => {
    renderIntl(<Countdown timer={running(1_000, T0 - 5_000)} clockOffset={0} size="phone" />, locale);
    expect(screen.getByRole("timer")).toHaveTextContent(text);
  });
});

/**
 * jsdom has no WebAudio: a stand-in that records what the tone asks of it
 * (the real one runs in Chromium in tests/e2e/timers.spec.ts).
 */
class RecordingAudioContext {
  static made = 0;
  static oscillators: number[] = [];
  state: "suspended" | "running" = "suspended";
  currentTime = 0;
  destination = {};
  constructor() {
    RecordingAudioContext.made++;
  }
  resume() {
    this.state = "running";
    return Promise.resolve();
  }
  createOscillator() {
    const osc = {
      type: "",
      frequency: { value: 0 },
      connect: (n: unknown) => n,
      start: () => void RecordingAudioContext.oscillators.push(osc.frequency.value),
      stop: () => undefined,
    };
    return osc;
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }, connect: (n: unknown) => n };
  }
}

function Projector({ sound, timer }: { sound: boolean; timer: TimerState }) {
  const { locked, unlock } = useSoundUnlock(sound);
  return (
    <>
      <Countdown timer={timer} clockOffset={0} size="screen" onTimeUp={sound ? playTimeUpTone : undefined} />
      {sound && locked && (
        <button type="button" onClick={unlock}>
          Allow sound
        </button>
      )}
    </>
  );
}

describe("the projector's time-up tone", () => {
  beforeEach(() => {
    RecordingAudioContext.made = 0;
    RecordingAudioContext.oscillators = [];
    // A fresh class each time: the page's audio context of an earlier test is not this one.
    (window as unknown as { AudioContext: unknown }).AudioContext = class extends RecordingAudioContext {};
  });
  afterEach(() => {
    delete (window as unknown as { AudioContext?: unknown }).AudioContext;
  });

  it("asks for one click before it may sound, then beeps three times when time is up, once", () => {
    renderIntl(<Projector sound timer={running(1_000)} />);
    // Nobody has touched the projector yet: no audio, and a button that asks.
    expect(playTimeUpTone()).toBe(false);
    expect(RecordingAudioContext.made).toBe(0);
    fireEvent.click(screen.getByRole("button", { name: "Allow sound" }));
    expect(screen.queryByRole("button", { name: "Allow sound" })).toBeNull();
    expect(RecordingAudioContext.made).toBe(1);

    act(() => void jest.advanceTimersByTime(1_250));
    expect(screen.getByRole("timer")).toHaveTextContent("Time is up");
    expect(RecordingAudioContext.oscillators).toEqual([880, 880, 1175]);
    act(() => void jest.advanceTimersByTime(3_000));
    expect(RecordingAudioContext.oscillators).toHaveLength(3);
    expect(RecordingAudioContext.made).toBe(1);
  });

  it("a key press anywhere allows it too; with the session's sound off nothing is asked or played", () => {
    const { unmount } = renderIntl(<Projector sound timer={running(60_000)} />);
    expect(screen.getByRole("button", { name: "Allow sound" })).toBeVisible();
    fireEvent.keyDown(window, { key: "Shift" });
    expect(screen.queryByRole("button", { name: "Allow sound" })).toBeNull();
    unmount();

    renderIntl(<Projector sound={false} timer={running(1_000)} />);
    expect(screen.queryByRole("button", { name: "Allow sound" })).toBeNull();
    act(() => void jest.advanceTimersByTime(1_250));
    expect(screen.getByRole("timer")).toHaveTextContent("Time is up");
    expect(RecordingAudioContext.oscillators).toEqual([]);
  });
});
