/** Older Safari names it webkitAudioContext. */
declare global {
  interface Window {
    webkitAudioContext?: typeof AudioContext;
  }
}

/** The browser's AudioContext class, or null where there is none (or outside a browser). */
export function audioContextClass(): typeof AudioContext | null {
  if (typeof window === "undefined") return null;
  return window.AudioContext ?? window.webkitAudioContext ?? null;
}
