import type { ContainerClient } from '@azure/storage-blob';
import { runPool } from '../platform/runPool.js';
import { failWith } from '../storage/toLakeError.js';
import { createRangeReader } from '../preview/rangeReader.js';
import type { DeltaAction } from '../preview/delta/actions.js';
import { logPrefix } from '../preview/delta/deltaLog.js';
import { readCheckpoint, readCommit } from '../preview/delta/logFiles.js';
import { pathKey } from '../preview/delta/replay.js';
import { readTableAtVersion } from '../preview/delta/tableAtVersion.js';

/** Delta's default retention (`delta.deletedFileRetentionDuration`, 7 days), in hours. */
export const defaultRetentionHours = 7 * 24;

/** What a VACUUM would delete, and the versions time travel loses. Bytes in bytes. */
export interface VacuumPlan {
  directory: string;
  retentionHours: number;
  /** ISO time before which unreferenced files go. */
  cutoff: string;
  files: { name: string; size: number }[];
  bytes: number;
  /** Versions whose commits are older than the cutoff (they may no longer read once vacuumed), except the latest. */
  versionsLost: number[];
}

/**
 * Plans a VACUUM of the table at `directory` (Delta protocol "Vacuum" and the
 * `deletedFileRetentionDuration` rule: https://github.com/delta-io/delta/blob/master/PROTOCOL.md):
 * a data file may go when no version within the retention references it, that is when it is
 * not active at the latest version, not removed by a commit (or a checkpoint tombstone) newer
 * than the cutoff, and itself last modified before the cutoff (so a writer's uncommitted file
 * survives). Never anything under `_delta_log/`, nor files or folders whose names start with
 * `_` or `.` (Delta's hidden files). Times from `now` (ms). Throws what the replay throws.
 */
export async function planVacuum(
  container: ContainerClient,
  directory: string,
  retentionHours: number,
  signal: AbortSignal,
  now = Date.now(),
): Promise<VacuumPlan> {
  const cutoffMs = now - retentionHours * 3_600_000;
  const { listing, plan, state } = await readTableAtVersion(container, directory, {
    signal,
    withHistory: false,
  });
  const referenced = new Set(
    [...state.files.values()].map((a) => `${directory}/${pathKey(a.path)}`),
  );
  const removes = (actions: DeltaAction[], cutoffFor: (deletion?: number) => boolean) => {
    for (const a of actions)
      if (a.kind === 'remove' && cutoffFor(a.remove.deletionTimestamp))
        referenced.add(`${directory}/${pathKey(a.remove.path)}`);
  };
  const recent = [...listing.commits.entries()].filter(
    ([, f]) => Date.parse(f.lastModified) >= cutoffMs,
  );
  await runPool(recent, 8, async ([, f]) =>
    removes(
      await readCommit(createRangeReader(container.getBlobClient(f.name), f.size, signal), f.name),
      () => true,
    ),
  );
  if (plan.checkpoint !== undefined) {
    const f = listing.checkpoints.get(plan.checkpoint)!;
    removes(
      await readCheckpoint(
        createRangeReader(container.getBlobClient(f.name), f.size, signal),
        f.name,
      ),
      (deletion) => deletion === undefined || deletion >= cutoffMs,
    );
  }
  const files: { name: string; size: number }[] = [];
  const log = logPrefix(directory);
  for await (const blob of container.listBlobsFlat({
    prefix: `${directory}/`,
    abortSignal: signal,
  })) {
    if (blob.name.startsWith(log)) continue;
    const relative = blob.name.slice(directory.length + 1);
    if (relative.split('/').some((s) => s.startsWith('_') || s.startsWith('.'))) continue;
    if (blob.metadata?.hdi_isfolder === 'true' || referenced.has(blob.name)) continue;
    if (blob.properties.lastModified.getTime() >= cutoffMs) continue;
    files.push({ name: blob.name, size: blob.properties.contentLength ?? 0 });
  }
  return {
    directory,
    retentionHours,
    cutoff: new Date(cutoffMs).toISOString(),
    files,
    bytes: files.reduce((n, f) => n + f.size, 0),
    versionsLost: [...listing.commits.entries()]
      .filter(([v, f]) => v !== plan.latestVersion && Date.parse(f.lastModified) < cutoffMs)
      .map(([v]) => v)
      .sort((a, b) => a - b),
  };
}

/**
 * Deletes the files of `plan`, 16 at once, telling `onDeleted` the count so far and the bytes of
 * the file just deleted. Rejects with the first failure (files deleted before it stay deleted),
 * or `Cancelled` once `signal` aborts: no delete starts after it, and those on their way are not
 * aborted but finish and are counted (an aborted Delete Blob may still have been applied), so
 * the count is what was deleted.
 */
export async function runVacuum(
  container: ContainerClient,
  plan: VacuumPlan,
  signal: AbortSignal,
  onDeleted: (done: number, bytes: number) => void = () => {},
): Promise<number> {
  let done = 0;
  await runPool(plan.files, 16, async (f) => {
    if (signal.aborted) failWith('Cancelled', 'Cancelled.');
    await container.getBlobClient(f.name).deleteIfExists();
    onDeleted(++done, f.size);
  });
  return done;
}
