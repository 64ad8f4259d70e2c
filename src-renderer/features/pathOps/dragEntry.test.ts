import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginNativeEntryDrag, droppedEntry, isEntryDrag, startEntryDrag } from './dragEntry.js';

// A DataTransfer as a drop presents it: its types, its data and its files (names only here).
const transfer = (types: string[], files: string[] = [], data: Record<string, string> = {}) =>
  ({
    types,
    files: files.map((name) => ({ name })),
    getData: (t: string) => data[t] ?? '',
  }) as unknown as DataTransfer;

const listeners = new Set<(e: { buttons: number }) => void>();
beforeEach(() => {
  (globalThis as { window?: unknown }).window = {
    addEventListener: (_: string, fn: (e: { buttons: number }) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (e: { buttons: number }) => void) => listeners.delete(fn),
  };
});
afterEach(() => {
  for (const fn of [...listeners]) fn({ buttons: 0 });
  delete (globalThis as { window?: unknown }).window;
});

const row = { connectionId: 'c', container: 'k', path: 'raw/a.csv', kind: 'file' as const };

describe('row drags', () => {
  it('carries the row in its own data type', () => {
    const data: Record<string, string> = {};
    const written = {
      setData: (t: string, v: string) => (data[t] = v),
      effectAllowed: '',
    } as unknown as DataTransfer;
    startEntryDrag(written, row);
    const read = transfer(Object.keys(data), [], data);
    expect(isEntryDrag(read)).toBe(true);
    expect(droppedEntry(read)).toEqual(row);
  });

  it('counts a native drag of the row dropped back in as the row, once, and only with its file', () => {
    beginNativeEntryDrag(row);
    expect(isEntryDrag(transfer(['Files']))).toBe(true);
    expect(droppedEntry(transfer(['Files'], ['other.csv']))).toBeUndefined();
    expect(droppedEntry(transfer(['Files'], ['a.csv']))).toEqual(row);
    expect(droppedEntry(transfer(['Files'], ['a.csv']))).toBeUndefined();
    expect(isEntryDrag(transfer(['Files']))).toBe(false);
  });

  it('forgets the native drag once the pointer moves with no button held', () => {
    beginNativeEntryDrag(row);
    for (const fn of [...listeners]) fn({ buttons: 1 });
    expect(isEntryDrag(transfer(['Files']))).toBe(true);
    for (const fn of [...listeners]) fn({ buttons: 0 });
    expect(isEntryDrag(transfer(['Files']))).toBe(false);
    expect(droppedEntry(transfer(['Files'], ['a.csv']))).toBeUndefined();
    expect(listeners.size).toBe(0);
  });
});
