import type { ContainerClient } from '@azure/storage-blob';
import type { DeltaPreview } from '../../../shared/contract/preview.js';
import { failWith } from '../../storage/toLakeError.js';
import { abortFailure } from '../rangeReader.js';
import { readDataRows } from './dataRows.js';
import type { LogFile } from './deltaLog.js';
import { historyEntry, stateTotals } from './replay.js';
import { deltaColumn, parseSchema } from './schema.js';
import { readTableAtVersion } from './tableAtVersion.js';

/** What to show of a Delta table; see `previewDelta`. */
export interface DeltaPreviewOptions {
  /** Version to show (time travel); default the latest. */
  version?: number;
  /** Rows to read from the active data files (the contract allows 1–1,000). */
  maxRows: number;
  /** Aborting it stops the preview with a `Cancelled` failure and aborts the request in flight. */
  signal?: AbortSignal;
}

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
  const { listing, plan, state, commitActions, open, bytesRead } = await readTableAtVersion(
    container,
    directory,
    {
      ...(options.version === undefined ? {} : { version: options.version }),
      signal,
      withHistory: true,
    },
  );
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
    bytesRead: bytesRead(),
  };
}
