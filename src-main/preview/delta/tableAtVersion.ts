import type { ContainerClient } from '@azure/storage-blob';
import { runPool } from '../../platform/runPool.js';
import { createRangeReader, type RangeReader } from '../rangeReader.js';
import type { DeltaAction } from './actions.js';
import { listDeltaLog, type DeltaLogListing, type LogFile } from './deltaLog.js';
import { readCheckpoint, readCommit, readLastCheckpoint } from './logFiles.js';
import { planReplay, type ReplayPlan } from './plan.js';
import { applyActions, emptyState, type TableState } from './replay.js';

/** A Delta table replayed to one version: its log listing, the plan followed, the state reached, and the commits read. */
export interface TableAtVersion {
  listing: DeltaLogListing;
  plan: ReplayPlan;
  /** `metaData`, `protocol` and the active files at `plan.version`. */
  state: TableState;
  /** The actions of every commit read (those replayed, and those of the history when asked). */
  commitActions: Map<number, DeltaAction[]>;
  /** Opens a range reader on a blob of the container (counted in `bytesRead`). */
  open(name: string, size: number): RangeReader;
  /** Bytes read so far through `open`. */
  bytesRead(): number;
}

/** Commit files read at once. */
const logConcurrency = 8;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Replays the log of the Delta table at `directory` (no trailing `/`) to `version` (default the
 * latest), as the Delta protocol's "Action Reconciliation" asks
 * (https://github.com/delta-io/delta/blob/master/PROTOCOL.md#action-reconciliation): lists
 * `_delta_log/`, reads `_last_checkpoint` when present, starts from the newest single-part
 * checkpoint at or before the version (`planReplay`) and applies the JSON commits after it.
 * With `withHistory` the commits of the history (`plan.history`) are read too. Throws what
 * `planReplay`, `readCommit` and `readCheckpoint` throw; SDK and abort errors propagate.
 */
export async function readTableAtVersion(
  container: ContainerClient,
  directory: string,
  options: { version?: number; signal: AbortSignal; withHistory: boolean },
): Promise<TableAtVersion> {
  const readers: RangeReader[] = [];
  const open = (name: string, size: number) => {
    const reader = createRangeReader(container.getBlobClient(name), size, options.signal);
    readers.push(reader);
    return reader;
  };
  const listing = await listDeltaLog(container, directory, options.signal);
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
  const needed = [...new Set([...plan.replay, ...(options.withHistory ? plan.history : [])])];
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
  return {
    listing,
    plan,
    state,
    commitActions,
    open,
    bytesRead: () => readers.reduce((sum, r) => sum + r.bytesRead, 0),
  };
}
