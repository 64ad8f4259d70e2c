import { describe, expect, it } from 'vitest';
import type { LakeFailure } from '../storage/toLakeError.js';
import { backoffMs, retryAfterMs, withRetry } from './retry.js';
import { restError } from './testSupport.js';

const fast = { maxTries: 4, baseDelayMs: 1, maxDelayMs: 5 };

describe('withRetry', () => {
  it('retries 503 and connection resets until success', async () => {
    let calls = 0;
    const seen: string[] = [];
    const value = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw restError(503);
        if (calls === 2) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        return 'ok';
      },
      { policy: fast, onRetry: (e) => seen.push(e.code) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(seen).toEqual(['Transient', 'Transient']);
  });

  it('never retries AuthFailed, PermissionDenied or NotFound', async () => {
    for (const [status, headers, code] of [
      [403, { 'x-ms-error-code': 'AuthenticationFailed' }, 'AuthFailed'],
      [403, { 'x-ms-error-code': 'AuthorizationPermissionMismatch' }, 'PermissionDenied'],
      [404, {}, 'NotFound'],
    ] as const) {
      let calls = 0;
      const failure = await withRetry(
        async () => {
          calls++;
          throw restError(status, headers);
        },
        { policy: fast },
      ).catch((e: unknown) => e);
      expect(calls).toBe(1);
      expect((failure as LakeFailure).error.code).toBe(code);
    }
  });

  it('fails with the last error once the attempts are spent', async () => {
    let calls = 0;
    const failure = await withRetry(
      async () => {
        calls++;
        throw restError(calls < 4 ? 503 : 500);
      },
      { policy: fast },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect((failure as LakeFailure).error).toMatchObject({ code: 'Transient', status: 500 });
  });

  it('retries an AbortError the signal did not cause (a response stream cut short)', async () => {
    let calls = 0;
    const controller = new AbortController();
    const value = await withRetry(
      async () => {
        if (++calls === 1)
          throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
        return calls;
      },
      { policy: fast, signal: controller.signal },
    );
    expect(value).toBe(2);
  });

  it('stops with Cancelled when the signal aborts during a backoff', async () => {
    const controller = new AbortController();
    const pending = withRetry(
      async () => {
        setTimeout(() => controller.abort(), 5);
        throw restError(503, { 'retry-after': '60' });
      },
      { policy: fast, signal: controller.signal },
    ).catch((e: unknown) => e);
    expect(((await pending) as LakeFailure).error.code).toBe('Cancelled');
  });
});

describe('delays', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(restError(503, { 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      retryAfterMs(restError(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now),
    ).toBe(3000);
    expect(retryAfterMs(restError(503))).toBeUndefined();
  });

  it('grows exponentially with full jitter under a cap', () => {
    const policy = { maxTries: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(0, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(800);
    expect(backoffMs(8, policy, () => 1)).toBe(1000);
    expect(backoffMs(3, policy, () => 0.5)).toBe(400);
  });
});
