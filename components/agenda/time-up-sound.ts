"use client";

import { audioContextClass } from "@/lib/client/audio-context";
import { useCallback, useEffect, useState } from "react";

/**
 * The projector's "time is up" tone: three short beeps made with WebAudio
 * on the spot (no audio file, nothing from the network). Browsers let a page
 * make sound only after someone clicked or pressed a key on it, so the
 * projector asks for one click when the session wants the tone.
 */

let context: AudioContext | null = null;

const audioClass = audioContextClass;

/** Whether the page may start sound now (someone has interacted with it, or the context already runs). */
export function soundAllowed(): boolean {
  const Ctor = audioClass();
  if (Ctor && context instanceof Ctor && context.state === "running") return true;
  return typeof navigator !== "undefined" && !!navigator.userActivation?.hasBeenActive;
}

/** Opens (or wakes) the audio context; call it from a click or key press. */
export function unlockSound(): void {
  const Ctor = audioClass();
  if (!Ctor) return;
  if (!(context instanceof Ctor)) context = new Ctor();
  if (context.state === "suspended") void context.resume();
}

/** Beep, beep, beep: 880 Hz, soft edges, about a second in all. Returns false when the page may not make sound. */
export function playTimeUpTone(): boolean {
  if (!audioClass() || !soundAllowed()) return false;
  unlockSound();
  const ctx = context!;
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    const at = start + i * 0.32;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = i === 2 ? 1175 : 880;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.35, at + 0.02);
    gain.gain.setValueAtTime(0.35, at + 0.18);
    gain.gain.linearRampToValueAtTime(0, at + 0.24);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.26);
  }
  return true;
}

/**
 * For a page that should sound the tone: whether it still needs a click to
 * be allowed to, and the handler that unlocks it. Any click or key press on
 * the page unlocks it too.
 */
export function useSoundUnlock(wanted: boolean): { locked: boolean; unlock: () => void } {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    if (!wanted || !audioClass()) {
      setLocked(false);
      return;
    }
    setLocked(!soundAllowed());
    const onGesture = () => {
      unlockSound();
      setLocked(false);
    };
    window.addEventListener("pointerdown", onGesture);
    window.addEventListener("keydown", onGesture);
    return () => {
      window.removeEventListener("pointerdown", onGesture);
      window.removeEventListener("keydown", onGesture);
    };
  }, [wanted]);
  const unlock = useCallback(() => {
    unlockSound();
    setLocked(false);
  }, []);
  return { locked, unlock };
}
