import { describe, expect, it } from 'vitest';
import {
  containerNameProblem,
  entryNameProblem,
  joinPath,
  moveProblem,
  resolveDestination,
} from './validateName.js';

describe('entryNameProblem', () => {
  it('accepts ordinary names, spaces and dots inside', () => {
    expect(entryNameProblem('2025')).toBeUndefined();
    expect(entryNameProblem('my data.v2')).toBeUndefined();
  });
  it('refuses empty, "/", "..", "." and NUL', () => {
    expect(entryNameProblem('  ')).toBe('Enter a name');
    expect(entryNameProblem('a/b')).toMatch('"/"');
    expect(entryNameProblem('..')).toMatch('".."');
    expect(entryNameProblem('.')).toMatch('"."');
    expect(entryNameProblem('a\0b')).toMatch('NUL');
  });
});

describe('containerNameProblem', () => {
  it('accepts 3–63 lowercase letters, digits, single hyphens', () => {
    expect(containerNameProblem('abc')).toBeUndefined();
    expect(containerNameProblem('raw-2025-data')).toBeUndefined();
    expect(containerNameProblem('a'.repeat(63))).toBeUndefined();
  });
  it('says what is wrong', () => {
    expect(containerNameProblem('ab')).toBe('At least 3 characters');
    expect(containerNameProblem('a'.repeat(64))).toBe('At most 63 characters');
    expect(containerNameProblem('Raw')).toBe('Only lowercase letters, digits and hyphens');
    expect(containerNameProblem('-raw')).toBe('Start and end with a letter or digit');
    expect(containerNameProblem('raw-')).toBe('Start and end with a letter or digit');
    expect(containerNameProblem('ra--w')).toBe('No two hyphens in a row');
  });
});

describe('resolveDestination', () => {
  it('takes a bare name in the current directory', () => {
    expect(resolveDestination('raw/sales', 'renamed')).toEqual({ path: 'raw/sales/renamed' });
    expect(resolveDestination('', 'renamed')).toEqual({ path: 'renamed' });
  });
  it('takes a relative path from the current directory and ".." upwards', () => {
    expect(resolveDestination('raw/sales', 'old/2024')).toEqual({ path: 'raw/sales/old/2024' });
    expect(resolveDestination('raw/sales', '../archive/x')).toEqual({ path: 'raw/archive/x' });
  });
  it('takes a leading "/" from the container root', () => {
    expect(resolveDestination('raw/sales', '/curated/x')).toEqual({ path: 'curated/x' });
  });
  it('refuses empty input, a trailing "/" and paths above the root', () => {
    expect(resolveDestination('raw', ' ')).toHaveProperty('problem');
    expect(resolveDestination('raw', 'x/')).toHaveProperty('problem');
    expect(resolveDestination('raw', '../../x')).toEqual({
      problem: 'The path goes above the container root',
    });
    expect(resolveDestination('raw', 'a\0')).toHaveProperty('problem');
  });
});

describe('moveProblem', () => {
  it('refuses moving a folder into itself or below itself', () => {
    const folder = { path: 'raw/sales', kind: 'directory' as const };
    expect(moveProblem(folder, 'raw/sales/inner')).toBe('A folder cannot be moved into itself');
    expect(moveProblem(folder, 'raw/sales')).toBe('That is its current name');
    expect(moveProblem(folder, 'raw/sales-old')).toBeUndefined();
  });
  it('lets a file move next to a folder of a similar name', () => {
    expect(moveProblem({ path: 'a/b', kind: 'file' }, 'a/b2')).toBeUndefined();
  });
});

describe('joinPath', () => {
  it('joins under a directory or at the root', () => {
    expect(joinPath('raw', 'x')).toBe('raw/x');
    expect(joinPath('', 'x')).toBe('x');
  });
});
