/**
 * Slows join-code guessing without slowing a class. Wrong codes are counted
 * per client address and across the server; a right code costs nothing, so
 * 30 phones behind one Wi-Fi address joining with the code on the screen are
 * never held back. Once an address has used up its wrong guesses, every join
 * from it waits a back-off that doubles with each further wrong guess (up to
 * MAX_BACKOFF_MS), and only a few may wait at once: a guesser learns nothing
 * faster than that, whatever it sends. When guessing across the whole server
 * passes its budget, addresses that have guessed wrong recently wait too.
 */
export interface JoinGuardOptions {
  clock: () => number;
  /** Wrong guesses an address may make before it waits; refilled at `refillPerMinute`. */
  perAddress?: number;
  refillPerMinute?: number;
  /** Wrong guesses across the server per minute before guessers wait. */
  globalPerMinute?: number;
  maxWaiting?: number;
}

const MAX_BACKOFF_MS = 8000;
const BASE_BACKOFF_MS = 250;

interface AddressState {
  tokens: number;
  at: number;
  /** Wrong guesses made while out of tokens: the back-off doubles with each. */
  over: number;
  waiting: number;
  lastWrong: number;
}

export type JoinAdmission = { ok: true } | { ok: false; retryAfterMs: number };

export function createJoinGuard(opts: JoinGuardOptions) {
  const perAddress = opts.perAddress ?? 10;
  const refillPerMs = (opts.refillPerMinute ?? 10) / 60_000;
  const globalPerMinute = opts.globalPerMinute ?? 300;
  const maxWaiting = opts.maxWaiting ?? 4;
  const addresses = new Map<string, AddressState>();
  let globalWindow = { start: 0, wrong: 0 };

  function stateOf(address: string): AddressState {
    const now = opts.clock();
    let s = addresses.get(address);
    if (!s) {
      if (addresses.size > 50_000) addresses.delete(addresses.keys().next().value ?? "");
      s = { tokens: perAddress, at: now, over: 0, waiting: 0, lastWrong: 0 };
      addresses.set(address, s);
    }
    s.tokens = Math.min(perAddress, s.tokens + (now - s.at) * refillPerMs);
    s.at = now;
    // A full bucket forgives the back-off.
    if (s.tokens >= perAddress) s.over = 0;
    return s;
  }

  function globalBusy(): boolean {
    const now = opts.clock();
    if (now - globalWindow.start >= 60_000) globalWindow = { start: now, wrong: 0 };
    return globalWindow.wrong >= globalPerMinute;
  }

  return {
    /** How long a join from this address must wait before its code is checked (0: at once), or a refusal when too many wait. */
    admit(address: string): JoinAdmission & { waitMs: number } {
      const s = stateOf(address);
      const guessing = s.tokens < 1 || (globalBusy() && opts.clock() - s.lastWrong < 60_000);
      if (!guessing) return { ok: true, waitMs: 0 };
      const waitMs = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(s.over, 10));
      if (s.waiting >= maxWaiting) return { ok: false, retryAfterMs: waitMs, waitMs };
      return { ok: true, waitMs };
    },
    /** Runs `check` after the address's wait; at most `maxWaiting` joins wait per address. */
    async guard<T>(address: string, check: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T | { refused: true; retryAfterMs: number }> {
      const admission = this.admit(address);
      if (!admission.ok) return { refused: true, retryAfterMs: admission.retryAfterMs };
      if (admission.waitMs === 0) return check();
      const s = stateOf(address);
      s.waiting++;
      try {
        await sleep(admission.waitMs);
        return await check();
      } finally {
        s.waiting--;
      }
    },
    /** Counts a wrong code from this address. */
    wrong(address: string): void {
      const s = stateOf(address);
      s.lastWrong = opts.clock();
      if (s.tokens >= 1) s.tokens -= 1;
      else s.over++;
      globalBusy();
      globalWindow.wrong++;
    },
  };
}

export type JoinGuard = ReturnType<typeof createJoinGuard>;
