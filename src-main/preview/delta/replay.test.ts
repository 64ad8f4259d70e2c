import { describe, expect, it } from 'vitest';
import type { AddAction, DeltaAction } from './actions.js';
import { applyActions, emptyState, historyEntry, stateTotals } from './replay.js';

const add = (path: string, size: number, stats?: string): DeltaAction => ({
  kind: 'add',
  add: {
    path,
    partitionValues: {},
    size,
    modificationTime: 0,
    dataChange: true,
    ...(stats ? { stats } : {}),
  },
});
const remove = (path: string): DeltaAction => ({
  kind: 'remove',
  remove: { path, dataChange: true },
});
const meta = (id: string): DeltaAction => ({
  kind: 'metaData',
  metaData: { id, schemaString: '{}', partitionColumns: [], configuration: {} },
});

describe('applyActions', () => {
  it('keeps adds minus removes by decoded path, the last metaData, in order of addition', () => {
    const state = emptyState();
    applyActions(state, [meta('a'), add('x/a%20b.parquet', 10), add('y.parquet', 20)]);
    applyActions(state, [remove('x/a b.parquet'), add('z.parquet', 5), meta('b')]);
    applyActions(state, [add('y.parquet', 25)]);
    expect([...state.files.keys()]).toEqual(['z.parquet', 'y.parquet']);
    expect(state.metaData?.id).toBe('b');
    expect(stateTotals(state)).toEqual({ fileCount: 2, totalBytes: 30 });
    expect((state.files.get('y.parquet') as AddAction).size).toBe(25);
  });
});

describe('historyEntry', () => {
  it('takes operation, parameters, time and rows from commitInfo, counts files and bytes', () => {
    const info: DeltaAction = {
      kind: 'commitInfo',
      commitInfo: {
        timestamp: Date.UTC(2025, 0, 2),
        operation: 'DELETE',
        operationParameters: { predicate: '["x"]', retries: 2 },
        operationMetrics: { numCopiedRows: '7', numDeletedRows: '3' },
      },
    };
    expect(historyEntry(4, [info, remove('a'), add('b', 100)], '2020-01-01T00:00:00.000Z')).toEqual(
      {
        version: 4,
        timestamp: '2025-01-02T00:00:00.000Z',
        operation: 'DELETE',
        operationParameters: { predicate: '["x"]', retries: '2' },
        rowsAdded: 7,
        rowsRemoved: 3,
        filesAdded: 1,
        filesRemoved: 1,
        bytesAdded: 100,
      },
    );
  });

  it('falls back to the file time, UNKNOWN and stats.numRecords without commitInfo', () => {
    const actions = [add('a', 1, '{"numRecords":4}'), add('b', 2, '{"numRecords":6}')];
    expect(historyEntry(0, actions, '2024-05-05T00:00:00.000Z')).toEqual({
      version: 0,
      timestamp: '2024-05-05T00:00:00.000Z',
      operation: 'UNKNOWN',
      operationParameters: {},
      rowsAdded: 10,
      filesAdded: 2,
      filesRemoved: 0,
      bytesAdded: 3,
    });
    expect(historyEntry(1, [add('a', 1)], 't').rowsAdded).toBeUndefined();
  });
});
