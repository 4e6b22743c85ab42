/**
 * Token buckets keyed by who acts (a participant, an account, or a socket
 * that has not joined yet), never by IP: a whole class shares one Wi-Fi address.
 */
export interface RateLimiter {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean;
}

export function createRateLimiter(opts: { capacity: number; refillPerSecond: number; clock?: () => number; maxKeys?: number }): RateLimiter {
  const clock = opts.clock ?? Date.now;
  const maxKeys = opts.maxKeys ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) {
          // Forget the oldest bucket: Map keeps insertion order.
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        b = { tokens: opts.capacity, at: now };
        buckets.set(key, b);
      } else {
        b.tokens = Math.min(opts.capacity, b.tokens + ((now - b.at) / 1000) * opts.refillPerSecond);
        b.at = now;
      }
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
