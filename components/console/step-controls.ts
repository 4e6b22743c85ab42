import type { StaffAction } from "@/lib/client/live-connection";
import { currentStep, type SessionState } from "@/lib/domain/session-state";

export type ControlAction = StaffAction<"agenda:goto" | "timer:start" | "timer:pause" | "timer:extend" | "video:play" | "video:pause">;

/**
 * What the always-visible controls can do right now, each as the command it
 * sends, or null when it cannot be used. The sticky bar and the keyboard
 * shortcuts both read this, so they never disagree.
 */
export interface StepControls {
  previous: ControlAction | null;
  next: ControlAction | null;
  /** Start or pause the step timer. */
  timer: ControlAction | null;
  extend: ControlAction | null;
  /** Play or pause the projector's video (a video step whose warning, if any, was given). */
  video: ControlAction | null;
  /** A video step that still waits for its content warning. */
  videoNeedsWarning: boolean;
}

export function stepControls(session: SessionState): StepControls {
  const none: StepControls = { previous: null, next: null, timer: null, extend: null, video: null, videoNeedsWarning: false };
  if (session.status === "ended" || !session.plan) return none;
  const i = session.stepIndex;
  const steps = session.plan.steps;
  const step = currentStep(session);
  const t = session.timer;
  const hasTime = t.durationMs > 0 || t.remainingMs > 0;
  const isVideo = step?.kind === "video" && !!step.media;
  const needsWarning = isVideo && !!step.warning && session.video.warningConfirmed !== step.id;
  return {
    previous: i >= 0 ? { type: "agenda:goto", index: i - 1 } : null,
    next: i + 1 < steps.length ? { type: "agenda:goto", index: i + 1 } : null,
    timer: !step ? null : t.status === "running" ? { type: "timer:pause" } : hasTime ? { type: "timer:start" } : null,
    extend: step ? { type: "timer:extend", seconds: 60 } : null,
    video: isVideo && !needsWarning ? (session.video.playing ? { type: "video:pause" } : { type: "video:play" }) : null,
    videoNeedsWarning: needsWarning,
  };
}

export type Shortcut = "next" | "previous" | "timer" | "extend" | "video" | "help";

/** The keys, as the "Shortcuts" help lists them. */
export const SHORTCUT_KEYS: readonly { shortcut: Shortcut; keys: readonly string[] }[] = [
  { shortcut: "next", keys: ["→", "Page Down"] },
  { shortcut: "previous", keys: ["←", "Page Up"] },
  { shortcut: "timer", keys: ["Space"] },
  { shortcut: "extend", keys: ["+"] },
  { shortcut: "video", keys: ["P"] },
  { shortcut: "help", keys: ["?"] },
];

const KEYS: Record<string, Shortcut> = {
  ArrowRight: "next",
  PageDown: "next",
  ArrowLeft: "previous",
  PageUp: "previous",
  " ": "timer",
  "+": "extend",
  p: "video",
  P: "video",
  "?": "help",
};

/** Inputs that take no typing: keys other than Space mean nothing to them. */
const NOT_TYPING = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "color"]);

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/**
 * The console shortcut a key press means, or null: never while typing in a
 * field (or choosing in a list or slider), never with Ctrl, Alt or Cmd (the
 * browser's own keys), never inside a dialog, and Space is left to a
 * focused button or box, which it presses.
 */
export function shortcutFor(e: KeyLike): Shortcut | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  const shortcut = KEYS[e.key];
  if (!shortcut) return null;
  const el = e.target instanceof Element ? e.target : null;
  if (el) {
    if (el.closest("dialog, [role='dialog'], [role='alertdialog']")) return null;
    const tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (el as HTMLElement).isContentEditable) return null;
    if (tag === "INPUT" && !NOT_TYPING.has((el as HTMLInputElement).type)) return null;
    if (e.key === " " && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "INPUT" || el.getAttribute("role") === "button")) return null;
    if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && tag === "INPUT" && (el as HTMLInputElement).type === "radio") return null;
  }
  return shortcut;
}
