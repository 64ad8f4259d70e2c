import { describe, expect, it } from 'vitest';
import { enqueueUploadArgs } from '../../shared/contract/transfers.js';
import { nameFilter } from './nameFilter.js';

const names = ['a.csv', 'b.CSV', '.hidden.csv', 'a.csv.tmp', 'data1.json', 'data12.json', 'x'];
const taken = (include?: string[], exclude?: string[]) =>
  names.filter(nameFilter({ ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) }));

describe('nameFilter (azcopy include/exclude patterns on the name)', () => {
  it('takes every name without patterns', () => {
    expect(taken()).toEqual(names);
  });
  it('takes a name matching any include, dot files too, case-sensitively', () => {
    expect(taken(['*.csv'])).toEqual(['a.csv', '.hidden.csv']);
    expect(taken(['*.csv', 'data?.json'])).toEqual(['a.csv', '.hidden.csv', 'data1.json']);
  });
  it('drops a name matching any exclude, even when it is included', () => {
    expect(taken(undefined, ['*.tmp', 'x'])).toEqual(
      names.filter((n) => !['a.csv.tmp', 'x'].includes(n)),
    );
    expect(taken(['a.*'], ['*.tmp'])).toEqual(['a.csv']);
  });
  it('reads braces and extglobs as literal text, as azcopy does', () => {
    expect(nameFilter({ include: ['{a,b}.csv'] })('a.csv')).toBe(false);
    expect(nameFilter({ include: ['{a,b}.csv'] })('{a,b}.csv')).toBe(true);
    expect(nameFilter({ include: [] })('x')).toBe(true);
  });
  it('the contract rejects a pattern with a path separator', () => {
    const args = {
      connectionId: 'c',
      container: 'box',
      remoteDirectory: '',
      localPaths: ['/tmp/x'],
      conflict: 'overwrite',
    };
    expect(enqueueUploadArgs.safeParse({ ...args, include: ['dir/*.csv'] }).success).toBe(false);
    expect(enqueueUploadArgs.safeParse({ ...args, exclude: ['a\\b'] }).success).toBe(false);
    expect(
      enqueueUploadArgs.safeParse({ ...args, include: ['*.csv'], exclude: ['~*'] }).success,
    ).toBe(true);
  });
});
