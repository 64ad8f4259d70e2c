import { failWith } from '../../storage/toLakeError.js';

// Delta log actions, as far as a preview needs them. Field names and meanings follow the
// Delta protocol's "Actions" section: https://github.com/delta-io/delta/blob/master/PROTOCOL.md#actions

/** `add`: a data file joins the table. `path` is a URI relative to the table root (or absolute). */
export interface AddAction {
  path: string;
  /** Partition column → value as text; `null` for a null value. */
  partitionValues: Record<string, string | null>;
  /** Bytes. */
  size: number;
  /** Milliseconds since the epoch. */
  modificationTime: number;
  dataChange: boolean;
  /** JSON text with per-file statistics (`numRecords`, min/max values, null counts). */
  stats?: string;
  /** Present when some rows of the file are deleted through a deletion vector. */
  deletionVector?: unknown;
}

/** `remove`: a data file leaves the table (a tombstone). */
export interface RemoveAction {
  path: string;
  /** Milliseconds since the epoch. */
  deletionTimestamp?: number;
  dataChange: boolean;
  size?: number;
}

/** `metaData`: the table's schema, partitioning and configuration. */
export interface MetaDataAction {
  id: string;
  name?: string;
  /** The schema as JSON text (a Spark-style `struct` type). */
  schemaString: string;
  partitionColumns: string[];
  configuration: Record<string, string>;
  createdTime?: number;
}

/** `protocol`: the reader and writer versions (and features) the table needs. */
export interface ProtocolAction {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures?: string[];
}

/** `commitInfo`: free-form provenance of a commit (operation, timestamp, metrics). */
export type CommitInfo = Record<string, unknown>;

/** One action of a commit or checkpoint; actions a preview does not use (`txn`, `cdc`, `domainMetadata`, …) are `other`. */
export type DeltaAction =
  | { kind: 'add'; add: AddAction }
  | { kind: 'remove'; remove: RemoveAction }
  | { kind: 'metaData'; metaData: MetaDataAction }
  | { kind: 'protocol'; protocol: ProtocolAction }
  | { kind: 'commitInfo'; commitInfo: CommitInfo }
  | { kind: 'other' };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number from a JSON number, a bigint (checkpoints) or a numeric string. */
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

/** A string map from a JSON object (or a decoded Parquet map); non-string values become JSON text. */
const stringMap = (v: unknown): Record<string, string> =>
  isObject(v)
    ? Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== null && x !== undefined)
          .map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]),
      )
    : {};

/** Reads one action object; returns a reason text when a known action lacks a required field. */
function toAction(raw: Record<string, unknown>): DeltaAction | string {
  const { add, remove, metaData, protocol, commitInfo } = raw;
  if (isObject(add)) {
    const size = num(add.size);
    if (typeof add.path !== 'string' || size === undefined) return '"add" needs a path and a size';
    const partitionValues = isObject(add.partitionValues)
      ? Object.fromEntries(
          Object.entries(add.partitionValues).map(([k, x]) => [
            k,
            typeof x === 'string' ? x : null,
          ]),
        )
      : {};
    return {
      kind: 'add',
      add: {
        path: add.path,
        partitionValues,
        size,
        modificationTime: num(add.modificationTime) ?? 0,
        dataChange: add.dataChange !== false,
        ...(typeof add.stats === 'string' ? { stats: add.stats } : {}),
        ...(isObject(add.deletionVector) ? { deletionVector: add.deletionVector } : {}),
      },
    };
  }
  if (isObject(remove)) {
    if (typeof remove.path !== 'string') return '"remove" needs a path';
    const deletionTimestamp = num(remove.deletionTimestamp);
    const size = num(remove.size);
    return {
      kind: 'remove',
      remove: {
        path: remove.path,
        dataChange: remove.dataChange !== false,
        ...(deletionTimestamp === undefined ? {} : { deletionTimestamp }),
        ...(size === undefined ? {} : { size }),
      },
    };
  }
  if (isObject(metaData)) {
    if (typeof metaData.schemaString !== 'string') return '"metaData" needs a schemaString';
    const createdTime = num(metaData.createdTime);
    return {
      kind: 'metaData',
      metaData: {
        id: typeof metaData.id === 'string' ? metaData.id : '',
        ...(typeof metaData.name === 'string' ? { name: metaData.name } : {}),
        schemaString: metaData.schemaString,
        partitionColumns: Array.isArray(metaData.partitionColumns)
          ? metaData.partitionColumns.filter((c): c is string => typeof c === 'string')
          : [],
        configuration: stringMap(metaData.configuration),
        ...(createdTime === undefined ? {} : { createdTime }),
      },
    };
  }
  if (isObject(protocol)) {
    const reader = num(protocol.minReaderVersion);
    const writer = num(protocol.minWriterVersion);
    if (reader === undefined || writer === undefined) return '"protocol" needs its versions';
    const features = Array.isArray(protocol.readerFeatures)
      ? protocol.readerFeatures.filter((f): f is string => typeof f === 'string')
      : undefined;
    return {
      kind: 'protocol',
      protocol: {
        minReaderVersion: reader,
        minWriterVersion: writer,
        ...(features ? { readerFeatures: features } : {}),
      },
    };
  }
  if (isObject(commitInfo)) return { kind: 'commitInfo', commitInfo };
  return { kind: 'other' };
}

/**
 * The actions of one JSON commit (`_delta_log/NNNNNNNNNNNNNNNNNNNN.json`, newline-delimited
 * JSON, one action per line; blank lines are skipped). Throws `LakeFailure` `InvalidInput`
 * naming `fileName` and the 1-based line when a line is not a JSON object or a known action
 * lacks a required field.
 */
export function parseCommit(text: string, fileName: string): DeltaAction[] {
  const actions: DeltaAction[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      failWith('InvalidInput', `${fileName} line ${i + 1} is not valid JSON: ${reason}`);
    }
    if (!isObject(raw)) failWith('InvalidInput', `${fileName} line ${i + 1} is not a JSON object`);
    const action = toAction(raw as Record<string, unknown>);
    if (typeof action === 'string')
      failWith('InvalidInput', `${fileName} line ${i + 1}: ${action}`);
    actions.push(action as DeltaAction);
  });
  return actions;
}

/**
 * The actions of checkpoint rows as hyparquet decodes them (one row per action, the action in
 * its struct column, the other columns absent or null; Parquet maps arrive as objects, longs
 * as bigints). Throws `LakeFailure` `InvalidInput` naming `fileName` and the 1-based row when
 * a known action lacks a required field.
 */
export function checkpointActions(
  rows: Record<string, unknown>[],
  fileName: string,
): DeltaAction[] {
  return rows.map((row, i) => {
    const action = toAction(row);
    if (typeof action === 'string') failWith('InvalidInput', `${fileName} row ${i + 1}: ${action}`);
    return action as DeltaAction;
  });
}
