import { parquetWriteBuffer } from 'hyparquet-writer';
import { checkpointParquet, type CheckpointRow } from './deltaCheckpoint.js';
import { createPrng } from './prng.js';
import { salesOrders, type SalesOrder } from './salesOrders.js';

// A small Delta table laid out as the Delta protocol describes
// (https://github.com/delta-io/delta/blob/master/PROTOCOL.md): data files under `month=N/`,
// JSON commits 0–3 in `_delta_log/`, a checkpoint at version 2 and `_last_checkpoint`.

/** Where the sample Delta table lives in the sample lake (no trailing `/`). */
export const deltaTableRoot = 'curated/delta/orders';

/** A row of the sample Delta table: a sales order and its partition column `month`. */
export type DeltaOrder = SalesOrder & { month: number };

/** The table's schema, as `metaData.schemaString` holds it. */
export const deltaSchemaString = JSON.stringify({
  type: 'struct',
  fields: [
    ['order_id', 'long'],
    ['order_date', 'date'],
    ['region', 'string'],
    ['product', 'string'],
    ['quantity', 'integer'],
    ['unit_price', 'double'],
    ['shipped', 'boolean'],
    ['month', 'integer'],
  ].map(([name, type]) => ({ name, type, nullable: true, metadata: {} })),
});

const ordersOf = (month: number): DeltaOrder[] =>
  salesOrders(month, 40, 500_000 + month * 1_000).map((o) => ({ ...o, month }));

/** The data files of each version: what it adds and which earlier file paths it removes. */
interface Commit {
  operation: 'WRITE' | 'DELETE';
  operationParameters: Record<string, string>;
  adds: DeltaOrder[][];
  removes: number[]; // indexes into the table's files, in order of addition
}

const commits: Commit[] = [
  {
    operation: 'WRITE',
    operationParameters: { mode: 'ErrorIfExists', partitionBy: '["month"]' },
    adds: [ordersOf(1), ordersOf(2)],
    removes: [],
  },
  {
    operation: 'WRITE',
    operationParameters: { mode: 'Append', partitionBy: '[]' },
    adds: [ordersOf(3)],
    removes: [],
  },
  {
    operation: 'DELETE',
    operationParameters: { predicate: '["((month = 1) AND (NOT shipped))"]' },
    adds: [ordersOf(1).filter((o) => o.shipped)],
    removes: [0],
  },
  {
    operation: 'WRITE',
    operationParameters: { mode: 'Append', partitionBy: '[]' },
    adds: [ordersOf(4)],
    removes: [],
  },
];

/** Version of the sample table's checkpoint. */
export const deltaCheckpointVersion = 2;

const commitTime = (version: number) => Date.UTC(2025, 4, 1, 9, 0, 0) + version * 3_600_000;

/** A data file (snappy Parquet) of `orders` without the partition column, as Delta writers store it. */
function dataFile(orders: DeltaOrder[]): Buffer {
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'spark_schema', num_children: 7 },
      { name: 'order_id', repetition_type: 'OPTIONAL', type: 'INT64' },
      { name: 'order_date', repetition_type: 'OPTIONAL', type: 'INT32', converted_type: 'DATE' },
      { name: 'region', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'product', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'quantity', repetition_type: 'OPTIONAL', type: 'INT32' },
      { name: 'unit_price', repetition_type: 'OPTIONAL', type: 'DOUBLE' },
      { name: 'shipped', repetition_type: 'OPTIONAL', type: 'BOOLEAN' },
    ],
    columnData: [
      { name: 'order_id', data: orders.map((o) => BigInt(o.orderId)) },
      { name: 'order_date', data: orders.map((o) => new Date(`${o.orderDate}T00:00:00Z`)) },
      { name: 'region', data: orders.map((o) => o.region) },
      { name: 'product', data: orders.map((o) => o.product) },
      { name: 'quantity', data: orders.map((o) => o.quantity) },
      { name: 'unit_price', data: orders.map((o) => o.unitPrice) },
      { name: 'shipped', data: orders.map((o) => o.shipped) },
    ],
    createdBy: 'lakeshore sample seed',
  });
  return Buffer.from(buffer);
}

