import type { ContainerClient } from '@azure/storage-blob';

// File names of a Delta log, from "Delta Log Entries" and "Checkpoints" in
// https://github.com/delta-io/delta/blob/master/PROTOCOL.md#delta-log-entries

/** One blob of `_delta_log/`: full blob name, bytes and last-modified time (ISO 8601). */
export interface LogFile {
  name: string;
  size: number;
  lastModified: string;
}

/** What `_delta_log/` holds: JSON commits and single-part Parquet checkpoints by version, and `_last_checkpoint`. */
export interface DeltaLogListing {
  commits: Map<number, LogFile>;
  checkpoints: Map<number, LogFile>;
  lastCheckpoint?: LogFile;
}

const commitName = /^(\d{20})\.json$/;
const checkpointName = /^(\d{20})\.checkpoint\.parquet$/;

/** The `_delta_log/` prefix of the table at `directory` (no trailing `/`). */
export const logPrefix = (directory: string): string => `${directory}/_delta_log/`;

/** Sorts a blob of the log into the listing (ignores CRC files, multi-part and V2 checkpoints, and anything else). */
function classify(listing: DeltaLogListing, file: LogFile, prefix: string): void {
  const base = file.name.slice(prefix.length);
  if (base === '_last_checkpoint') {
    listing.lastCheckpoint = file;
    return;
  }
  const commit = commitName.exec(base);
  if (commit?.[1]) listing.commits.set(Number(commit[1]), file);
  const checkpoint = checkpointName.exec(base);
  if (checkpoint?.[1]) listing.checkpoints.set(Number(checkpoint[1]), file);
}

/** Lists `_delta_log/` of the table at `directory` (one flat listing by prefix). SDK errors propagate. */
export async function listDeltaLog(
  container: ContainerClient,
  directory: string,
  signal?: AbortSignal,
): Promise<DeltaLogListing> {
  const prefix = logPrefix(directory);
  const listing: DeltaLogListing = { commits: new Map(), checkpoints: new Map() };
  for await (const blob of container.listBlobsFlat({
    prefix,
    ...(signal ? { abortSignal: signal } : {}),
  })) {
    classify(
      listing,
      {
        name: blob.name,
        size: blob.properties.contentLength ?? 0,
        lastModified: blob.properties.lastModified.toISOString(),
      },
      prefix,
    );
  }
  return listing;
}

/**
 * Whether `directory` (no trailing `/`) is a Delta table: its `_delta_log/` holds at least one
 * JSON commit or a `_last_checkpoint`. Stops listing at the first such blob. SDK errors propagate.
 */
export async function isDeltaTable(
  container: ContainerClient,
  directory: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const prefix = logPrefix(directory);
  for await (const blob of container.listBlobsFlat({
    prefix,
    ...(signal ? { abortSignal: signal } : {}),
  })) {
    const base = blob.name.slice(prefix.length);
    if (base === '_last_checkpoint' || commitName.test(base)) return true;
  }
  return false;
}
