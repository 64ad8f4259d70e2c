import { describe, expect, it } from 'vitest';
import {
  isMetadataName,
  metadataProblems,
  metadataToRows,
  rowsToMetadata,
} from './metadataRows.js';

describe('metadata rows', () => {
  it.each([
    ['owner_team', true],
    ['_x1', true],
    ['1abc', false],
    ['owner-team', false],
    ['a.b', false],
    ['', false],
    ['a'.repeat(255), true],
    ['a'.repeat(256), false],
  ])('%s is a name: %s', (name, valid) => expect(isMetadataName(name)).toBe(valid));

  it('round-trips a record in name order', () => {
    const rows = metadataToRows({ zeta: '1', alpha: '2' });
    expect(rows.map((r) => r.name)).toEqual(['alpha', 'zeta']);
    expect(rowsToMetadata(rows)).toEqual({ alpha: '2', zeta: '1' });
  });

  it('reports bad and repeated names by row', () => {
    const problems = metadataProblems([
      { key: 'a', name: 'Team', value: '' },
      { key: 'b', name: 'team', value: '' },
      { key: 'c', name: 'my-key', value: '' },
      { key: 'd', name: '', value: '' },
    ]);
    expect(Object.fromEntries(problems)).toEqual({
      b: '“team” is already used',
      c: '“my-key” is not a valid name',
      d: 'Enter a name',
    });
  });
});