/** A deterministic UUID-shaped id from `seed`. */
function uuid(seed: number): string {
  const random = createPrng(seed);
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface TableFile {
  path: string;
  month: number;
  orders: DeltaOrder[];
  body: Buffer;
  version: number;
}

const metaData = {
  id: uuid(1),
  name: 'orders',
  format: { provider: 'parquet', options: {} },
  schemaString: deltaSchemaString,
  partitionColumns: ['month'],
  configuration: {},
  createdTime: commitTime(0),
};
const protocol = { minReaderVersion: 1, minWriterVersion: 2 };

const addOf = (f: TableFile) => ({
  path: f.path,
  partitionValues: { month: String(f.month) },
  size: f.body.length,
  modificationTime: commitTime(f.version),
  dataChange: true,
  stats: JSON.stringify({ numRecords: f.orders.length }),
});
const removeOf = (f: TableFile, version: number) => ({
  path: f.path,
  deletionTimestamp: commitTime(version),
  dataChange: true,
  extendedFileMetadata: true,
  partitionValues: { month: String(f.month) },
  size: f.body.length,
});

function commitInfo(commit: Commit, version: number, added: TableFile[], removed: TableFile[]) {
  const rows = (files: TableFile[]) => files.reduce((n, f) => n + f.orders.length, 0);
  const bytes = (files: TableFile[]) => String(files.reduce((n, f) => n + f.body.length, 0));
  const operationMetrics =
    commit.operation === 'WRITE'
      ? {
          numFiles: String(added.length),
          numOutputRows: String(rows(added)),
          numOutputBytes: bytes(added),
        }
      : {
          numRemovedFiles: String(removed.length),
          numAddedFiles: String(added.length),
          numDeletedRows: String(rows(removed) - rows(added)),
          numCopiedRows: String(rows(added)),
          numRemovedBytes: bytes(removed),
          numAddedBytes: bytes(added),
        };
  return {
    timestamp: commitTime(version),
    operation: commit.operation,
    operationParameters: commit.operationParameters,
    ...(version > 0 ? { readVersion: version - 1 } : {}),
    isolationLevel: 'Serializable',
    isBlindAppend: commit.operation === 'WRITE',
    operationMetrics,
    engineInfo: 'Lakeshore sample seed',
    txnId: uuid(100 + version),
  };
}

const pad = (version: number) => String(version).padStart(20, '0');

/** A seed file: path inside the container and bytes. */
export interface DeltaSeedFile {
  path: string;
  body: Buffer;
}

/**
 * The sample Delta table, deterministic: 0 = create and write months 1 and 2 (two files),
 * 1 = append month 3, 2 = DELETE unshipped orders of month 1 (removes its file, adds a
 * rewritten one), 3 = append month 4; a checkpoint at version 2 and `_last_checkpoint`.
 * Paths are under `deltaTableRoot`.
 */
export function deltaTableFiles(): DeltaSeedFile[] {
  const files: TableFile[] = [];
  const out: DeltaSeedFile[] = [];
  commits.forEach((commit, version) => {
    const added = commit.adds.map((orders, i) => {
      const month = orders[0]?.month ?? 0;
      const path = `month=${month}/part-${String(i).padStart(5, '0')}-${uuid(1000 + version * 10 + i)}.c000.snappy.parquet`;
      return { path, month, orders, body: dataFile(orders), version };
    });
    const removed = commit.removes.map((index) => files[index] as TableFile);
    const actions = [
      { commitInfo: commitInfo(commit, version, added, removed) },
      ...(version === 0 ? [{ protocol }, { metaData }] : []),
      ...removed.map((f) => ({ remove: removeOf(f, version) })),
      ...added.map((f) => ({ add: addOf(f) })),
    ];
    files.push(...added);
    out.push(...added.map((f) => ({ path: `${deltaTableRoot}/${f.path}`, body: f.body })));
    const log = `${actions.map((a) => JSON.stringify(a)).join('\n')}\n`;
    out.push({ path: `${deltaTableRoot}/_delta_log/${pad(version)}.json`, body: Buffer.from(log) });
    if (version === deltaCheckpointVersion) out.push(...checkpointFiles(files, version));
  });
  return out;
}

/** The checkpoint of `version` (active adds plus the tombstones of removed files) and `_last_checkpoint`. */
function checkpointFiles(files: TableFile[], version: number): DeltaSeedFile[] {
  const removedIndexes = new Set(commits.slice(0, version + 1).flatMap((c) => c.removes));
  const big = (n: number) => BigInt(n);
  const rows: CheckpointRow[] = [
    { protocol },
    { metaData: { ...metaData, createdTime: big(metaData.createdTime) } },
    ...files
      .filter((_, i) => !removedIndexes.has(i))
      .map((f) => {
        const add = addOf(f);
        return {
          add: { ...add, size: big(add.size), modificationTime: big(add.modificationTime) },
        };
      }),
    ...files
      .filter((_, i) => removedIndexes.has(i))
      .map((f) => {
        const remove = removeOf(f, version);
        return {
          remove: {
            ...remove,
            size: big(remove.size),
            deletionTimestamp: big(remove.deletionTimestamp),
          },
        };
      }),
  ];
  const log = `${deltaTableRoot}/_delta_log`;
  return [
    { path: `${log}/${pad(version)}.checkpoint.parquet`, body: checkpointParquet(rows) },
    {
      path: `${log}/_last_checkpoint`,
      body: Buffer.from(JSON.stringify({ version, size: rows.length })),
    },
  ];
}

/** The rows of the sample table at `version` (0–3), in the order its active files were added. */
export function deltaTableOrders(version: number): DeltaOrder[] {
  const files: DeltaOrder[][] = [];
  const removed = new Set<number>();
  commits.slice(0, version + 1).forEach((commit) => {
    commit.removes.forEach((i) => removed.add(i));
    files.push(...commit.adds);
  });
  return files.filter((_, i) => !removed.has(i)).flat();
}
