process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../../../shared/contract/index.js';
import { localDateTime, rangeAsTsv, rangeBetween, showCell, typeLabel } from './cellFormat.js';
import { fitColumnWidths } from './columnWidths.js';

const col = (type: TableColumn['type'], logicalType?: string): TableColumn => ({
  name: 'c',
  type,
  ...(logicalType ? { logicalType } : {}),
});

describe('showCell', () => {
  it('shows nulls as a muted null, CSV empty fields as empty', () => {
    expect(showCell(null, col('number'))).toEqual({ text: 'null', isNull: true });
    expect(showCell(undefined, col('text'))).toEqual({ text: 'null', isNull: true });
    expect(showCell('', col('text'))).toEqual({ text: '', isNull: false });
  });

  it('shows dates as the day and timestamps as a local date-time', () => {
    expect(showCell('2025-02-06', col('date')).text).toBe('2025-02-06');
    expect(showCell('2025-02-06T00:00:00.000Z', col('date')).text).toBe('2025-02-06');
    // 10:00 UTC is 05:00 in New York (EST, UTC−5).
    expect(showCell('2025-02-01T10:00:00.000Z', col('timestamp')).text).toBe('2025-02-01 05:00:00');
    expect(showCell('2025-02-01T10:00:00.250Z', col('timestamp')).text).toBe(
      '2025-02-01 05:00:00.250',
    );
    // A wall-clock time (no zone) is kept as written.
    expect(showCell('2025-02-01T10:00:00.000', col('timestamp')).text).toBe('2025-02-01 10:00:00');
    expect(showCell('2025-02-01 10:00', col('timestamp')).text).toBe('2025-02-01 10:00:00');
    expect(showCell('2025-02-01', col('timestamp')).text).toBe('2025-02-01');
    expect(showCell(1738404000000, col('timestamp')).text).toBe('2025-02-01 05:00:00');
    expect(showCell('soon', col('timestamp')).text).toBe('soon');
    expect(localDateTime(new Date(2025, 6, 4, 9, 5, 3))).toBe('2025-07-04 09:05:03');
  });

  it('shows numbers and booleans as their text', () => {
    expect(showCell(1.5, col('number')).text).toBe('1.5');
    expect(showCell('18446744073709551616', col('number')).text).toBe('18446744073709551616');
    expect(showCell(false, col('boolean')).text).toBe('false');
  });

  it('labels column types, timestamps as local', () => {
    expect(typeLabel({ name: 'a', type: 'number', physicalType: 'INT32' })).toBe('INT32');
    expect(
      typeLabel({ name: 'a', type: 'text', physicalType: 'BYTE_ARRAY', logicalType: 'STRING' }),
    ).toBe('STRING');
    expect(typeLabel(col('timestamp', 'timestamp-millis'))).toBe('timestamp-millis · local');
    expect(typeLabel(col('number'))).toBe('number');
  });
});

describe('copying a range', () => {
  it('gives the rectangle between two cells as TSV, in view order, nulls empty', () => {
    const rows = [
      ['a', 1, null],
      ['b\tc', 2, '2025-02-01T10:00:00.000Z'],
      ['d', 3, '2025-02-02T10:00:00.000Z'],
    ];
    const columns = [col('text'), col('number'), col('timestamp')];
    const order = [2, 1, 0];
    const range = rangeBetween({ row: 2, column: 2 }, { row: 0, column: 0 });
    expect(rangeAsTsv(range, rows, order, columns)).toBe(
      'd\t3\t2025-02-02 05:00:00\nb c\t2\t2025-02-01 05:00:00\na\t1\t',
    );
    expect(
      rangeAsTsv(rangeBetween({ row: 1, column: 1 }, { row: 1, column: 1 }), rows, order, columns),
    ).toBe('2');
  });
});

describe('fitColumnWidths', () => {
  it('fits names, type labels and the first rows, within 60–400 px', () => {
    const perChar = (text: string) => text.length * 10;
    const columns: TableColumn[] = [
      { name: 'id', type: 'number' },
      { name: 'description', type: 'text' },
      { name: 'x', type: 'text' },
    ];
    const rows = [
      [1, 'short', 'y'],
      [22, 'a'.repeat(100), null],
    ];
    expect(fitColumnWidths(columns, rows, perChar, 16)).toEqual([76, 400, 60]);
  });
});
