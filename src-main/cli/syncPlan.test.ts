import { describe, expect, it } from 'vitest';
import {
  byDirectory,
  copyReason,
  planSync,
  safeLocalRelative,
  type SyncEntry,
  type SyncPlanOptions,
} from './syncPlan.js';

const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const file = (path: string, size = 10, lastModified = t0, md5?: string): SyncEntry => ({
  path,
  size,
  lastModified,
  ...(md5 ? { md5 } : {}),
});
const metadata: SyncPlanOptions = { compare: 'metadata' };
const md5: SyncPlanOptions = { compare: 'md5' };
const paths = (entries: Array<SyncEntry | { entry: SyncEntry }>) =>
  entries.map((e) => ('entry' in e ? e.entry.path : e.path));

describe('planSync by size and last-modified time', () => {
  it('copies a file the destination lacks', () => {
    const plan = planSync([file('a.csv'), file('d/b.csv')], [file('a.csv')], metadata);
    expect(plan.copies).toEqual([{ entry: file('d/b.csv'), reason: 'missing' }]);
    expect(paths(plan.upToDate)).toEqual(['a.csv']);
    expect(plan.onlyAtDestination).toEqual([]);
  });

  it('copies a source that is newer (in whole seconds)', () => {
    const plan = planSync([file('a', 10, t0 + 2000)], [file('a', 10, t0)], metadata);
    expect(plan.copies).toEqual([{ entry: file('a', 10, t0 + 2000), reason: 'newer' }]);
  });

  it('keeps a destination that is newer or as old', () => {
    const plan = planSync(
      [file('older', 10, t0 - 5000), file('same', 10, t0)],
      [file('older', 10, t0), file('same', 10, t0)],
      metadata,
    );
    expect(plan.copies).toEqual([]);
    expect(paths(plan.upToDate)).toEqual(['older', 'same']);
  });

  it('reads a local time within the blob’s second as not newer (the service keeps seconds)', () => {
    expect(copyReason(file('a', 1, t0 + 999), file('a', 1, t0), 'metadata')).toBeUndefined();
    expect(copyReason(file('a', 1, t0 + 1000), file('a', 1, t0), 'metadata')).toBe('newer');
  });

  it('copies a file whose size changed, even when the destination is newer', () => {
    const plan = planSync([file('a', 11, t0 - 60_000)], [file('a', 10, t0)], metadata);
    expect(plan.copies).toEqual([{ entry: file('a', 11, t0 - 60_000), reason: 'size' }]);
  });

  it('ignores hashes without --compare-hash', () => {
    const plan = planSync([file('a', 10, t0, 'AAA=')], [file('a', 10, t0, 'BBB=')], metadata);
    expect(plan.copies).toEqual([]);
  });
});

describe('planSync by Content-MD5', () => {
  it('copies a same-size, same-time file whose MD5 differs', () => {
    const plan = planSync([file('a', 10, t0, 'AAA=')], [file('a', 10, t0, 'BBB=')], md5);
    expect(plan.copies).toEqual([{ entry: file('a', 10, t0, 'AAA='), reason: 'md5' }]);
  });

  it('keeps an equal MD5 whatever the times say', () => {
    const plan = planSync([file('a', 10, t0 + 60_000, 'AAA=')], [file('a', 10, t0, 'AAA=')], md5);
    expect(plan.copies).toEqual([]);
    expect(paths(plan.upToDate)).toEqual(['a']);
  });

  it('copies when either side has no MD5', () => {
    expect(copyReason(file('a', 10, t0), file('a', 10, t0, 'AAA='), 'md5')).toBe('md5');
    expect(copyReason(file('a', 10, t0, 'AAA='), file('a', 10, t0), 'md5')).toBe('md5');
  });

  it('still copies a missing or resized file', () => {
    const plan = planSync([file('new', 1, t0, 'A='), file('r', 2, t0, 'B=')], [file('r', 3)], md5);
    expect(plan.copies.map((c) => [c.entry.path, c.reason])).toEqual([
      ['new', 'missing'],
      ['r', 'size'],
    ]);
  });
});

describe('planSync deletions', () => {
  it('lists destination-only files, sorted, and copies nothing for them', () => {
    const plan = planSync(
      [file('keep')],
      [file('z/old'), file('keep'), file('a/old'), file('gone')],
      metadata,
    );
    expect(paths(plan.onlyAtDestination)).toEqual(['a/old', 'gone', 'z/old']);
    expect(plan.copies).toEqual([]);
  });

  it('matches paths exactly: a/b and a/b/c are different files', () => {
    const plan = planSync([file('a/b')], [file('a/b/c'), file('A/b')], metadata);
    expect(paths(plan.onlyAtDestination)).toEqual(['A/b', 'a/b/c']);
    expect(paths(plan.copies)).toEqual(['a/b']);
  });

  it('an empty source lists the whole destination', () => {
    expect(paths(planSync([], [file('x'), file('y/z')], metadata).onlyAtDestination)).toEqual([
      'x',
      'y/z',
    ]);
  });
});

describe('planSync patterns apply to both sides', () => {
  const source = [file('a.csv'), file('d/b.csv'), file('c.tmp'), file('d/e.txt')];
  const destination = [file('old.csv'), file('old.tmp'), file('d/old.txt')];

  it('--include-pattern copies and deletes only matching names', () => {
    const plan = planSync(source, destination, { compare: 'metadata', include: ['*.csv'] });
    expect(paths(plan.copies)).toEqual(['a.csv', 'd/b.csv']);
    expect(paths(plan.onlyAtDestination)).toEqual(['old.csv']);
  });

  it('--exclude-pattern leaves matching names alone on both sides', () => {
    const plan = planSync(source, destination, { compare: 'metadata', exclude: ['*.tmp'] });
    expect(paths(plan.copies)).toEqual(['a.csv', 'd/b.csv', 'd/e.txt']);
    expect(paths(plan.onlyAtDestination)).toEqual(['d/old.txt', 'old.csv']);
  });

  it('patterns match the last segment, not the directory', () => {
    const plan = planSync([file('x.csv/y.txt')], [], { compare: 'metadata', include: ['*.csv'] });
    expect(plan.copies).toEqual([]);
  });

  it('both patterns together', () => {
    const plan = planSync(source, destination, {
      compare: 'metadata',
      include: ['*.csv', '*.tmp'],
      exclude: ['b.*', 'old.tmp'],
    });
    expect(paths(plan.copies)).toEqual(['a.csv', 'c.tmp']);
    expect(paths(plan.onlyAtDestination)).toEqual(['old.csv']);
  });
});

describe('helpers', () => {
  it('byDirectory groups by the directory part', () => {
    const groups = byDirectory([file('a'), file('d/b'), file('d/e/c'), file('d/f')]);
    expect([...groups].map(([d, g]) => [d, paths(g)])).toEqual([
      ['', ['a']],
      ['d', ['d/b', 'd/f']],
      ['d/e', ['d/e/c']],
    ]);
  });

  it('safeLocalRelative refuses names that leave the folder', () => {
    expect(safeLocalRelative('a/b.csv')).toBe(true);
    for (const bad of ['../x', 'a/../../x', './x', 'a//b', 'a\\b', '/abs'])
      expect(safeLocalRelative(bad), bad).toBe(false);
  });
});
