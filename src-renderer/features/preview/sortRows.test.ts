import { describe, expect, it } from 'vitest';
import { visibleRows } from './sortRows.js';

const rows = [
  ['b', '10', '2025-02-01'],
  ['a', '9', null],
  ['c', '100', '2024-12-31'],
];

describe('visibleRows', () => {
  it('sorts numbers as numbers, not text', () => {
    expect(
      visibleRows(rows, ['text', 'number', 'date'], '', { column: 1, direction: 'ascending' }),
    ).toEqual([1, 0, 2]);
  });
  it('sorts dates and puts empty cells last in both directions', () => {
    expect(
      visibleRows(rows, ['text', 'number', 'date'], '', { column: 2, direction: 'ascending' }),
    ).toEqual([2, 0, 1]);
    expect(
      visibleRows(rows, ['text', 'number', 'date'], '', { column: 2, direction: 'descending' }),
    ).toEqual([0, 2, 1]);
  });
  it('filters by a case-insensitive substring of any cell', () => {
    expect(visibleRows(rows, ['text', 'number', 'date'], 'B', undefined)).toEqual([0]);
    expect(visibleRows(rows, ['text', 'number', 'date'], '2024', undefined)).toEqual([2]);
  });
});
