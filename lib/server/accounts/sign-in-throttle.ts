/**
 * Limits on password guessing, kept in memory.
 *
 * - Per (account, client address): 5 free attempts, then each further one
 *   locks the pair for a growing time (5 s, 10 s, 20 s … up to 15 min).
 * - Per client address, whatever the account (password spraying): 20 free
 *   attempts, then a growing lock (10 s, 20 s … up to 30 min).
 * - Per account alone: never locked (that would hand an attacker a way to
 *   lock the owner out); past 10 recent attempts each sign-in to the account
 *   waits a little longer (up to 3 s) before its password is checked. The
 *   owner signing in from another address still gets in.
 *
 * Every attempt counts as a failure the moment it starts, so a parallel burst
 * cannot slip past the limits before the first hash finishes; a success takes
 * its own count back and clears its pair. Counts are forgotten after an hour
 * without attempts.
 */
export const THROTTLE = {
  pair: { free: 5, baseMs: 5_000, capMs: 15 * 60_000 },
  address: { free: 20, baseMs: 10_000, capMs: 30 * 60_000 },
  account: { free: 10, stepMs: 250, capMs: 3_000 },
  forgetMs: 60 * 60_000,
  maxKeys: 20_000,
} as const;

export type ThrottleVerdict =
  | { ok: true; delayMs: number; finish(success: boolean): void }
  | { ok: false; retryAfterMs: number };

export interface SignInThrottle {
  begin(account: string, address: string): ThrottleVerdict;
}

interface Counter {
  n: number;
  last: number;
}

function counters(now: () => number) {
  const map = new Map<string, Counter>();
  return {
    get(key: string): Counter {
      const t = now();
      let c = map.get(key);
      if (c && t - c.last > THROTTLE.forgetMs) {
        map.delete(key);
        c = undefined;
      }
      if (!c) {
        if (map.size >= THROTTLE.maxKeys) {
          const oldest = map.keys().next().value;
          if (oldest !== undefined) map.delete(oldest);
        }
        c = { n: 0, last: t };
        map.set(key, c);
      }
      return c;
    },
    delete: (key: string) => map.delete(key),
  };
}

function lockedUntil(c: Counter, rule: { free: number; baseMs: number; capMs: number }): number {
  if (c.n < rule.free) return 0;
  return c.last + Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, c.n - rule.free));
}

export function createSignInThrottle(clock: () => number = Date.now): SignInThrottle {
  const pairs = counters(clock);
  const addresses = counters(clock);
  const accounts = counters(clock);
  return {
    begin(account, address) {
      const now = clock();
      const pairKey = `${account}\n${address}`;
      const pair = pairs.get(pairKey);
      const addr = addresses.get(address);
      const until = Math.max(lockedUntil(pair, THROTTLE.pair), lockedUntil(addr, THROTTLE.address));
      if (until > now) return { ok: false, retryAfterMs: until - now };
      const acct = accounts.get(account);
      const over = acct.n - THROTTLE.account.free;
      const delayMs = over > 0 ? Math.min(THROTTLE.account.capMs, THROTTLE.account.stepMs * over) : 0;
      for (const c of [pair, addr, acct]) {
        c.n++;
        c.last = now;
      }
      let finished = false;
      return {
        ok: true,
        delayMs,
        finish(success) {
          if (finished || !success) return;
          finished = true;
          pairs.delete(pairKey);
          addr.n = Math.max(0, addr.n - 1);
          acct.n = Math.max(0, acct.n - 1);
        },
      };
    },
  };
}
