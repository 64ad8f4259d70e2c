import {
  smallRequestBytes,
  smallRequestWeight,
  type AdaptiveLimiter,
  type Release,
} from './adaptiveLimiter.js';
import type { ByteCap } from './byteCap.js';
import { isThrottle, withRetry, type RetryPolicy } from './retry.js';

/**
 * What a file transfer needs from its job: slots from the shared limiter (after the job's
 * pause gate), retried calls, and progress reporting. One per running job.
 */
export interface TransferIo {
  /** Aborts when the job is cancelled or the engine closes. */
  signal: AbortSignal;
  /**
   * The block and range size asked for (`--block-size`), in bytes. Without one, uploads cut
   * 8 MiB blocks (`blockSizeFor`) and downloads size their ranges by the blob (`rangeSizeFor`).
   */
  blockSizeBytes?: number;
  /**
   * Waits while the job is paused, then for a request slot: a whole one, or a quarter for a
   * request of at most `smallRequestBytes` when `bytes` says so. Rejects with `Cancelled` on abort.
   */
  slot(bytes?: number): Promise<Release>;
  /** Waits until `bytes` fit under the engine's byte cap (at once without one); call it just before sending or fetching them. Rejects with `Cancelled` on abort. */
  pace(bytes: number): Promise<void>;
  /** Runs one request with retries (Transient, Timeout), lowering concurrency on throttling. */
  call<T>(op: () => Promise<T>): Promise<T>;
  /** Reports a finished request: bytes moved and time in ms spent on disk and network. */
  moved(bytes: number, diskMs: number, networkMs: number): void;
  /** True while the engine closes: partial files and staged blocks stay for the next start. */
  keepPartial(): boolean;
}

/** The shared limiter and policy, and the job's signal, gate and counters. */
export interface TransferIoOptions {
  limiter: AdaptiveLimiter;
  retry: RetryPolicy;
  blockSizeBytes?: number;
  /** The engine's cap on bytes per second across all jobs, if any. */
  cap?: ByteCap;
  signal: AbortSignal;
  /** Waits while the job is paused; rejects with `Cancelled` once it is aborted. */
  gate: () => Promise<void>;
  /** Whether the job is paused now (a slot granted meanwhile goes back). */
  isPaused: () => boolean;
  /** Told when a slot is taken (+1) and given back (-1), so a pause can wait for the job's requests in flight. */
  onInFlight: (delta: 1 | -1) => void;
  onMoved: (bytes: number) => void;
  keepPartial: () => boolean;
}

/** Builds a job's `TransferIo`. */
export function createTransferIo(options: TransferIoOptions): TransferIo {
  const { limiter, signal } = options;
  return {
    signal,
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    async slot(bytes) {
      const weight = bytes !== undefined && bytes <= smallRequestBytes ? smallRequestWeight : 1;
      let release = await options.gate().then(() => limiter.acquire(signal, weight));
      while (options.isPaused()) {
        release();
        release = await options.gate().then(() => limiter.acquire(signal, weight));
      }
      options.onInFlight(1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        options.onInFlight(-1);
        release();
      };
    },
    pace: (bytes) =>
      options.cap && bytes > 0 ? options.cap.take(bytes, signal) : Promise.resolve(),
    call(op) {
      return withRetry(op, {
        policy: options.retry,
        signal,
        onRetry: (error) => {
          if (isThrottle(error)) limiter.throttled();
        },
      });
    },
    moved(bytes, diskMs, networkMs) {
      limiter.record({ bytes, diskMs, networkMs });
      options.onMoved(bytes);
    },
    keepPartial: options.keepPartial,
  };
}
