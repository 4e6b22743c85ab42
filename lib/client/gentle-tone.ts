/**
 * A short, soft two-note chime for the trainer's console (WebAudio, no
 * file). Browsers only let a page make sound after the user did something,
 * so the chime is created when the trainer turns the sound on, and reused.
 */
import { audioContextClass } from "./audio-context";

export interface Chime {
  play(): void;
  close(): void;
}

export function createChime(): Chime | null {
  const Ctor = audioContextClass();
  if (!Ctor) return null;
  const ctx = new Ctor();
  return {
    play() {
      void ctx.resume();
      const t = ctx.currentTime;
      for (const [i, freq] of [659.25, 880].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        const start = t + i * 0.18;
        osc.type = "sine";
        osc.frequency.setValueAtTime(freq, start);
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(0.08, start + 0.04);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.7);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(start + 0.75);
      }
    },
    close() {
      void ctx.close();
    },
  };
}
