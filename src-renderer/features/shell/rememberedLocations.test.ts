import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { placeToRestore, rememberLocation } from './rememberedLocations.js';

const connection = (id: string, name: string) => ({ id, name }) as ConnectionSummary;

describe('the last location per connection', () => {
  it('puts the place first, one entry per connection, the same list when it is already first', () => {
    const here = { connectionId: 'a', connectionName: 'A', container: 'samples', directory: 'raw' };
    const list = rememberLocation(
      [{ connectionId: 'b' }, { connectionId: 'a', container: 'x' }],
      here,
    );
    expect(list).toEqual([
      { connectionId: 'a', container: 'samples', directory: 'raw' },
      { connectionId: 'b' },
    ]);
    expect(rememberLocation(list, here)).toBe(list);
    expect(rememberLocation(list, { connectionId: 'b', connectionName: 'B' })).toEqual([
      { connectionId: 'b' },
      { connectionId: 'a', container: 'samples', directory: 'raw' },
    ]);
  });

  it('keeps at most 50', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ connectionId: `c${i}` }));
    const list = rememberLocation(many, { connectionId: 'new', connectionName: 'N' });
    expect(list).toHaveLength(50);
    expect(list[0]).toEqual({ connectionId: 'new' });
    expect(list.at(-1)).toEqual({ connectionId: 'c48' });
  });

  it('restores the most recent one whose connection still exists, named as it is now', () => {
    const list = [
      { connectionId: 'gone', container: 'x', directory: '' },
      { connectionId: 'a', container: 'samples', directory: 'raw/sales' },
    ];
    expect(placeToRestore(list, [connection('a', 'Renamed')])).toEqual({
      connectionId: 'a',
      connectionName: 'Renamed',
      container: 'samples',
      directory: 'raw/sales',
    });
    expect(placeToRestore([{ connectionId: 'a' }], [connection('a', 'A')])).toEqual({
      connectionId: 'a',
      connectionName: 'A',
    });
    expect(placeToRestore(list, [])).toBeUndefined();
  });
});
