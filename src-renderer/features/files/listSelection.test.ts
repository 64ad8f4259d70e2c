import { describe, expect, it } from 'vitest';
import type { PathEntry } from '../../../shared/contract/index.js';
import { noSelection, selectAll, selectRow } from './listSelection.js';

const entries: PathEntry[] = ['a', 'b', 'c', 'd'].map((name) => ({
  kind: 'directory',
  name,
  path: `dir/${name}`,
}));
const paths = (s: { paths: ReadonlySet<string> }) => [...s.paths].sort();

describe('selectRow', () => {
  it('selects only the picked row, clamped into the list', () => {
    const s = selectRow(noSelection, entries, 9, 'only');
    expect(s.cursor).toBe('dir/d');
    expect(paths(s)).toEqual(['dir/d']);
  });
  it('extends from the anchor in either direction', () => {
    const start = selectRow(noSelection, entries, 2, 'only');
    expect(paths(selectRow(start, entries, 0, 'extend'))).toEqual(['dir/a', 'dir/b', 'dir/c']);
    const down = selectRow(selectRow(start, entries, 0, 'extend'), entries, 3, 'extend');
    expect(paths(down)).toEqual(['dir/c', 'dir/d']);
    expect(down.anchor).toBe('dir/c');
  });
  it('toggles a row in and out, keeping the others', () => {
    const one = selectRow(noSelection, entries, 0, 'only');
    const two = selectRow(one, entries, 2, 'toggle');
    expect(paths(two)).toEqual(['dir/a', 'dir/c']);
    expect(paths(selectRow(two, entries, 0, 'toggle'))).toEqual(['dir/c']);
  });
  it('extends from the anchor entry even after rows arrived before it', () => {
    const start = selectRow(noSelection, entries, 1, 'only');
    const grown: PathEntry[] = [{ kind: 'directory', name: '0', path: 'dir/0' }, ...entries];
    expect(paths(selectRow(start, grown, 3, 'extend'))).toEqual(['dir/b', 'dir/c']);
  });
  it('selects nothing in an empty list', () => {
    expect(selectRow(noSelection, [], 0, 'only')).toBe(noSelection);
  });
});

describe('selectAll', () => {
  it('selects every row and keeps the cursor', () => {
    const s = selectAll(selectRow(noSelection, entries, 1, 'only'), entries);
    expect(s.cursor).toBe('dir/b');
    expect(paths(s)).toEqual(entries.map((e) => e.path));
  });
});
