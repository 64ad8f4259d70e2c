import { performance } from 'node:perf_hooks';
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
 * link: it starts at `initial` and compares the throughput of short windows (`intervalMs`,
 * extended until a few requests finished in it); while requests queue and each window is 10 %
 * faster than the one before, it rises by a step that doubles with each raise in a row (a
 * quarter of the limit, then half, then the limit…), so on a long round trip it reaches the
 * concurrency the link needs within a second or two; it takes a raise back when the next window
 * is slower (more requests only added contention), probes one more slot after five flat
 * windows, halves on throttling (429, 503, timeouts; at most once a second, and no raise for
 * three seconds after), and stays within 1…`ceiling`. A request takes `weight` of a slot (1 for
 * a block or range, less for a small file's single request, see `smallRequestWeight`), so many
 * small requests fly where a few large ones would.
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
  /** What limits the speed now: throttling, else the client's CPU (its event loop busy ≥ 90 %), else disk or network, whichever requests spent more time on. */
  limitedBy(): TransferLimit;
}

/** The weight of a request moving at most `smallRequestBytes`: four of them take one slot. */
export const smallRequestWeight = 0.25;

/** Requests moving up to this many bytes (1 MiB) count as `smallRequestWeight` of a slot. */
export const smallRequestBytes = 1024 * 1024;

/** `ceiling` and `initial` in requests, `intervalMs` (default 200) between throughput comparisons, `now` a clock in ms (tests). */
export interface LimiterOptions {
  ceiling: number;
  initial?: number;
  /** The shortest window whose throughput is compared with the one before, in ms; default 200. */
  intervalMs?: number;
  /** A window closes after `intervalMs` once this many requests finished in it, else after five times `intervalMs`; default 8. */
  windowRequests?: number;
  now?: () => number;
  /**
   * The share of the last second this thread's event loop was busy, 0…1 (default: measured
   * with `performance.eventLoopUtilization`); near 1, the client's own CPU is the limit.
   */
  eventLoopBusy?: () => number;
}

/** Event-loop utilisation at or above this means the client's CPU, not the link, limits the speed. */
export const cpuBoundUtilisation = 0.9;

/** Throttling halves the limit at most this often, in ms, and stops raises for three times as long. */
const throttleSpacingMs = 1000;

/** This thread's event-loop utilisation over the last half second or more, refreshed when asked. */
function eventLoopMeter(): () => number {
  let mark = performance.eventLoopUtilization();
  let markedAt = performance.now();
  let last = 0;
  return () => {
    if (performance.now() - markedAt >= 500) {
      const now = performance.eventLoopUtilization();
      last = performance.eventLoopUtilization(now, mark).utilization;
      mark = now;
      markedAt = performance.now();
    }
    return last;
  };
}

/** Creates an adaptive limiter (see `AdaptiveLimiter`). */
export function createAdaptiveLimiter(options: LimiterOptions): AdaptiveLimiter {
  const ceiling = Math.max(1, options.ceiling);
  const intervalMs = options.intervalMs ?? 200;
  const windowRequests = options.windowRequests ?? 8;
  const now = options.now ?? Date.now;
  const loopBusy = options.eventLoopBusy ?? eventLoopMeter();
  let limit = Math.min(ceiling, Math.max(1, options.initial ?? 6));
  let inFlight = 0;
  const waiters: Array<{ weight: number; admit: () => void }> = [];
  let windowStart = now();
  let windowBytes = 0;
  let windowCount = 0;
  /** Raises in a row, each after a faster window: the next step is 2^raises quarters of the limit. */
  let raises = 0;
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
    const elapsed = t - windowStart;
    if (elapsed < intervalMs || (windowCount < windowRequests && elapsed < 5 * intervalMs)) return;
    const rate = windowBytes / elapsed;
    if (saturated && t - lastThrottle > 3 * throttleSpacingMs) {
      if (raisedFrom && rate < raisedFrom.rate * 0.95) {
        // The last raise made things slower (CPU or disk contention): take it back.
        limit = raisedFrom.limit;
        raisedFrom = undefined;
        flatWindows = 0;
        raises = 0;
      } else if (previousRate > 0 && rate > previousRate * 1.1) {
        // Still growing: raise by a step that doubles with every raise in a row.
        raisedFrom = { limit, rate };
        const step = Math.max(1, Math.ceil(limit / 4)) * 2 ** Math.min(raises, 2);
        limit = Math.min(ceiling, limit + step);
        raises++;
        flatWindows = 0;
      } else if (++flatWindows >= 5) {
        raisedFrom = { limit, rate };
        limit = Math.min(ceiling, limit + 1);
        flatWindows = 0;
        raises = 0;
      } else {
        raisedFrom = undefined;
        raises = 0;
      }
    }
    previousRate = rate;
    windowStart = t;
    windowBytes = 0;
    windowCount = 0;
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
      windowCount++;
      disk.current += sample.diskMs;
      network.current += sample.networkMs;
      evaluate();
    },
    throttled() {
      const t = now();
      lastThrottle = t;
      if (t - lastHalving >= throttleSpacingMs) {
        limit = Math.max(1, Math.floor(limit / 2));
        lastHalving = t;
        flatWindows = 0;
        raises = 0;
        raisedFrom = undefined;
      }
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    limitedBy() {
      if (now() - lastThrottle < 5 * throttleSpacingMs) return 'throttling';
      if (inFlight === 0 && waiters.length === 0) return 'none';
      if (loopBusy() >= cpuBoundUtilisation) return 'cpu';
      const d = disk.current + disk.previous;
      const n = network.current + network.previous;
      return d > n ? 'disk' : 'network';
    },
  };
}
