import { describe, expect, it } from 'vitest';
import { dragOutLimits, type PathEntry } from '../../../shared/contract/index.js';
import { dragOutPaths } from './dragOutPaths.js';

const file = (path: string, size = 10): PathEntry => ({
  kind: 'file',
  name: path.split('/').pop()!,
  path,
  size,
  lastModified: '2026-01-01T00:00:00Z',
});
const dragged = (path: string, kind: 'file' | 'directory' = 'file') => ({
  connectionId: 'c',
  container: 'k',
  path,
  kind,
});

describe('which rows a drag hands to the OS', () => {
  it('drags the selection when the dragged row is in it, else the row alone', () => {
    const selection = [file('d/a.csv'), file('d/b.csv')];
    expect(dragOutPaths(dragged('d/b.csv'), selection)).toEqual(['d/a.csv', 'd/b.csv']);
    expect(dragOutPaths(dragged('d/c.csv'), selection)).toEqual(['d/c.csv']);
  });

  it('keeps folders, selections with folders, too many files or bytes as in-app drags', () => {
    expect(dragOutPaths(dragged('d/sub', 'directory'), [])).toBeUndefined();
    const withFolder = [file('d/a.csv'), { kind: 'directory' as const, name: 's', path: 'd/s' }];
    expect(dragOutPaths(dragged('d/a.csv'), withFolder)).toBeUndefined();
    const many = Array.from({ length: dragOutLimits.maxFiles + 1 }, (_, i) => file(`d/${i}.csv`));
    expect(dragOutPaths(dragged('d/0.csv'), many)).toBeUndefined();
    const big = [file('d/a.csv', dragOutLimits.maxBytes), file('d/b.csv', 1)];
    expect(dragOutPaths(dragged('d/a.csv'), big)).toBeUndefined();
    expect(dragOutPaths(dragged('d/a.csv'), big.slice(0, 1))).toEqual(['d/a.csv']);
  });
});
