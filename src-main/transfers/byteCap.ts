import { LakeFailure } from '../storage/toLakeError.js';

/** A shared ceiling on bytes moved per second. */
export interface ByteCap {
  /**
   * Resolves once `bytes` may be sent or received without going over the cap (at once when
   * there is credit; else after the deficit's time, in ms = deficit / rate × 1000). Rejects
   * with `Cancelled` when `signal` aborts while waiting (the bytes stay spent).
   */
  take(bytes: number, signal: AbortSignal): Promise<void>;
}

/**
 * A token bucket of `bytesPerSecond` (> 0): credit grows at that rate up to a quarter second's
 * worth and starts empty; each `take` spends its bytes at once, going into debt when they are
 * more than the credit, and waits until the debt is paid back. Concurrent takers queue behind
 * each other's debt, so the bytes of all callers together stay within the rate, whatever the
 * size of each request. `now` (ms) is for tests.
 */
export function createByteCap(bytesPerSecond: number, now = () => performance.now()): ByteCap {
  const perMs = bytesPerSecond / 1000;
  const burst = bytesPerSecond / 4;
  let credit = 0;
  let last = now();
  return {
    take(bytes, signal) {
      const t = now();
      credit = Math.min(burst, credit + (t - last) * perMs) - bytes;
      last = t;
      if (credit >= 0) return Promise.resolve();
      const waitMs = -credit / perMs;
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, waitMs);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
