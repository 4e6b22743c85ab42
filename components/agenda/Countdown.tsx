"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { TimerState } from "@/lib/domain/events";
import { timerRemaining } from "@/lib/domain/session-state";

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

const sizes = {
  screen: "text-[5.5vw] font-black",
  console: "text-5xl font-bold",
  phone: "text-2xl font-bold",
};

/** A step timer, counting in server time (the device's clock may be off). */
export function Countdown({ timer, clockOffset, size, testId = "timer" }: { timer: TimerState; clockOffset: number; size: keyof typeof sizes; testId?: string }) {
  const t = useTranslations("timer");
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    if (timer.status !== "running") return;
    const id = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(id);
  }, [timer, clockOffset]);

  if (timer.durationMs <= 0 && timer.status === "idle") return null;
  const left = timerRemaining(timer, now);
  const done = timer.status === "running" && left === 0;
  return (
    <div
      data-testid={testId}
      data-status={timer.status}
      data-seconds={Math.ceil(left / 1000)}
      role="timer"
      aria-label={t("remaining", { time: formatClock(left) })}
      className={`tabular-nums ${sizes[size]} ${done ? "text-rose-500" : ""}`}
    >
      {done ? t("timeUp") : formatClock(left)}
      {timer.status === "paused" && <span className="ml-2 align-middle text-[0.4em] font-semibold uppercase">{t("paused")}</span>}
    </div>
  );
}
