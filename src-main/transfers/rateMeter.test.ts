import { describe, expect, it } from 'vitest';
import { createRateMeter, etaMs } from './rateMeter.js';

describe('createRateMeter', () => {
  it('averages over the sliding window and forgets old samples', () => {
    let t = 0;
    const meter = createRateMeter(5000, () => t);
    expect(meter.rate()).toBe(0);
    meter.add(1000);
    expect(meter.rate()).toBe(1000);
    t = 2000;
    meter.add(3000);
    expect(meter.rate()).toBe(2000);
    t = 10_000;
    expect(meter.rate()).toBe(0);
  });

  it('computes an ETA in ms', () => {
    expect(etaMs(1000, 500)).toBe(2000);
    expect(etaMs(1000, 0)).toBeUndefined();
  });
});
