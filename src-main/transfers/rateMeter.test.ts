import { describe, expect, it } from 'vitest';
import { createRateMeter, etaMs } from './rateMeter.js';

describe('createRateMeter', () => {
  it('averages over the sliding window and forgets old samples', () => {
    let t = 0;
    const meter = createRateMeter(5000, () => t);
    expect(meter.rate()).toBe(0);
    meter.add(1000);
    t = 1000;
    expect(meter.rate()).toBe(1000);
    t = 2000;
    meter.add(3000);
    expect(meter.rate()).toBe(2000);
    t = 10_000;
    expect(meter.rate()).toBe(0);
  });

  it('gives no estimate from too few samples: before 1 s, only from 8 samples over 250 ms or more', () => {
    let t = 0;
    const meter = createRateMeter(5000, () => t);
    // One block arrived at once: no speed can be told from it.
    meter.add(4 * 1024 * 1024);
    expect(meter.rate()).toBe(0);
    t = 200;
    for (let i = 0; i < 10; i++) meter.add(1000);
    expect(meter.rate()).toBe(0); // many samples, but all within 200 ms
    t = 500;
    meter.add(1000);
    expect(meter.rate()).toBe(((4 * 1024 * 1024 + 11_000) * 1000) / 500);
    const few = createRateMeter(5000, () => t);
    few.add(1000);
    t = 900;
    few.add(1000);
    expect(few.rate()).toBe(0); // two samples in 400 ms
    t = 1500;
    expect(few.rate()).toBe(2000);
  });

  it('computes an ETA in ms', () => {
    expect(etaMs(1000, 500)).toBe(2000);
    expect(etaMs(1000, 0)).toBeUndefined();
  });
});
