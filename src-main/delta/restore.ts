import type { ContainerClient } from '@azure/storage-blob';
import type { AddAction } from '../preview/delta/actions.js';
import { logPrefix } from '../preview/delta/deltaLog.js';
import { pathKey } from '../preview/delta/replay.js';
import { readTableAtVersion } from '../preview/delta/tableAtVersion.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';

/** A RESTORE ready to commit: the next version and the commit's NDJSON text. */
export interface RestorePlan {
  directory: string;
  /** The version restored to. */
  version: number;
  /** The version the table was at when planned. */
  fromVersion: number;
  /** The version the commit creates: `fromVersion + 1`. */
  commitVersion: number;
  filesAdded: number;
  filesRemoved: number;
  /** The commit file's body, one action per line. */
  commit: string;
}

const commitName = (directory: string, version: number) =>
  `${logPrefix(directory)}${String(version).padStart(20, '0')}.json`;

/**
 * Plans RESTORE of the table at `directory` to `version`, as the Delta protocol's action
 * reconciliation defines it (https://github.com/delta-io/delta/blob/master/PROTOCOL.md#actions):
 * the next commit removes every file active now and not at `version` (`remove` with
 * `dataChange: true` and a `deletionTimestamp` of `now`) and adds back every file active at
 * `version` and not now (its `add` as it was, `dataChange: true`), restores `metaData` when it
 * differs, and records `commitInfo` with operation `RESTORE`. Throws `InvalidInput` for the
 * latest version itself or a version not in the log, `NotFound` when a file the version needs
 * was vacuumed (nothing is planned), `InvalidInput` for files with deletion vectors.
 */
export async function planRestore(
  container: ContainerClient,
  directory: string,
  version: number,
  signal: AbortSignal,
  now = Date.now(),
): Promise<RestorePlan> {
  const latest = await readTableAtVersion(container, directory, { signal, withHistory: false });
  if (version >= latest.plan.latestVersion)
    failWith(
      'InvalidInput',
      `Version ${version} is the latest or newer (${latest.plan.latestVersion}); restore to an earlier one.`,
    );
  const target = await readTableAtVersion(container, directory, {
    version,
    signal,
    withHistory: false,
  });
  if (target.plan.version !== version)
    failWith(
      'InvalidInput',
      `Version ${version} cannot be rebuilt from the log: ${target.plan.notes.join(' ')}`,
    );
  const present = new Set<string>();
  for await (const blob of container.listBlobsFlat({
    prefix: `${directory}/`,
    abortSignal: signal,
  }))
    present.add(blob.name);
  const missing = [...target.state.files.values()].filter(
    (a) => !present.has(`${directory}/${pathKey(a.path)}`),
  );
  if (missing.length > 0)
    failWith(
      'NotFound',
      `Version ${version} cannot be restored: ${missing.length} of its files were vacuumed or deleted (${missing
        .slice(0, 3)
        .map((a) => a.path)
        .join(', ')}).`,
    );
  const adds: AddAction[] = [...target.state.files.entries()]
    .filter(([k]) => !latest.state.files.has(k))
    .map(([, a]) => a);
  const removes = [...latest.state.files.entries()]
    .filter(([k]) => !target.state.files.has(k))
    .map(([, a]) => a);
  if ([...adds, ...removes].some((a) => a.deletionVector))
    failWith('InvalidInput', 'The table uses deletion vectors, which Lakeshore does not restore.');
  const lines: unknown[] = [
    {
      commitInfo: {
        timestamp: now,
        operation: 'RESTORE',
        operationParameters: { version, timestamp: null },
        readVersion: latest.plan.latestVersion,
        isBlindAppend: false,
        engineInfo: 'Lakeshore',
        operationMetrics: {
          numRemovedFile: String(removes.length),
          numRestoredFile: String(adds.length),
        },
      },
    },
  ];
  const metaNow = latest.state.metaData;
  const metaThen = target.state.metaData;
  if (metaThen && JSON.stringify(metaThen) !== JSON.stringify(metaNow))
    lines.push({ metaData: { ...metaThen, format: { provider: 'parquet', options: {} } } });
  for (const r of removes)
    lines.push({
      remove: {
        path: r.path,
        deletionTimestamp: now,
        dataChange: true,
        extendedFileMetadata: true,
        partitionValues: r.partitionValues,
        size: r.size,
      },
    });
  for (const a of adds) lines.push({ add: { ...a, dataChange: true } });
  return {
    directory,
    version,
    fromVersion: latest.plan.latestVersion,
    commitVersion: latest.plan.latestVersion + 1,
    filesAdded: adds.length,
    filesRemoved: removes.length,
    commit: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  };
}

/**
 * Writes `plan`'s commit as `_delta_log/<commitVersion>.json` only if no such file exists (Put
 * Blob with `If-None-Match: *`, https://learn.microsoft.com/rest/api/storageservices/specifying-conditional-headers-for-blob-service-operations),
 * the Delta protocol's mutual exclusion for commits. A concurrent writer's commit of that version
 * makes it reject with `Conflict`, writing nothing.
 */
export async function commitRestore(
  container: ContainerClient,
  plan: RestorePlan,
  signal: AbortSignal,
): Promise<void> {
  const body = Buffer.from(plan.commit, 'utf8');
  try {
    await container
      .getBlockBlobClient(commitName(plan.directory, plan.commitVersion))
      .upload(body, body.length, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
        abortSignal: signal,
      });
  } catch (e) {
    const error = toLakeError(e);
    if (error.code === 'AlreadyExists' || error.status === 409 || error.status === 412)
      failWith(
        'Conflict',
        `Another writer committed version ${plan.commitVersion} of the table meanwhile; nothing was written. Run restore again to restore from the new latest version.`,
      );
    throw e;
  }
}
