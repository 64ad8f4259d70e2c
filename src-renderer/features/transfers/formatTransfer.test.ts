import { describe, expect, it } from 'vitest';
import { formatDuration, progressText } from './formatTransfer.js';

describe('transfer text', () => {
  it('formats durations', () => {
    expect([formatDuration(45_000), formatDuration(200_000), formatDuration(7_500_000)]).toEqual([
      '45 s',
      '3 min 20 s',
      '2 h 5 min',
    ]);
  });
  it('says bytes, rate and time left when known', () => {
    expect(
      progressText({
        bytesDone: 12 * 1024 ** 2,
        bytesTotal: 1024 ** 3,
        rateBytesPerSec: 48 * 1024 ** 2,
        etaMs: 20_000,
      }),
    ).toBe('12.0 MiB of 1.0 GiB · 48.0 MiB/s · 20 s left');
    expect(progressText({ bytesDone: 0, rateBytesPerSec: 0 })).toBe('0 bytes so far');
  });
});
