import { describe, expect, it } from 'vitest';
import {
  canStep,
  childToward,
  currentPlace,
  emptyHistory,
  forget,
  parentPlace,
  step,
  treeValuesTo,
  visit,
  type BrowseLocation,
  type Place,
} from './location.js';

const at = (directory: string, container = 'samples'): BrowseLocation => ({
  connectionId: 'e',
  connectionName: 'Local emulator',
  container,
  directory,
});
const account: Place = { connectionId: 'e', connectionName: 'Local emulator' };

describe('treeValuesTo', () => {
  it('lists the connection, the container and each folder down to the place', () => {
    expect(treeValuesTo(at('raw/sales'))).toEqual([
      'c:e',
      'c:e/samples',
      'c:e/samples/raw',
      'c:e/samples/raw/sales',
    ]);
    expect(treeValuesTo(at(''))).toEqual(['c:e', 'c:e/samples']);
    expect(treeValuesTo(account)).toEqual(['c:e']);
  });
});

describe('parentPlace', () => {
  it('goes from a folder to its parent, from a container root to its account, then nowhere', () => {
    expect(parentPlace(at('raw/sales'))).toEqual(at('raw'));
    expect(parentPlace(at('raw'))).toEqual(at(''));
    expect(parentPlace(at(''))).toEqual(account);
    expect(parentPlace(account)).toBeUndefined();
  });

  it('goes from the folder a connection is attached to straight to the connection', () => {
    expect(parentPlace(at('team/q3/raw'), 'team/q3')).toEqual(at('team/q3'));
    expect(parentPlace(at('team/q3'), 'team/q3')).toEqual(account);
  });
});

describe('childToward', () => {
  it('names the folder of the new place that leads back to the old one', () => {
    expect(childToward(at('raw/sales'), at('raw'))).toBe('raw/sales');
    expect(childToward(at('raw/sales/2025'), at(''))).toBe('raw');
    expect(childToward(at('raw/sales'), account)).toBe('samples');
  });
  it('names nothing when the old place is not below the new one', () => {
    expect(childToward(at('raw'), at('raw/sales'))).toBeUndefined();
    expect(childToward(at('raw'), at('raw'))).toBeUndefined();
    expect(childToward(at('rawdata/x'), at('raw'))).toBeUndefined();
    expect(childToward(at('raw/sales', 'other'), at('raw'))).toBeUndefined();
    expect(childToward(account, at(''))).toBeUndefined();
    expect(childToward(undefined, at(''))).toBeUndefined();
  });
});

describe('history', () => {
  it('goes back and forward; a new visit drops what was ahead', () => {
    let h = visit(visit(visit(emptyHistory, at('')), at('raw')), at('raw/sales'));
    expect(canStep(h, 1)).toBe(false);
    h = step(step(h, -1), -1);
    expect(currentPlace(h)).toEqual(at(''));
    expect(canStep(h, -1)).toBe(false);
    expect(step(h, -1)).toBe(h);
    h = step(h, 1);
    expect(currentPlace(h)).toEqual(at('raw'));
    h = visit(h, at('curated'));
    expect(h.entries).toEqual([at(''), at('raw'), at('curated')]);
    expect(canStep(h, 1)).toBe(false);
  });
  it('does not record the place already shown twice', () => {
    const h = visit(emptyHistory, at('raw'));
    expect(visit(h, at('raw'))).toBe(h);
  });
  it('forgets removed places, and starts afresh when the shown one went', () => {
    const h = visit(visit(visit(emptyHistory, at('', 'gone')), at('raw')), at('raw/sales'));
    const kept = forget(h, (p) => p.container === 'gone');
    expect(kept.entries).toEqual([at('raw'), at('raw/sales')]);
    expect(currentPlace(kept)).toEqual(at('raw/sales'));
    expect(currentPlace(forget(h, (p) => p.directory === 'raw/sales'))).toBeUndefined();
  });
});
