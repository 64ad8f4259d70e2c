import { describe, expect, it } from 'vitest';
import { LakeFailure } from '../../storage/toLakeError.js';
import { checkpointActions, parseCommit } from './actions.js';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(LakeFailure);
    return (err as LakeFailure).error;
  }
  throw new Error('expected a failure');
};

describe('parseCommit', () => {
  it('reads the actions of an NDJSON commit, skipping blank lines and keeping unknown ones as other', () => {
    const text = [
      '{"commitInfo":{"operation":"WRITE","timestamp":5}}',
      '{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}',
      '{"metaData":{"id":"t","schemaString":"{}","partitionColumns":["m"],"configuration":{"a":"1"},"format":{"provider":"parquet"}}}',
      '',
      '{"add":{"path":"m=1/a%20b.parquet","partitionValues":{"m":"1","n":null},"size":10,"modificationTime":3,"dataChange":true,"stats":"{\\"numRecords\\":4}"}}',
      '{"remove":{"path":"m=1/old.parquet","deletionTimestamp":7,"dataChange":true}}',
      '{"txn":{"appId":"x","version":1}}',
    ].join('\n');
    expect(parseCommit(text, '00000000000000000000.json')).toEqual([
      { kind: 'commitInfo', commitInfo: { operation: 'WRITE', timestamp: 5 } },
      { kind: 'protocol', protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      {
        kind: 'metaData',
        metaData: {
          id: 't',
          schemaString: '{}',
          partitionColumns: ['m'],
          configuration: { a: '1' },
        },
      },
      {
        kind: 'add',
        add: {
          path: 'm=1/a%20b.parquet',
          partitionValues: { m: '1', n: null },
          size: 10,
          modificationTime: 3,
          dataChange: true,
          stats: '{"numRecords":4}',
        },
      },
      {
        kind: 'remove',
        remove: { path: 'm=1/old.parquet', deletionTimestamp: 7, dataChange: true },
      },
      { kind: 'other' },
    ]);
  });

  it('names the file and line of invalid JSON, a non-object and an add without a size', () => {
    const name = '00000000000000000003.json';
    expect(failure(() => parseCommit('{"commitInfo":{}}\n{"add":', name))).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringMatching(/^00000000000000000003\.json line 2 is not valid JSON/),
    });
    expect(failure(() => parseCommit('[1]', name)).message).toBe(
      `${name} line 1 is not a JSON object`,
    );
    expect(failure(() => parseCommit('\n{"add":{"path":"a"}}', name)).message).toBe(
      `${name} line 2: "add" needs a path and a size`,
    );
  });
});

describe('checkpointActions', () => {
  it('reads rows with one struct set, bigints as numbers, absent columns as nothing', () => {
    const rows = [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      {
        add: {
          path: 'a',
          partitionValues: { m: '1' },
          size: 5n,
          modificationTime: 9n,
          dataChange: true,
        },
      },
      { remove: { path: 'b', deletionTimestamp: 3n, dataChange: true, size: 2n } },
    ];
    expect(checkpointActions(rows, 'cp')).toEqual([
      { kind: 'protocol', protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      {
        kind: 'add',
        add: {
          path: 'a',
          partitionValues: { m: '1' },
          size: 5,
          modificationTime: 9,
          dataChange: true,
        },
      },
      { kind: 'remove', remove: { path: 'b', deletionTimestamp: 3, dataChange: true, size: 2 } },
    ]);
    expect(failure(() => checkpointActions([{ remove: {} }], 'cp.parquet')).message).toBe(
      'cp.parquet row 1: "remove" needs a path',
    );
  });
});
