/**
 * Slows join-code guessing without slowing a class. Wrong codes are counted
 * per client address and across the server; a right code costs nothing, so
 * 30 (or 200) phones behind one Wi-Fi address typing the code on the screen
 * are never held back by their own joins, typos included (an address has a
 * generous budget of wrong codes).
 *
 * An address that has used up its budget waits a back-off before each join
 * is checked, doubling with each further wrong code (up to MAX_WAIT_MS), and
 * only so many of its joins may wait at once. When wrong codes across the
 * server pass their budget (a guesser with many addresses), every join is
 * checked through a server-wide queue of CHECKS_PER_SECOND_UNDER_ATTACK, so
 * guessing stays near that rate however many addresses it uses. A code is
 * always checked before it can succeed, so a guesser learns nothing faster
 * than the waits allow. The price, while someone guesses from the same
 * address or across the server: right codes wait too (seconds), but are
 * never refused unless the queue is full.
 */
export interface JoinGuardOptions {
  clock: () => number;
  /** Wrong codes an address may make before it waits; refilled at `refillPerMinute`. */
  perAddress?: number;
  refillPerMinute?: number;
  /** Wrong codes across the server per minute before every join queues. */
  globalPerMinute?: number;
  /** Joins that may wait at once per address. */
  maxWaiting?: number;
}

const MAX_WAIT_MS = 8000;
const BASE_BACKOFF_MS = 250;
const CHECKS_PER_SECOND_UNDER_ATTACK = 4;

interface AddressState {
  tokens: number;
  at: number;
  /** Wrong codes made while out of tokens: the back-off doubles with each. */
  over: number;
  waiting: number;
  /** Out of tokens, joins from the address are checked one after another, no sooner than this. */
  nextCheck: number;
}

export type JoinAdmission = { ok: true; waitMs: number } | { ok: false; retryAfterMs: number };

export function createJoinGuard(opts: JoinGuardOptions) {
  const perAddress = opts.perAddress ?? 20;
  const refillPerMs = (opts.refillPerMinute ?? 20) / 60_000;
  const globalPerMinute = opts.globalPerMinute ?? 300;
  const maxWaiting = opts.maxWaiting ?? 10;
  const addresses = new Map<string, AddressState>();
  let windowStart = 0;
  let wrongInWindow = 0;
  let busyUntil = 0;
  /** Under attack: when the next server-wide check slot is free. */
  let nextSlot = 0;

  function stateOf(address: string): AddressState {
    const now = opts.clock();
    let s = addresses.get(address);
    if (!s) {
      if (addresses.size > 50_000) addresses.delete(addresses.keys().next().value ?? "");
      s = { tokens: perAddress, at: now, over: 0, waiting: 0, nextCheck: 0 };
      addresses.set(address, s);
    }
    s.tokens = Math.min(perAddress, s.tokens + (now - s.at) * refillPerMs);
    s.at = now;
    // A full bucket forgives the back-off.
    if (s.tokens >= perAddress) s.over = 0;
    return s;
  }

  /** Server-wide guessing: over budget in the last minute, and for a minute after. */
  function underAttack(): boolean {
    return opts.clock() < busyUntil;
  }

  function admit(address: string): JoinAdmission {
    const now = opts.clock();
    const s = stateOf(address);
    let waitMs = 0;
    if (s.tokens < 1) {
      // One check at a time from an address out of wrong-guess tokens, each further apart.
      const slot = Math.max(now, s.nextCheck);
      if (slot - now > MAX_WAIT_MS || s.waiting >= maxWaiting) return { ok: false, retryAfterMs: Math.min(MAX_WAIT_MS, slot - now) };
      s.nextCheck = slot + Math.min(MAX_WAIT_MS, BASE_BACKOFF_MS * 2 ** Math.min(s.over, 10));
      waitMs = slot - now;
    }
    if (underAttack()) {
      const slot = Math.max(now + waitMs, nextSlot);
      if (slot - now > MAX_WAIT_MS) return { ok: false, retryAfterMs: MAX_WAIT_MS };
      nextSlot = slot + 1000 / CHECKS_PER_SECOND_UNDER_ATTACK;
      waitMs = slot - now;
    }
    if (waitMs > 0 && s.waiting >= maxWaiting) return { ok: false, retryAfterMs: waitMs };
    return { ok: true, waitMs };
  }

  return {
    admit,
    /** Runs `check` after the join's wait; refuses when too many already wait. */
    async guard<T>(address: string, check: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T | { refused: true; retryAfterMs: number }> {
      const admission = admit(address);
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
      const now = opts.clock();
      const s = stateOf(address);
      if (s.tokens >= 1) s.tokens -= 1;
      else s.over++;
      if (now - windowStart >= 60_000) {
        windowStart = now;
        wrongInWindow = 0;
      }
      if (++wrongInWindow >= globalPerMinute) busyUntil = now + 60_000;
    },
  };
}

export type JoinGuard = ReturnType<typeof createJoinGuard>;
