import { videoPosition, type SessionState } from "@/lib/domain/session-state";
import { nextPausePoint } from "@/lib/domain/video-commands";

/**
 * While a video plays, the server itself stops it at the next pause point.
 * One timer per session; every video, agenda or end event reschedules it.
 */
export function createPausePointScheduler(deps: { clock: () => number; reach: (sessionId: string, at: number, startedAt: number) => Promise<unknown> }) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    schedule(sessionId: string, state: SessionState): void {
      clearTimeout(timers.get(sessionId));
      timers.delete(sessionId);
      if (!state.video.playing || state.status !== "live") return;
      const here = videoPosition(state.video, deps.clock());
      const next = nextPausePoint(state, here);
      if (next === null) return;
      // When this play began (server time): every instance holding the session schedules the same stop from it.
      const startedAt = state.video.at;
      const timer = setTimeout(() => {
        timers.delete(sessionId);
        void deps.reach(sessionId, next, startedAt);
      }, (next - here) * 1000);
      timer.unref();
      timers.set(sessionId, timer);
    },
    /** Sessions with a pause point pending. */
    pending(): string[] {
      return [...timers.keys()];
    },
    stop(): void {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
    },
  };
}
