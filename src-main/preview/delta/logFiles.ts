import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { rangedAsyncBuffer } from '../parquet.js';
import { compressors } from 'hyparquet-compressors';
import { failWith } from '../../storage/toLakeError.js';
import type { RangeReader } from '../rangeReader.js';
import { checkpointActions, parseCommit, type DeltaAction } from './actions.js';

/** Largest log file (commit JSON or checkpoint) a preview reads: 64 MiB. */
export const maxLogFileBytes = 64 * 1024 * 1024;

/** Checkpoint columns a preview replays; `txn`, `commitInfo`, `domainMetadata`, … are not read. */
const checkpointColumns = ['protocol', 'metaData', 'add', 'remove'];

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function checkSize(reader: RangeReader, fileName: string): void {
  if (reader.size > maxLogFileBytes) {
    failWith(
      'InvalidInput',
      `${fileName} is ${Math.ceil(reader.size / 1024 / 1024)} MiB, over the ${maxLogFileBytes / 1024 / 1024} MiB limit for a Delta log file.`,
    );
  }
}

/** The actions of a JSON commit read whole through `reader`. Throws `InvalidInput` for a malformed line or an oversized file; storage errors propagate. */
export async function readCommit(reader: RangeReader, fileName: string): Promise<DeltaAction[]> {
  checkSize(reader, fileName);
  const bytes = await reader.read(0, reader.size);
  return parseCommit(new TextDecoder().decode(bytes), fileName);
}

/**
 * The version `_last_checkpoint` names (`{"version":N,"size":M,…}`, Delta protocol "Last
 * Checkpoint File"), or undefined when it is not such JSON. Storage errors propagate.
 */
export async function readLastCheckpoint(reader: RangeReader): Promise<number | undefined> {
  const bytes = await reader.read(0, Math.min(reader.size, 64 * 1024));
  try {
    const version = (JSON.parse(new TextDecoder().decode(bytes)) as { version?: unknown }).version;
    return typeof version === 'number' && Number.isInteger(version) && version >= 0
      ? version
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The actions of a single-part Parquet checkpoint (Delta protocol "Checkpoint Schema": one row
 * per action, each action a nested struct column), reading its `protocol`, `metaData`, `add`
 * and `remove` columns with ranged requests. Throws `InvalidInput` naming `fileName` when it
 * is not readable Parquet or oversized; storage and abort errors propagate.
 */
export async function readCheckpoint(
  reader: RangeReader,
  fileName: string,
): Promise<DeltaAction[]> {
  checkSize(reader, fileName);
  const { file, failure } = rangedAsyncBuffer(reader);
  let rows: Record<string, unknown>[];
  try {
    const metadata = await parquetMetadataAsync(file);
    const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
    const columns = checkpointColumns.filter((c) => present.has(c));
    rows = await parquetReadObjects({ file, metadata, columns, compressors });
  } catch (err) {
    if (failure() !== undefined) throw failure();
    return failWith('InvalidInput', `${fileName} is not a readable checkpoint: ${messageOf(err)}`);
  }
  return checkpointActions(rows, fileName);
}
