/** Bytes per second over a sliding window (default 5,000 ms), and the ETA it implies. */
export interface RateMeter {
  add(bytes: number): void;
  /** Bytes per second over the window; 0 when nothing moved in it. */
  rate(): number;
}

/** How long a meter measures before it gives a rate (ms), unless it has `minSamples` by then. */
export const minSpanMs = 1000;
/** How many samples, over at least 250 ms, give a rate before `minSpanMs`. */
export const minSamples = 8;

/**
 * Creates a rate meter over `windowMs` (samples bucketed per 250 ms, so memory stays fixed).
 * It says 0 (no estimate) until it has measured for `minSpanMs`, or has `minSamples` samples
 * spread over 250 ms or more: the first bytes of a transfer (one block, a burst after the
 * connection opened) say little about its speed.
 */
export function createRateMeter(windowMs = 5000, now: () => number = Date.now): RateMeter {
  const bucketMs = 250;
  const buckets = new Map<number, number>();
  let firstAt: number | undefined;
  let samples = 0;
  const prune = (t: number) => {
    for (const key of buckets.keys()) if (key <= t - windowMs) buckets.delete(key);
  };
  return {
    add(bytes) {
      const t = now();
      firstAt ??= t;
      samples++;
      const key = Math.floor(t / bucketMs) * bucketMs;
      buckets.set(key, (buckets.get(key) ?? 0) + bytes);
      prune(t);
    },
    rate() {
      const t = now();
      prune(t);
      if (buckets.size === 0 || firstAt === undefined) return 0;
      const measured = t - firstAt;
      if (measured < minSpanMs && (samples < minSamples || measured < bucketMs)) return 0;
      let sum = 0;
      for (const v of buckets.values()) sum += v;
      const span = Math.min(windowMs, Math.max(bucketMs, measured));
      return (sum * 1000) / span;
    },
  };
}

/** Milliseconds to move `remaining` bytes at `rate` bytes/s; undefined when the rate is 0. */
export const etaMs = (remaining: number, rate: number): number | undefined =>
  rate > 0 ? Math.round((Math.max(0, remaining) / rate) * 1000) : undefined;
