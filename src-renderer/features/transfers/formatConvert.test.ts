import { describe, expect, it } from 'vitest';
import type { ConvertJobSummary } from '../../../shared/contract/index.js';
import { convertFraction, convertText } from './formatConvert.js';

const job = (over: Partial<ConvertJobSummary>): ConvertJobSummary => ({
  id: 'c1',
  batchId: 'c1',
  direction: 'convert',
  kind: 'file',
  name: 'orders.csv',
  source: { connectionId: 'a', container: 'samples', path: 'orders.csv' },
  target: { connectionId: 'a', container: 'out', path: 'orders.parquet' },
  to: 'parquet',
  phase: 'reading',
  bytesRead: 0,
  bytesToRead: 4096,
  bytesWritten: 0,
  bytesDone: 0,
  bytesTotal: 4096,
  convertedFraction: 0,
  rateBytesPerSec: 0,
  state: { kind: 'running' },
  createdAt: '2026-12-03T00:00:00.000Z',
  ...over,
});

describe('a conversion row', () => {
  it('counts reading, converting and writing a third each', () => {
    expect(convertFraction(job({ bytesRead: 2048 }))).toBeCloseTo(1 / 6);
    expect(
      convertFraction(job({ phase: 'converting', bytesRead: 4096, convertedFraction: 0.5 })),
    ).toBeCloseTo(0.5);
    expect(
      convertFraction(
        job({
          phase: 'writing',
          bytesRead: 4096,
          convertedFraction: 1,
          bytesWritten: 512,
          bytesToWrite: 1024,
        }),
      ),
    ).toBeCloseTo(5 / 6);
    expect(convertFraction(job({ state: { kind: 'completed' } }))).toBe(1);
  });

  it('says the phase with its bytes, DuckDB percentage or rows, and the end', () => {
    expect(convertText(job({ bytesRead: 2048 }))).toBe('Reading 2.0 KiB of 4.0 KiB');
    expect(convertText(job({ phase: 'converting', convertedFraction: 0.426 }))).toBe(
      'Converting 42%',
    );
    expect(
      convertText(
        job({
          phase: 'writing',
          bytesWritten: 512,
          bytesToWrite: 1024,
          rowsWritten: 200,
          rowsRejected: 1,
        }),
      ),
    ).toBe('Writing 512 bytes of 1.0 KiB · 200 rows · 1 row rejected');
    expect(
      convertText(job({ state: { kind: 'completed' }, rowsWritten: 200, bytesToWrite: 1024 })),
    ).toBe('Completed · 200 rows · 4.0 KiB → 1.0 KiB');
    expect(convertText(job({ state: { kind: 'cancelled' } }))).toBe(
      'Cancelled; nothing was written',
    );
    expect(
      convertText(
        job({
          state: { kind: 'failed', error: { code: 'AlreadyExists', message: 'out/x exists' } },
        }),
      ),
    ).toBe('Failed (AlreadyExists): out/x exists');
  });
});
