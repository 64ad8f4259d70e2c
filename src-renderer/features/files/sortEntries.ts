import type { FileListColumn, FileListSort, PathEntry } from '../../../shared/contract/index.js';

/** Names compared as a file manager does: digits by value ("file2" before "file10"), case aside. */
export const naturalCollator = new Intl.Collator(undefined, {
  numeric: true,
  sensitivity: 'base',
});

/** The list's sort before the user picks one: by name, ascending. */
export const defaultSort: FileListSort = { column: 'name', direction: 'ascending' };

/**
 * Printable ASCII ranked as `naturalCollator` orders it (letters of either case share a rank),
 * so an ASCII name becomes a key that plain string comparison orders as the collator would:
 * sorting 100,000 names by keys takes a fraction of the collator's time.
 */
const asciiRanks: Map<string, number> = (() => {
  const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter(
    (c) => !/[0-9]/.test(c),
  );
  chars.push('0');
  chars.sort(naturalCollator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  chars.forEach((c, i) => {
    if (i > 0 && naturalCollator.compare(chars[i - 1]!, c) !== 0) rank += 1;
    ranks.set(c, rank);
  });
  return ranks;
})();

const keys = new WeakMap<PathEntry, string | null>();

/**
 * A name's natural-order key: each character by its rank, each run of digits as one number
 * (the digits' rank, its length, its digits); null for a name outside printable ASCII.
 */
export function naturalKey(name: string): string | null {
  const codes: number[] = [];
  for (let i = 0; i < name.length;) {
    const c = name[i]!;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < name.length && name[j]! >= '0' && name[j]! <= '9') j += 1;
      const digits = name.slice(i, j).replace(/^0+(?=\d)/, '');
      codes.push(32 + asciiRanks.get('0')!, 32 + digits.length);
      for (const d of digits) codes.push(d.charCodeAt(0));
      i = j;
    } else {
      const rank = asciiRanks.get(c);
      if (rank === undefined) return null;
      codes.push(32 + rank);
      i += 1;
    }
  }
  return String.fromCharCode(...codes);
}

const keyOf = (entry: PathEntry): string | null => {
  let key = keys.get(entry);
  if (key === undefined) keys.set(entry, (key = naturalKey(entry.name)));
  return key;
};

const value = (entry: PathEntry, column: FileListColumn): string | number | undefined => {
  if (entry.kind === 'directory') return undefined;
  if (column === 'size') return entry.size;
  if (column === 'modified') return Date.parse(entry.lastModified);
  return entry.contentType ?? '';
};

const compareValues = (a: string | number | undefined, b: string | number | undefined): number => {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return naturalCollator.compare(String(a), String(b));
};

/**
 * The entries in `sort` order: folders first, then files; within each, by the column's value
 * in the sort's direction, ties by name ascending (natural order). Folders have no size, date
 * or type, so those sorts keep them by name. Returns a new array.
 */
export function sortEntries(entries: readonly PathEntry[], sort: FileListSort): PathEntry[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Each entry with its name key (once per entry), so the comparisons are plain string ones.
  const rows = entries.map((entry) => ({ entry, key: keyOf(entry) }));
  const byKey = rows.every((r) => r.key !== null);
  type Row = (typeof rows)[number];
  const byName = byKey
    ? (a: Row, b: Row) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0)
    : (a: Row, b: Row) => naturalCollator.compare(a.entry.name, b.entry.name);
  const byColumn =
    sort.column === 'name'
      ? (a: Row, b: Row) => sign * byName(a, b)
      : (a: Row, b: Row) =>
          sign * compareValues(value(a.entry, sort.column), value(b.entry, sort.column)) ||
          byName(a, b);
  return rows
    .sort((a, b) =>
      a.entry.kind !== b.entry.kind ? (a.entry.kind === 'directory' ? -1 : 1) : byColumn(a, b),
    )
    .map((r) => r.entry);
}

/** The sort after a click on `column`'s header: the same column flips, another starts ascending. */
export const nextSort = (current: FileListSort, column: FileListColumn): FileListSort =>
  current.column === column
    ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
    : { column, direction: 'ascending' };

/** The entries whose name holds `text` (case aside); all of them when `text` is blank. */
export function filterEntries(entries: readonly PathEntry[], text: string): readonly PathEntry[] {
  const needle = text.trim().toLocaleLowerCase();
  if (needle === '') return entries;
  return entries.filter((e) => e.name.toLocaleLowerCase().includes(needle));
}

/**
 * Type-ahead: the index of the first entry whose name starts with `typed` (case aside),
 * looking from `from` on and wrapping round; -1 when none does. A run of one letter pressed
 * again ("ddd") steps through the names starting with it, as file managers do.
 */
export function typeAheadIndex(entries: readonly PathEntry[], typed: string, from: number): number {
  if (typed === '' || entries.length === 0) return -1;
  const lower = typed.toLocaleLowerCase();
  const repeated = lower.length > 1 && [...lower].every((c) => c === lower[0]);
  const prefix = repeated ? lower[0]! : lower;
  const start = repeated || lower.length === 1 ? from + 1 : Math.max(0, from);
  for (let step = 0; step < entries.length; step += 1) {
    const i = (((start + step) % entries.length) + entries.length) % entries.length;
    if (entries[i]!.name.toLocaleLowerCase().startsWith(prefix)) return i;
  }
  return -1;
}

/**
 * The line above the list: how many items; while more pages load, that the sort covers only
 * what is loaded so far (the rest sort in as they arrive); with a filter, how many match.
 */
export function listSummary(loaded: number, complete: boolean, shown: number, filtering: boolean) {
  const n = (v: number) => v.toLocaleString('en-US');
  const items = `${n(loaded)} ${loaded === 1 ? 'item' : 'items'}`;
  const matching = filtering ? `${n(shown)} of ${items} match` : items;
  if (complete) return matching;
  if (loaded === 0) return 'Loading…';
  return `Loading… ${matching} so far (sorted ${n(loaded)} of more; the rest sort in as they load)`;
}
