import { describe, expect, it } from 'vitest';
import type { QueryRunResult } from '../../../shared/contract/index.js';
import { resultAsTable, resultSummary } from './queryTable.js';

const result: QueryRunResult = {
  columns: [
    { name: 'n', type: 'number', sqlType: 'BIGINT' },
    { name: 'd', type: 'date', sqlType: 'DATE' },
  ],
  rows: [[1, '2025-01-01']],
  rowCount: 1500,
  elapsedMs: 12.4,
  source: { kind: 'delta', version: 2, latestVersion: 3, files: 3 },
  cache: { fetched: 1, fetchedBytes: 100, hits: 2 },
};

describe('query results', () => {
  it('become a table whose header types are DuckDB types', () => {
    const t = resultAsTable(
      { connectionId: 'c', container: 'x', path: 'a/orders', kind: 'directory' },
      result,
    );
    expect(t.columns).toEqual([
      { name: 'n', type: 'number', logicalType: 'BIGINT' },
      { name: 'd', type: 'date', logicalType: 'DATE' },
    ]);
    expect(t).toMatchObject({
      name: 'orders',
      totalRows: 1500,
      truncated: true,
      rows: [[1, '2025-01-01']],
    });
  });

  it('are summed up with rows, time, cache and Delta version', () => {
    expect(resultSummary(result)).toBe(
      '1,500 rows (first 1 shown) · 12 ms · 1 of 3 files fetched · Delta version 2 of 3',
    );
    expect(
      resultSummary({
        ...result,
        rowCount: 1,
        source: { kind: 'file', format: 'parquet', files: 1 },
        cache: { fetched: 0, fetchedBytes: 0, hits: 1 },
      }),
    ).toBe('1 row · 12 ms · 1 file from the cache');
  });
});
