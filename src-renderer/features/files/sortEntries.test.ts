import { describe, expect, it } from 'vitest';
import type { PathEntry } from '../../../shared/contract/index.js';
import {
  filterEntries,
  naturalCollator,
  naturalKey,
  listSummary,
  nextSort,
  sortEntries,
  typeAheadIndex,
} from './sortEntries.js';

const file = (
  name: string,
  size = 1,
  lastModified = '2025-01-01T00:00:00Z',
  contentType?: string,
) =>
  ({
    kind: 'file',
    name,
    path: `d/${name}`,
    size,
    lastModified,
    ...(contentType ? { contentType } : {}),
  }) as PathEntry;
const dir = (name: string) => ({ kind: 'directory', name, path: `d/${name}` }) as PathEntry;
const names = (entries: readonly PathEntry[]) => entries.map((e) => e.name);

describe('sortEntries', () => {
  const entries = [
    file('file10.csv', 300, '2025-01-03T00:00:00Z', 'text/csv'),
    dir('dir10'),
    file('file2.txt', 5, '2025-01-01T00:00:00Z', 'text/plain'),
    dir('Dir1'),
    file('File3.json', 1000, '2025-01-02T00:00:00Z'),
    dir('dir2'),
    file('b.bin', 5, '2025-01-01T00:00:00Z', 'application/octet-stream'),
  ];

  it('puts folders first and names in natural order, case aside', () => {
    expect(names(sortEntries(entries, { column: 'name', direction: 'ascending' }))).toEqual([
      'Dir1',
      'dir2',
      'dir10',
      'b.bin',
      'file2.txt',
      'File3.json',
      'file10.csv',
    ]);
    expect(names(sortEntries(entries, { column: 'name', direction: 'descending' }))).toEqual([
      'dir10',
      'dir2',
      'Dir1',
      'file10.csv',
      'File3.json',
      'file2.txt',
      'b.bin',
    ]);
  });

  it('sorts by size, date and type with ties by name; folders keep name order', () => {
    const up = { direction: 'ascending' } as const;
    const down = { direction: 'descending' } as const;
    const dirs = ['Dir1', 'dir2', 'dir10'];
    expect(names(sortEntries(entries, { column: 'size', ...up }))).toEqual([
      ...dirs,
      'b.bin',
      'file2.txt',
      'file10.csv',
      'File3.json',
    ]);
    expect(names(sortEntries(entries, { column: 'size', ...down }))).toEqual([
      ...dirs,
      'File3.json',
      'file10.csv',
      'b.bin',
      'file2.txt',
    ]);
    expect(names(sortEntries(entries, { column: 'modified', ...down }))).toEqual([
      ...dirs,
      'file10.csv',
      'File3.json',
      'b.bin',
      'file2.txt',
    ]);
    // A file without a content type sorts as an empty one, first.
    expect(names(sortEntries(entries, { column: 'contentType', ...up }))).toEqual([
      ...dirs,
      'File3.json',
      'b.bin',
      'file10.csv',
      'file2.txt',
    ]);
  });

  it('does not change its input', () => {
    const copy = [...entries];
    sortEntries(entries, { column: 'size', direction: 'descending' });
    expect(entries).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({
      column: 'name',
      direction: 'descending',
    });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'size')).toEqual({
      column: 'size',
      direction: 'ascending',
    });
  });
});

describe('filterEntries and typeAheadIndex', () => {
  const list = [dir('data'), file('Daily.csv'), file('notes.md'), file('deltas.json')];

  it('filters by a part of the name, case aside', () => {
    expect(names(filterEntries(list, ' DA '))).toEqual(['data', 'Daily.csv']);
    expect(filterEntries(list, '')).toBe(list);
  });

  it('finds the first name starting with what was typed, from the cursor on, wrapping', () => {
    expect(typeAheadIndex(list, 'n', -1)).toBe(2);
    expect(typeAheadIndex(list, 'de', -1)).toBe(3);
    expect(typeAheadIndex(list, 'da', 3)).toBe(0);
    expect(typeAheadIndex(list, 'dai', 1)).toBe(1);
    expect(typeAheadIndex(list, 'x', 0)).toBe(-1);
  });

  it('steps through the names of one letter pressed again', () => {
    expect(typeAheadIndex(list, 'd', 0)).toBe(1);
    expect(typeAheadIndex(list, 'dd', 1)).toBe(3);
    expect(typeAheadIndex(list, 'ddd', 3)).toBe(0);
  });
});

describe('listSummary', () => {
  it('counts items, and while loading says the sort covers what is loaded', () => {
    expect(listSummary(1, true, 1, false)).toBe('1 item');
    expect(listSummary(0, false, 0, false)).toBe('Loading…');
    expect(listSummary(8, true, 3, true)).toBe('3 of 8 items match');
    expect(listSummary(5100, false, 5100, false)).toBe(
      'Loading… 5,100 items so far (sorted 5,100 of more; the rest sort in as they load)',
    );
  });
});

describe('naturalKey', () => {
  it('orders ASCII names as the collator does', () => {
    const words = [
      'a-b',
      'a_b',
      'a.b',
      'ab',
      'A1',
      'a01',
      'a2',
      'a10',
      'a 2',
      'x~',
      'Z',
      '_z',
      '-z',
      '9',
      '10',
    ];
    const byCollator = [...words].sort((a, b) => naturalCollator.compare(a, b));
    const byKey = [...words].sort((a, b) => {
      const [x, y] = [naturalKey(a)!, naturalKey(b)!];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    expect(byKey).toEqual(byCollator);
  });

  it('has none for a name outside printable ASCII, and sorting still works', () => {
    expect(naturalKey('é.txt')).toBeNull();
    expect(
      names(
        sortEntries([file('f10'), file('é'), file('f9')], {
          column: 'name',
          direction: 'ascending',
        }),
      ),
    ).toEqual(['é', 'f9', 'f10']);
  });
});
