import { describe, expect, it } from 'vitest';
import { inferJsonColumnType, inferTextColumnType, isDateText } from './inferTypes.js';

describe('column type inference', () => {
  it('infers text columns, ignoring empty fields', () => {
    expect(inferTextColumnType(['1', '-2.5', '', '1e3', '.5'])).toBe('number');
    expect(inferTextColumnType(['true', 'FALSE', ''])).toBe('boolean');
    expect(inferTextColumnType(['2024-01-31', '2024-02-01T10:00:00Z', '2024-02-01 10:00'])).toBe(
      'timestamp',
    );
    expect(inferTextColumnType(['2024-01-31', '', '2024-02-01'])).toBe('date');
    expect(inferTextColumnType(['1', 'x'])).toBe('text');
    expect(inferTextColumnType(['', ' '])).toBe('text');
    expect(isDateText('2024-13-45')).toBe(false);
  });

  it('infers JSON value columns', () => {
    expect(inferJsonColumnType([1, null, 2.5, undefined])).toBe('number');
    expect(inferJsonColumnType([true, false])).toBe('boolean');
    expect(inferJsonColumnType([{ a: 1 }, [1]])).toBe('json');
    expect(inferJsonColumnType(['2024-01-01', '2024-02-02'])).toBe('date');
    expect(inferJsonColumnType(['2025-01-15T08:00:00.000Z'])).toBe('timestamp');
    expect(inferJsonColumnType(['12', '13'])).toBe('text');
    expect(inferJsonColumnType([1, 'a'])).toBe('text');
  });
});
