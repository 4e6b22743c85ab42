"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { TimerState } from "@/lib/domain/events";
import { timerRemaining } from "@/lib/domain/session-state";

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** Each place's look while counting, and once time is up: high contrast, flashing once where motion is welcome. */
const sizes = {
  // The projector's side column: a bold "15:00" is about 3.2em wide, so it stays on one line there.
  screen: {
    counting: "max-w-full text-[min(4.4vw,11vh)] leading-[1.05] font-black break-words",
    up: "max-w-full rounded-[0.25em] bg-yellow-300 px-[0.3em] py-[0.15em] text-[min(3vw,7.5vh)] leading-[1.05] font-black text-slate-950 break-words ring-[0.12em] ring-yellow-100",
  },
  console: { counting: "text-5xl font-bold", up: "rounded-xl bg-yellow-300 px-3 py-1 text-3xl font-black text-slate-950" },
  bar: { counting: "text-xl font-bold sm:text-3xl", up: "rounded-lg bg-yellow-300 px-2 py-0.5 text-lg font-black text-slate-950 ring-2 ring-slate-950 sm:text-xl" },
  phone: { counting: "text-2xl font-bold", up: "rounded-lg bg-yellow-300 px-2 py-0.5 text-2xl font-black text-slate-950 ring-2 ring-slate-950" },
};

/**
 * A step timer, counting in server time (the device's clock may be off).
 * When a running timer reaches zero it turns into a "Time is up" sign, and
 * `onTimeUp` runs once (not when a page opens on a timer that ran out earlier).
 */
export function Countdown({
  timer,
  clockOffset,
  size,
  testId = "timer",
  onTimeUp,
}: {
  timer: TimerState;
  clockOffset: number;
  size: keyof typeof sizes;
  testId?: string;
  onTimeUp?: () => void;
}) {
  const t = useTranslations("timer");
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    if (timer.status !== "running") return;
    const id = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(id);
  }, [timer, clockOffset]);

  const left = timerRemaining(timer, now);
  const done = timer.status === "running" && left === 0;
  const wasDone = useRef(done);
  const timeUp = useRef(onTimeUp);
  useEffect(() => {
    timeUp.current = onTimeUp;
  }, [onTimeUp]);
  useEffect(() => {
    if (done && !wasDone.current) timeUp.current?.();
    wasDone.current = done;
  }, [done]);

  if (timer.durationMs <= 0 && timer.status === "idle") return null;
  const look = sizes[size];
  return (
    <div
      data-testid={testId}
      data-status={timer.status}
      data-seconds={Math.ceil(left / 1000)}
      data-time-up={done}
      role="timer"
      aria-label={done ? t("timeUp") : t("remaining", { time: formatClock(left) })}
      className={`tabular-nums ${done ? `${look.up} motion-safe:animate-[time-up-flash_1.4s_ease-in-out_1]` : look.counting}`}
    >
      {done ? t("timeUp") : formatClock(left)}
      {timer.status === "paused" && <span className="ml-2 align-middle text-[0.4em] font-semibold uppercase">{t("paused")}</span>}
    </div>
  );
}
