import { describe, expect, it } from 'vitest';
import { toLakeError } from '../storage/toLakeError.js';
import { startLoopbackRedirect } from './loopbackRedirect.js';

const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return toLakeError(e);
  }
  throw new Error('expected a failure');
};

describe('loopback redirect', () => {
  it('listens on 127.0.0.1 on a random port and takes only the answer with its state', async () => {
    const loopback = await startLoopbackRedirect({ state: 's-1', timeoutMs: 5000 });
    expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const forged = await fetch(`${loopback.redirectUri}?code=forged&state=other`);
    expect(forged.status).toBe(400);
    expect((await fetch(`${loopback.redirectUri}favicon.ico`)).status).toBe(404);
    const real = await fetch(`${loopback.redirectUri}?code=abc&state=s-1&client_info=xyz`);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('You can close this tab');
    await expect(loopback.answer).resolves.toEqual({
      code: 'abc',
      params: { code: 'abc', state: 's-1', client_info: 'xyz' },
    });
  });

  it('ends with AuthFailed in words when consent was refused', async () => {
    const loopback = await startLoopbackRedirect({ state: 's-2', timeoutMs: 5000 });
    await fetch(`${loopback.redirectUri}?error=access_denied&state=s-2`);
    expect(await failureOf(loopback.answer)).toEqual({
      code: 'AuthFailed',
      message: 'Sign-in was cancelled or consent was refused in the browser; nothing was saved.',
    });
  });

  it('ends with Timeout when the browser never comes back (a closed tab), and stops listening', async () => {
    const loopback = await startLoopbackRedirect({ state: 's-3', timeoutMs: 50 });
    const error = await failureOf(loopback.answer);
    expect(error.code).toBe('Timeout');
    expect(error.message).toMatch(/was the tab closed\?/);
    await expect(fetch(loopback.redirectUri)).rejects.toThrow();
  });

  it('ends with Cancelled when the caller aborts', async () => {
    const abort = new AbortController();
    const loopback = await startLoopbackRedirect({
      state: 's-4',
      timeoutMs: 5000,
      signal: abort.signal,
    });
    abort.abort();
    expect((await failureOf(loopback.answer)).code).toBe('Cancelled');
  });
});
