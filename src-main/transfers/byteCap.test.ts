import { describe, expect, it } from 'vitest';
import { createByteCap } from './byteCap.js';

describe('createByteCap', () => {
  it('makes concurrent takers wait for the debt of all of them', async () => {
    let t = 0;
    const cap = createByteCap(1000, () => t);
    const signal = new AbortController().signal;
    const start = performance.now();
    await Promise.all([cap.take(50, signal), cap.take(50, signal)]);
    // 100 bytes at 1,000 B/s: the second waits for both, 100 ms.
    expect(performance.now() - start).toBeGreaterThanOrEqual(95);
    t = 10_000;
    // Idle time earns at most a quarter second of credit (250 bytes).
    const s2 = performance.now();
    await cap.take(250, signal);
    expect(performance.now() - s2).toBeLessThan(20);
  });

  it('rejects with Cancelled on abort', async () => {
    const cap = createByteCap(10, () => 0);
    const controller = new AbortController();
    const p = cap.take(1000, controller.signal);
    controller.abort();
    await expect(p).rejects.toMatchObject({ error: { code: 'Cancelled' } });
  });
});
