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
 * One limit of requests in flight shared by every job (a weighted semaphore), adapted to the
 * link: it starts at `initial`, rises while throughput grows and requests queue, takes a raise
 * back when the next window is slower (more requests only added contention), halves on
 * throttling (429, 503, timeouts), and stays within 1…`ceiling`. A request takes `weight` of
 * a slot (1 for a block or range, less for a small file's single request, see
 * `smallRequestWeight`), so many small requests fly where a few large ones would.
 */
export interface AdaptiveLimiter {
  /**
   * Waits for `weight` (0 < weight ≤ 1, default 1) of a slot, FIFO; a request is admitted when
   * the weights in flight plus its own fit the limit. Rejects with `Cancelled` when `signal`
   * aborts first.
   */
  acquire(signal?: AbortSignal, weight?: number): Promise<Release>;
  /** Reports a finished request; drives the ramp-up. */
  record(sample: RequestSample): void;
  /** Reports a throttled or timed-out request: halves the limit (at most once a second). */
  throttled(): void;
  readonly limit: number;
  /** The weights of the requests in flight, summed. */
  readonly inFlight: number;
  /** What limits the speed now. */
  limitedBy(): TransferLimit;
}

/** The weight of a request moving at most `smallRequestBytes`: four of them take one slot. */
export const smallRequestWeight = 0.25;

/** Requests moving up to this many bytes (1 MiB) count as `smallRequestWeight` of a slot. */
export const smallRequestBytes = 1024 * 1024;

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
  const waiters: Array<{ weight: number; admit: () => void }> = [];
  let windowStart = now();
  let windowBytes = 0;
  let saturated = false;
  let previousRate = 0;
  let flatWindows = 0;
  /** The limit and rate before the last raise, until the window after it has been measured. */
  let raisedFrom: { limit: number; rate: number } | undefined;
  let lastThrottle = -Infinity;
  let lastHalving = -Infinity;
  let disk = { current: 0, previous: 0 };
  let network = { current: 0, previous: 0 };

  const full = () => limit - inFlight < smallRequestWeight;
  const fits = (weight: number) => inFlight === 0 || inFlight + weight <= limit;
  const wake = () => {
    for (let next = waiters[0]; next && fits(next.weight); next = waiters[0]) {
      waiters.shift();
      next.admit();
    }
  };

  const evaluate = () => {
    const t = now();
    if (t - windowStart < intervalMs) return;
    const rate = windowBytes / (t - windowStart);
    if (saturated && t - lastThrottle > 3 * intervalMs) {
      if (raisedFrom && rate < raisedFrom.rate * 0.95) {
        // The last raise made things slower (CPU or disk contention): take it back.
        limit = raisedFrom.limit;
        raisedFrom = undefined;
        flatWindows = 0;
      } else if (previousRate > 0 && rate > previousRate * 1.1) {
        raisedFrom = { limit, rate };
        limit = Math.min(ceiling, limit + Math.max(1, Math.ceil(limit / 4)));
        flatWindows = 0;
      } else if (++flatWindows >= 5) {
        raisedFrom = { limit, rate };
        limit = Math.min(ceiling, limit + 1);
        flatWindows = 0;
      } else {
        raisedFrom = undefined;
      }
    }
    previousRate = rate;
    windowStart = t;
    windowBytes = 0;
    saturated = full() || waiters.length > 0;
    disk = { current: 0, previous: disk.current };
    network = { current: 0, previous: network.current };
    wake();
  };

  const release = (weight: number) => {
    inFlight -= weight;
    evaluate();
    wake();
  };

  return {
    acquire(signal, weight = 1) {
      if (signal?.aborted) {
        return Promise.reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
      }
      const grant = (): Release => {
        inFlight += weight;
        if (full()) saturated = true;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          release(weight);
        };
      };
      if (waiters.length === 0 && fits(weight)) return Promise.resolve(grant());
      saturated = true;
      return new Promise<Release>((resolve, reject) => {
        const waiter = {
          weight,
          admit: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(grant());
          },
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
