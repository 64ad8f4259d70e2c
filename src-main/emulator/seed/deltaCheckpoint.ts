import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';

// A single-part Delta checkpoint: one row per action, each action a nested struct column, as in
// "Checkpoint Schema" of https://github.com/delta-io/delta/blob/master/PROTOCOL.md#checkpoint-schema

/** One row of a checkpoint: exactly one of the action columns is set. Longs are bigints; maps are plain objects. */
export interface CheckpointRow {
  protocol?: { minReaderVersion: number; minWriterVersion: number };
  metaData?: {
    id: string;
    name: string;
    format: { provider: string; options: Record<string, string> };
    schemaString: string;
    partitionColumns: string[];
    configuration: Record<string, string>;
    createdTime: bigint;
  };
  add?: {
    path: string;
    partitionValues: Record<string, string>;
    size: bigint;
    modificationTime: bigint;
    dataChange: boolean;
    stats: string;
  };
  remove?: {
    path: string;
    deletionTimestamp: bigint;
    dataChange: boolean;
    extendedFileMetadata: boolean;
    partitionValues: Record<string, string>;
    size: bigint;
  };
}

const optional = { repetition_type: 'OPTIONAL' } as const;
const str = (name: string): SchemaElement => ({
  name,
  ...optional,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
});
const long = (name: string): SchemaElement => ({ name, ...optional, type: 'INT64' });
const bool = (name: string): SchemaElement => ({ name, ...optional, type: 'BOOLEAN' });
const struct = (name: string, children: SchemaElement[][]): SchemaElement[] => [
  { name, ...optional, num_children: children.length },
  ...children.flat(),
];
const stringMap = (name: string): SchemaElement[] => [
  { name, ...optional, converted_type: 'MAP', num_children: 1 },
  { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
  { name: 'key', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  str('value'),
];
const stringList = (name: string): SchemaElement[] => [
  { name, ...optional, converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  str('element'),
];

const columns = ['protocol', 'metaData', 'add', 'remove'] as const;

const schema: SchemaElement[] = [
  { name: 'spark_schema', num_children: columns.length },
  ...struct('protocol', [
    [{ name: 'minReaderVersion', ...optional, type: 'INT32' }],
    [{ name: 'minWriterVersion', ...optional, type: 'INT32' }],
  ]),
  ...struct('metaData', [
    [str('id')],
    [str('name')],
    struct('format', [[str('provider')], stringMap('options')]),
    [str('schemaString')],
    stringList('partitionColumns'),
    stringMap('configuration'),
    [long('createdTime')],
  ]),
  ...struct('add', [
    [str('path')],
    stringMap('partitionValues'),
    [long('size')],
    [long('modificationTime')],
    [bool('dataChange')],
    [str('stats')],
  ]),
  ...struct('remove', [
    [str('path')],
    [long('deletionTimestamp')],
    [bool('dataChange')],
    [bool('extendedFileMetadata')],
    stringMap('partitionValues'),
    [long('size')],
  ]),
];

/** The checkpoint Parquet file (snappy) holding `rows`, with nested `protocol`, `metaData`, `add` and `remove` struct columns. */
export function checkpointParquet(rows: CheckpointRow[]): Buffer {
  const buffer = parquetWriteBuffer({
    schema,
    columnData: columns.map((name) => ({ name, data: rows.map((row) => row[name] ?? null) })),
    createdBy: 'lakeshore sample seed',
  });
  return Buffer.from(buffer);
}
