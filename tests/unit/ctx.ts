import type { DecideContext } from "@/lib/domain/decision";

/** A decision context with a fixed time, counting ids and a seeded random source. */
export function ctx(now = 1000, seed = 1): DecideContext {
  let n = 0;
  let s = seed;
  return {
    now,
    newId: () => `id${++n}`,
    random: () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    },
  };
}
