import type { TransferLimit } from '../../shared/contract/transfers.js';
import { LakeFailure } from '../storage/toLakeError.js';

/** Gives the slot back; call exactly once. */
export type Release = () => void;

/** Time one finished request spent, in ms, and the bytes it moved. */
export interface RequestSample {
  bytes: number;
  /** Reading the source file or writing the target file. */
  diskMs: number;
  /** Waiting on the service. */
  networkMs: number;
}

/**
 * One limit of requests in flight shared by every job (a semaphore), adapted to the link:
 * it starts at `initial`, rises while throughput grows and requests queue, halves on
 * throttling (429, 503, timeouts), and stays within 1…`ceiling`.
 */
export interface AdaptiveLimiter {
  /** Waits for a slot (FIFO). Rejects with `Cancelled` when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release>;
  /** Reports a finished request; drives the ramp-up. */
  record(sample: RequestSample): void;
  /** Reports a throttled or timed-out request: halves the limit (at most once a second). */
  throttled(): void;
  readonly limit: number;
  readonly inFlight: number;
  /** What limits the speed now. */
  limitedBy(): TransferLimit;
}

/** `ceiling` and `initial` in requests, `intervalMs` (default 1,000) between throughput comparisons, `now` a clock in ms (tests). */
export interface LimiterOptions {
  ceiling: number;
  initial?: number;
  /** How often throughput is compared, in ms. */
  intervalMs?: number;
  now?: () => number;
}

/** Creates an adaptive limiter (see `AdaptiveLimiter`). */
export function createAdaptiveLimiter(options: LimiterOptions): AdaptiveLimiter {
  const ceiling = Math.max(1, options.ceiling);
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let limit = Math.min(ceiling, Math.max(1, options.initial ?? 6));
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  let windowStart = now();
  let windowBytes = 0;
  let saturated = false;
  let previousRate = 0;
  let flatWindows = 0;
  let lastThrottle = -Infinity;
  let lastHalving = -Infinity;
  let disk = { current: 0, previous: 0 };
  let network = { current: 0, previous: 0 };

  const wake = () => {
    while (inFlight < limit && waiters.length > 0) waiters.shift()?.();
  };

  const evaluate = () => {
    const t = now();
    if (t - windowStart < intervalMs) return;
    const rate = windowBytes / (t - windowStart);
    if (saturated && t - lastThrottle > 3 * intervalMs) {
      if (rate > previousRate * 1.1) {
        limit = Math.min(ceiling, limit + Math.max(1, Math.ceil(limit / 4)));
        flatWindows = 0;
      } else if (++flatWindows >= 5) {
        limit = Math.min(ceiling, limit + 1);
        flatWindows = 0;
      }
    }
    previousRate = rate;
    windowStart = t;
    windowBytes = 0;
    saturated = inFlight >= limit || waiters.length > 0;
    disk = { current: 0, previous: disk.current };
    network = { current: 0, previous: network.current };
    wake();
  };

  const release = () => {
    inFlight--;
    evaluate();
    wake();
  };

  return {
    acquire(signal) {
      if (signal?.aborted) {
        return Promise.reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
      }
      const grant = (): Release => {
        inFlight++;
        if (inFlight >= limit) saturated = true;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          release();
        };
      };
      if (inFlight < limit && waiters.length === 0) return Promise.resolve(grant());
      saturated = true;
      return new Promise<Release>((resolve, reject) => {
        const waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(grant());
        };
        const onAbort = () => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    record(sample) {
      windowBytes += sample.bytes;
      disk.current += sample.diskMs;
      network.current += sample.networkMs;
      evaluate();
    },
    throttled() {
      const t = now();
      lastThrottle = t;
      if (t - lastHalving >= intervalMs) {
        limit = Math.max(1, Math.floor(limit / 2));
        lastHalving = t;
        flatWindows = 0;
      }
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    limitedBy() {
      if (now() - lastThrottle < 5 * intervalMs) return 'throttling';
      if (inFlight === 0 && waiters.length === 0) return 'none';
      const d = disk.current + disk.previous;
      const n = network.current + network.previous;
      return d > n ? 'disk' : 'network';
    },
  };
}
