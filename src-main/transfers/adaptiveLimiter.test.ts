import { describe, expect, it } from 'vitest';
import { createAdaptiveLimiter, smallRequestWeight, type Release } from './adaptiveLimiter.js';

const clock = () => {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('createAdaptiveLimiter', () => {
  it('admits up to the limit, then queues FIFO', async () => {
    const limiter = createAdaptiveLimiter({ ceiling: 16, initial: 2 });
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const order: string[] = [];
    const c = limiter.acquire().then((r) => (order.push('c'), r));
    const d = limiter.acquire().then((r) => (order.push('d'), r));
    await Promise.resolve();
    expect(limiter.inFlight).toBe(2);
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(limiter.inFlight).toBe(0);
  });

  it('rejects a waiter whose signal aborts, and lets the others through', async () => {
    const limiter = createAdaptiveLimiter({ ceiling: 1, initial: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter
      .acquire(controller.signal)
      .catch((e: { error: { code: string } }) => e.error.code);
    const next = limiter.acquire();
    controller.abort();
    expect(await aborted).toBe('Cancelled');
    first();
    (await next)();
    expect(limiter.inFlight).toBe(0);
  });

  it('admits four quarter-weight requests per slot, and a whole one once a slot is free', async () => {
    const limiter = createAdaptiveLimiter({ ceiling: 16, initial: 2 });
    const small: Release[] = [];
    for (let i = 0; i < 7; i++) small.push(await limiter.acquire(undefined, smallRequestWeight));
    expect(limiter.inFlight).toBe(1.75);
    let whole: Release | undefined;
    const waiting = limiter.acquire().then((r) => (whole = r));
    const last = limiter.acquire(undefined, smallRequestWeight);
    await Promise.resolve();
    expect(whole).toBeUndefined();
    small.splice(0, 3).forEach((r) => r());
    await waiting;
    expect(limiter.inFlight).toBe(2);
    small.forEach((r) => r());
    (await last)();
    whole?.();
    expect(limiter.inFlight).toBe(0);
  });

  it('rises while throughput grows under saturation, within the ceiling', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 12, initial: 4, now: c.now });
    let bytes = 1000;
    for (let window = 0; window < 10; window++) {
      const held: Release[] = [];
      for (let i = 0; i < limiter.limit; i++) held.push(await limiter.acquire());
      c.advance(1000);
      bytes *= 2;
      limiter.record({ bytes, diskMs: 0, networkMs: 10 });
      held.forEach((r) => r());
    }
    expect(limiter.limit).toBe(12);
    expect(limiter.limitedBy()).toBe('none');
  });

  it('holds when throughput stops growing, and does not rise when requests do not queue', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 4, now: c.now });
    for (let window = 0; window < 4; window++) {
      const held: Release[] = [];
      for (let i = 0; i < limiter.limit; i++) held.push(await limiter.acquire());
      c.advance(1000);
      limiter.record({ bytes: 1000, diskMs: 0, networkMs: 10 });
      held.forEach((r) => r());
    }
    expect(limiter.limit).toBe(4);
    const idle = createAdaptiveLimiter({ ceiling: 64, initial: 4, now: c.now });
    for (let window = 0; window < 4; window++) {
      const r = await idle.acquire();
      c.advance(1000);
      idle.record({ bytes: 1000 * 2 ** window, diskMs: 0, networkMs: 10 });
      r();
    }
    expect(idle.limit).toBe(4);
  });

  it('takes a raise back when the window after it is slower', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 4, now: c.now });
    const windowAt = async (bytes: number) => {
      const held: Release[] = [];
      for (let i = 0; i < limiter.limit; i++) held.push(await limiter.acquire());
      c.advance(1000);
      limiter.record({ bytes, diskMs: 0, networkMs: 10 });
      held.forEach((r) => r());
    };
    await windowAt(1000);
    await windowAt(2000);
    expect(limiter.limit).toBe(5);
    await windowAt(1500);
    expect(limiter.limit).toBe(4);
  });

  it('halves on throttling at most once a second and reports it', () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 16, now: c.now });
    limiter.throttled();
    limiter.throttled();
    expect(limiter.limit).toBe(8);
    c.advance(1000);
    limiter.throttled();
    expect(limiter.limit).toBe(4);
    expect(limiter.limitedBy()).toBe('throttling');
    for (let i = 0; i < 10; i++) {
      c.advance(1000);
      limiter.throttled();
    }
    expect(limiter.limit).toBe(1);
  });

  it('says whether disk or network time dominates', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 4, initial: 4, now: c.now });
    const r = await limiter.acquire();
    limiter.record({ bytes: 10, diskMs: 90, networkMs: 10 });
    expect(limiter.limitedBy()).toBe('disk');
    limiter.record({ bytes: 10, diskMs: 0, networkMs: 200 });
    expect(limiter.limitedBy()).toBe('network');
    r();
  });

  /** One saturated window of `ms`: the limit's slots taken, `requests` requests of `bytes` each recorded, all released. */
  const window = async (
    limiter: ReturnType<typeof createAdaptiveLimiter>,
    c: ReturnType<typeof clock>,
    { ms, requests, bytes }: { ms: number; requests: number; bytes: number },
  ) => {
    const held: Release[] = [];
    for (let i = 0; i < limiter.limit; i++) held.push(await limiter.acquire());
    for (let i = 0; i < requests; i++) {
      c.advance(ms / requests);
      limiter.record({ bytes, diskMs: 0, networkMs: 10 });
    }
    held.forEach((r) => r());
  };

  it('reconsiders every 200 ms once enough requests finished, with a step that doubles while throughput keeps growing', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 8, now: c.now });
    const limits: number[] = [];
    let bytes = 1000;
    for (let w = 0; w < 5; w++) {
      await window(limiter, c, { ms: 200, requests: 10, bytes: (bytes *= 2) });
      limits.push(limiter.limit);
    }
    // The first window has none before it; then 8 → +2 (a quarter) → +6 (two quarters of 10)
    // → +16 (four quarters of 16) → 64, the ceiling.
    expect(limits).toEqual([8, 10, 16, 32, 64]);
  });

  it('does not judge a short window on too few finished requests', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 8, now: c.now });
    await window(limiter, c, { ms: 200, requests: 10, bytes: 1000 });
    await window(limiter, c, { ms: 200, requests: 2, bytes: 100_000 });
    expect(limiter.limit).toBe(8);
    // A window closes anyway after five intervals (1 s), however few finished.
    await window(limiter, c, { ms: 800, requests: 2, bytes: 100_000 });
    expect(limiter.limit).toBe(10);
  });

  it('still halves on throttling, and raises nothing for three seconds after it', async () => {
    const c = clock();
    const limiter = createAdaptiveLimiter({ ceiling: 64, initial: 16, now: c.now });
    let bytes = 1000;
    await window(limiter, c, { ms: 200, requests: 10, bytes });
    limiter.throttled();
    expect(limiter.limit).toBe(8);
    for (let w = 0; w < 14; w++)
      await window(limiter, c, { ms: 200, requests: 10, bytes: (bytes *= 2) });
    expect(limiter.limit).toBe(8);
    for (let w = 0; w < 3; w++)
      await window(limiter, c, { ms: 200, requests: 10, bytes: (bytes *= 2) });
    expect(limiter.limit).toBeGreaterThan(8);
    limiter.throttled();
    expect(limiter.limitedBy()).toBe('throttling');
  });

  it("says 'cpu' when its event loop is busy, unless the service throttles", async () => {
    const c = clock();
    let busy = 0.5;
    const limiter = createAdaptiveLimiter({
      ceiling: 4,
      initial: 4,
      now: c.now,
      eventLoopBusy: () => busy,
    });
    const r = await limiter.acquire();
    limiter.record({ bytes: 10, diskMs: 0, networkMs: 200 });
    expect(limiter.limitedBy()).toBe('network');
    busy = 0.97;
    expect(limiter.limitedBy()).toBe('cpu');
    limiter.throttled();
    expect(limiter.limitedBy()).toBe('throttling');
    r();
    c.advance(10_000);
    expect(limiter.limitedBy()).toBe('none');
  });
});
