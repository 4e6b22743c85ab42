"use client";

import { useEffect, useRef } from "react";
import { shortcutFor, type ControlAction, type StepControls } from "./step-controls";

/**
 * The console's keys (see `shortcutFor`): next and previous step, the timer,
 * a minute more, the video, and "?" for the list. A key whose control cannot
 * be used now (or while a command is on its way) does nothing.
 */
export function useConsoleShortcuts(controls: StepControls | null, busy: boolean, run: (a: ControlAction) => void, toggleHelp: () => void) {
  const latest = useRef({ controls, busy, run, toggleHelp });
  useEffect(() => {
    latest.current = { controls, busy, run, toggleHelp };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      const { controls: c, busy: b, run: go, toggleHelp: help } = latest.current;
      if (shortcut === "help") {
        e.preventDefault();
        help();
        return;
      }
      const action = c?.[shortcut] ?? null;
      // Space and the page keys would scroll the page: they are the console's now, even when nothing can run.
      e.preventDefault();
      if (action && !b && !e.repeat) go(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
