import { describe, expect, it } from 'vitest';
import type { TransferJobSummary } from '../../../shared/contract/index.js';
import {
  finishedText,
  formatDuration,
  jobFraction,
  keptAs,
  progressText,
} from './formatTransfer.js';

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

  it('gives the bar the fraction of the bytes the text shows', () => {
    const running = { kind: 'running' } as const;
    const mib = 1024 ** 2;
    expect(jobFraction({ bytesDone: 104 * mib, bytesTotal: 200 * mib, state: running })).toBe(0.52);
    expect(jobFraction({ bytesDone: 5, state: running })).toBeUndefined();
    expect(jobFraction({ bytesDone: 5, state: { kind: 'cancelled' } })).toBe(0);
    expect(jobFraction({ bytesDone: 5, bytesTotal: 10, state: { kind: 'completed' } })).toBe(1);
  });
  it('says what happened once all finished', () => {
    expect(
      finishedText([
        { state: { kind: 'completed' } },
        { state: { kind: 'cancelled' } },
        { state: { kind: 'completed' } },
      ]),
    ).toBe('All finished · 2 completed, 1 cancelled');
    expect(finishedText([])).toBe('All finished');
  });
  it('names the file a one-file job kept under a new name', () => {
    const job = {
      kind: 'file',
      direction: 'download',
      name: 'hello.txt',
      localPath: '/d/hello (1).txt',
      remotePath: 'hello.txt',
    } as TransferJobSummary;
    expect(keptAs(job)).toBe('hello (1).txt');
    expect(keptAs({ ...job, localPath: '/d/hello.txt' })).toBeUndefined();
    expect(keptAs({ ...job, direction: 'upload', remotePath: 'raw/small (1).csv' })).toBe(
      'small (1).csv',
    );
  });
});
