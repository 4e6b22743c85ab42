/**
 * Sessions nobody has been connected to for two sweeps in a row leave
 * memory; the next connection reloads them from the log.
 */
export function createIdleSweeper(deps: { loaded: () => string[]; connected: (sessionId: string) => number; evict: (sessionId: string) => void }) {
  let quietLastSweep = new Set<string>();
  return {
    /** One pass; returns the sessions evicted. */
    sweep(): string[] {
      const quiet = new Set(deps.loaded().filter((id) => deps.connected(id) === 0));
      const evicted = [...quiet].filter((id) => quietLastSweep.has(id));
      evicted.forEach((id) => deps.evict(id));
      quietLastSweep = quiet;
      return evicted;
    },
  };
}
