import type { DeltaHistoryEntry } from '../../../shared/contract/preview.js';
import type { AddAction, DeltaAction, MetaDataAction, ProtocolAction } from './actions.js';

/**
 * A table's state while its log is replayed: the latest `metaData` and `protocol`, and the
 * active files by path, in the order they were added. Delta protocol, "Action Reconciliation":
 * https://github.com/delta-io/delta/blob/master/PROTOCOL.md#action-reconciliation
 */
export interface TableState {
  metaData?: MetaDataAction;
  protocol?: ProtocolAction;
  files: Map<string, AddAction>;
}

/** A state with no metadata and no files. */
export const emptyState = (): TableState => ({ files: new Map() });

/**
 * Applies the actions of one commit (or a checkpoint) to `state`, in place: the last
 * `metaData` and `protocol` win; an `add` makes its path active (replacing an earlier add of
 * the same path), a `remove` makes it inactive. Paths are compared after URI decoding, as the
 * protocol asks. Other actions are ignored.
 */
export function applyActions(state: TableState, actions: DeltaAction[]): TableState {
  for (const action of actions) {
    switch (action.kind) {
      case 'metaData':
        state.metaData = action.metaData;
        break;
      case 'protocol':
        state.protocol = action.protocol;
        break;
      case 'add': {
        const key = pathKey(action.add.path);
        state.files.delete(key);
        state.files.set(key, action.add);
        break;
      }
      case 'remove':
        state.files.delete(pathKey(action.remove.path));
        break;
      default:
        break;
    }
  }
  return state;
}

/** A path as the key it is reconciled by: URI-decoded (left as is when it is not valid URI encoding). */
export function pathKey(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Active files and their bytes (sum of `add.size`). */
export function stateTotals(state: TableState): { fileCount: number; totalBytes: number } {
  let totalBytes = 0;
  for (const add of state.files.values()) totalBytes += add.size;
  return { fileCount: state.files.size, totalBytes };
}

const metric = (metrics: unknown, names: string[]): number | undefined => {
  if (typeof metrics !== 'object' || metrics === null) return undefined;
  for (const name of names) {
    const v = (metrics as Record<string, unknown>)[name];
    const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : Number.NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
};

/** `stats.numRecords` summed over the adds, or undefined when any add lacks it. */
function recordsFromStats(adds: AddAction[]): number | undefined {
  let total = 0;
  for (const add of adds) {
    try {
      const n = (JSON.parse(add.stats ?? '{}') as { numRecords?: unknown }).numRecords;
      if (typeof n !== 'number') return undefined;
      total += n;
    } catch {
      return undefined;
    }
  }
  return total;
}

/**
 * The history entry of commit `version` from its actions: operation, parameters and timestamp
 * from `commitInfo` (else `UNKNOWN` and `fileTime`, an ISO time); files and bytes counted from
 * the `add`/`remove` actions; rows added as recorded in `commitInfo.operationMetrics`
 * (`numOutputRows`, else copied plus inserted rows, as DELETE/UPDATE/MERGE record them), else
 * the adds' `stats.numRecords` summed; rows removed from `numDeletedRows`/`numTargetRowsDeleted`.
 */
export function historyEntry(
  version: number,
  actions: DeltaAction[],
  fileTime: string,
): DeltaHistoryEntry {
  const adds: AddAction[] = [];
  let filesRemoved = 0;
  let info: Record<string, unknown> | undefined;
  for (const action of actions) {
    if (action.kind === 'add') adds.push(action.add);
    else if (action.kind === 'remove') filesRemoved += 1;
    else if (action.kind === 'commitInfo') info = action.commitInfo;
  }
  const metrics = info?.operationMetrics;
  const written = metric(metrics, ['numOutputRows']);
  const copied = metric(metrics, ['numCopiedRows']);
  const inserted = metric(metrics, ['numTargetRowsInserted', 'numAddedRows']);
  const recorded =
    written ??
    (copied !== undefined || inserted !== undefined ? (copied ?? 0) + (inserted ?? 0) : undefined);
  const rowsAdded = recorded ?? (adds.length > 0 ? recordsFromStats(adds) : 0);
  const rowsRemoved = metric(metrics, ['numDeletedRows', 'numTargetRowsDeleted']);
  const params = info?.operationParameters;
  const timestamp = typeof info?.timestamp === 'number' ? new Date(info.timestamp) : undefined;
  return {
    version,
    timestamp: timestamp && !Number.isNaN(timestamp.getTime()) ? timestamp.toISOString() : fileTime,
    operation: typeof info?.operation === 'string' ? info.operation : 'UNKNOWN',
    operationParameters:
      typeof params === 'object' && params !== null
        ? Object.fromEntries(
            Object.entries(params).map(([k, v]) => [
              k,
              typeof v === 'string' ? v : JSON.stringify(v),
            ]),
          )
        : {},
    ...(rowsAdded === undefined ? {} : { rowsAdded }),
    ...(rowsRemoved === undefined ? {} : { rowsRemoved }),
    filesAdded: adds.length,
    filesRemoved,
    bytesAdded: adds.reduce((sum, add) => sum + add.size, 0),
  };
}
