import type { LakeError } from '../../shared/contract/index.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';

/** How often and how patiently one block, range or small file is retried. Delays in ms. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 6 attempts, backoff from 0.5 s doubling up to 30 s (full jitter). */
export const defaultRetryPolicy: RetryPolicy = {
  maxTries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/** Whether retrying can help: `Transient` (429, 500, 502–504, connection reset) and `Timeout` (408, deadline). Never AuthFailed, PermissionDenied, NotFound. */
export const isRetryable = (error: LakeError): boolean =>
  error.code === 'Transient' || error.code === 'Timeout';

/** Whether `error` says the service is overloaded (429, 503) or too slow (timeout): a reason to lower concurrency. */
export const isThrottle = (error: LakeError): boolean =>
  error.status === 429 || error.status === 503 || error.code === 'Timeout';

/** The `Retry-After` of a thrown RestError in ms (seconds or an HTTP date), if any. */
export function retryAfterMs(thrown: unknown, now = Date.now()): number | undefined {
  const headers = (thrown as { response?: { headers?: { get(n: string): string | undefined } } })
    ?.response?.headers;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The delay before attempt `attempt + 1` (0-based): full jitter over an exponential cap. */
export const backoffMs = (attempt: number, policy: RetryPolicy, random = Math.random): number =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);

/** Resolves after `ms`, or rejects with `Cancelled` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
    if (signal?.aborted) return cancelled();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      cancelled();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The error of a failed attempt. Only `signal` cancels: an AbortError while it is not aborted
 * is a response stream cut by the connection (the SDK reports it so), hence `Transient`.
 */
function classify(thrown: unknown, signal: AbortSignal | undefined): LakeError {
  if (signal?.aborted) return { code: 'Cancelled', message: 'Cancelled.' };
  if ((thrown as { name?: string } | undefined)?.name === 'AbortError') {
    return {
      code: 'Transient',
      message: 'The connection dropped in the middle of a response; try again.',
    };
  }
  return toLakeError(thrown);
}

/** The policy, the signal that cancels, and a callback per retried failure. */
export interface RetryOptions {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Told of every failed attempt that will be retried (to lower concurrency on throttling). */
  onRetry?: (error: LakeError) => void;
}

/**
 * Runs `op` until it succeeds, retrying `Transient` and `Timeout` failures with exponential
 * backoff and full jitter, waiting at least the service's `Retry-After`. Rejects with a
 * `LakeFailure` carrying the last error when the error is not retryable or the attempts are
 * spent, and with `Cancelled` when `signal` aborts.
 */
export async function withRetry<T>(op: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (thrown) {
      const error = classify(thrown, signal);
      if (!isRetryable(error) || attempt + 1 >= policy.maxTries) throw new LakeFailure(error);
      options.onRetry?.(error);
      await sleep(Math.max(backoffMs(attempt, policy), retryAfterMs(thrown) ?? 0), signal);
    }
  }
}
