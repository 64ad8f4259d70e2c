import type { ContainerClient } from '@azure/storage-blob';
import type { DeltaPreview } from '../../../shared/contract/preview.js';
import { runPool } from '../../platform/runPool.js';
import { failWith } from '../../storage/toLakeError.js';
import { abortFailure, createRangeReader, type RangeReader } from '../rangeReader.js';
import type { DeltaAction } from './actions.js';
import { readDataRows } from './dataRows.js';
import { listDeltaLog, type LogFile } from './deltaLog.js';
import { readCheckpoint, readCommit, readLastCheckpoint } from './logFiles.js';
import { planReplay } from './plan.js';
import { applyActions, emptyState, historyEntry, stateTotals } from './replay.js';
import { deltaColumn, parseSchema } from './schema.js';

/** What to show of a Delta table; see `previewDelta`. */
export interface DeltaPreviewOptions {
  /** Version to show (time travel); default the latest. */
  version?: number;
  /** Rows to read from the active data files (the contract allows 1–1,000). */
  maxRows: number;
  /** Aborting it stops the preview with a `Cancelled` failure and aborts the request in flight. */
  signal?: AbortSignal;
}

/** Commit files read at once. */
const logConcurrency = 8;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Previews the Delta table whose root is `directory` (no trailing `/`) at `options.version`
 * (Delta protocol: https://github.com/delta-io/delta/blob/master/PROTOCOL.md). Lists
 * `_delta_log/`, reads `_last_checkpoint` when present, starts from the newest single-part
 * Parquet checkpoint at or before the version, replays the JSON commits after it (add minus
 * remove by path; the last `metaData` gives the schema), reads the `commitInfo` of the newest
 * 100 commits for the history, then the first `maxRows` rows of the active Parquet files with
 * ranged reads. A commit missing from the sequence gives a partial preview up to the version
 * before it, with a note. Throws `LakeFailure`: `NotFound` when there is no log;
 * `InvalidInput` for a version past the latest or not rebuildable, a malformed commit line
 * (naming the file and line), an unreadable checkpoint or schema, or a version with no
 * `metaData`; `Cancelled` (or the signal's `LakeFailure` reason) on abort. SDK errors propagate.
 */
export async function previewDelta(
  container: ContainerClient,
  directory: string,
  options: DeltaPreviewOptions,
): Promise<DeltaPreview> {
  const signal = options.signal ?? new AbortController().signal;
  try {
    return await buildDeltaPreview(container, directory, options, signal);
  } catch (err) {
    if (signal.aborted) throw abortFailure(signal);
    throw err;
  }
}

async function buildDeltaPreview(
  container: ContainerClient,
  directory: string,
  options: DeltaPreviewOptions,
  signal: AbortSignal,
): Promise<DeltaPreview> {
  const readers: RangeReader[] = [];
  const open = (name: string, size: number) => {
    const reader = createRangeReader(container.getBlobClient(name), size, signal);
    readers.push(reader);
    return reader;
  };
  const listing = await listDeltaLog(container, directory, signal);
  const hint = listing.lastCheckpoint
    ? await readLastCheckpoint(open(listing.lastCheckpoint.name, listing.lastCheckpoint.size))
    : undefined;
  const plan = planReplay(
    new Set(listing.commits.keys()),
    new Set(listing.checkpoints.keys()),
    options.version,
    hint,
  );

  const commitActions = new Map<number, DeltaAction[]>();
  const needed = [...new Set([...plan.replay, ...plan.history])];
  await runPool(needed, logConcurrency, async (v) => {
    const file = listing.commits.get(v) as LogFile;
    commitActions.set(v, await readCommit(open(file.name, file.size), baseName(file.name)));
  });

  const state = emptyState();
  if (plan.checkpoint !== undefined) {
    const file = listing.checkpoints.get(plan.checkpoint) as LogFile;
    applyActions(state, await readCheckpoint(open(file.name, file.size), baseName(file.name)));
  }
  for (const v of plan.replay) applyActions(state, commitActions.get(v) ?? []);
  const metaData = state.metaData;
  if (!metaData) {
    return failWith('InvalidInput', `Version ${plan.version} of the table has no metaData action.`);
  }
  const fields = parseSchema(metaData.schemaString, `the metaData of version ${plan.version}`);
  const schema = fields.map(deltaColumn);

  const history = plan.history.map((v) =>
    historyEntry(v, commitActions.get(v) ?? [], (listing.commits.get(v) as LogFile).lastModified),
  );
  const data = await readDataRows(
    directory,
    [...state.files.values()],
    fields,
    metaData.partitionColumns,
    options.maxRows,
    open,
  );
  return {
    kind: 'delta',
    name: baseName(directory),
    directory,
    version: plan.version,
    latestVersion: plan.latestVersion,
    schema,
    partitionColumns: metaData.partitionColumns,
    history,
    ...stateTotals(state),
    columns: schema,
    rows: data.rows,
    truncated: data.truncated,
    notes: [...plan.notes, ...data.notes],
    ...(plan.checkpoint === undefined ? {} : { checkpoint: plan.checkpoint }),
    bytesRead: readers.reduce((sum, r) => sum + r.bytesRead, 0),
  };
}
