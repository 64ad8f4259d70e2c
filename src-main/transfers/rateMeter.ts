/** Bytes per second over a sliding window (default 5,000 ms), and the ETA it implies. */
export interface RateMeter {
  add(bytes: number): void;
  /** Bytes per second over the window; 0 when nothing moved in it. */
  rate(): number;
}

/** Creates a rate meter over `windowMs` (samples bucketed per 250 ms, so memory stays fixed). */
export function createRateMeter(windowMs = 5000, now: () => number = Date.now): RateMeter {
  const bucketMs = 250;
  const buckets = new Map<number, number>();
  let firstAt: number | undefined;
  const prune = (t: number) => {
    for (const key of buckets.keys()) if (key <= t - windowMs) buckets.delete(key);
  };
  return {
    add(bytes) {
      const t = now();
      firstAt ??= t;
      const key = Math.floor(t / bucketMs) * bucketMs;
      buckets.set(key, (buckets.get(key) ?? 0) + bytes);
      prune(t);
    },
    rate() {
      const t = now();
      prune(t);
      if (buckets.size === 0 || firstAt === undefined) return 0;
      let sum = 0;
      for (const v of buckets.values()) sum += v;
      const span = Math.min(windowMs, Math.max(1000, t - firstAt));
      return (sum * 1000) / span;
    },
  };
}

/** Milliseconds to move `remaining` bytes at `rate` bytes/s; undefined when the rate is 0. */
export const etaMs = (remaining: number, rate: number): number | undefined =>
  rate > 0 ? Math.round((Math.max(0, remaining) / rate) * 1000) : undefined;
