import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QuerySaveProgress } from '../../shared/contract/index.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import type { ParquetCodec } from './convertFile.js';
import { prepareView, type QueryDeps } from './runQuery.js';
import { uploadThroughEngine } from './uploadThroughEngine.js';
import { sqlString } from './viewSql.js';

/** Formats a query's result is saved as. */
export const resultFormats = ['csv', 'parquet'] as const;
export type ResultFormat = (typeof resultFormats)[number];

/** Where a result goes: a local file (absolute path), or a blob of any container of any account. */
export type SaveDestination =
  { kind: 'local'; file: string } | { kind: 'blob'; container: ContainerClient; blobName: string };

/** How to save; see `saveQueryResult`. */
export interface SaveOptions {
  format: ResultFormat;
  /** Parquet only; default zstd. */
  codec?: ParquetCodec;
  /** Delta time travel. */
  version?: number;
  /** Replace what is at the destination; default false (`AlreadyExists`). */
  overwrite?: boolean;
  signal?: AbortSignal;
  /** Told how far the save is (`writing`, then `uploading` for a blob): see `QuerySaveProgress`. */
  onProgress?: (progress: QuerySaveProgress) => void;
}

/** What was saved: all the result's rows, and the bytes of the file written. */
export interface SaveReport {
  rowsWritten: number;
  bytes: number;
}

/** The query as one statement to wrap in `COPY (…)`: its trailing semicolons and blanks dropped. */
export const asSubquery = (sql: string): string => sql.trim().replace(/[;\s]+$/, '');

/** A destination as the user names it: the local path, or `<container>/<blob>`. */
export const destinationText = (d: SaveDestination): string =>
  d.kind === 'local' ? d.file : `${d.container.containerName}/${d.blobName}`;

async function exists(destination: SaveDestination, signal: AbortSignal): Promise<boolean> {
  if (destination.kind === 'blob')
    return destination.container
      .getBlobClient(destination.blobName)
      .exists({ abortSignal: signal });
  return stat(destination.file).then(
    () => true,
    () => false,
  );
}

async function localParentReady(file: string): Promise<void> {
  if (!path.isAbsolute(file))
    failWith('InvalidInput', `${file} is not an absolute path; give the whole path of the file.`);
  const parent = await stat(path.dirname(file)).catch(() => undefined);
  if (!parent?.isDirectory())
    failWith(
      'NotFound',
      `The folder ${path.dirname(file)} does not exist; create it or choose another folder.`,
    );
}

/**
 * Saves all rows of `sql` over what `path` in `container` names (view `t`, see `prepareView`)
 * as CSV (RFC 4180, header row) or Parquet (`codec`) to `destination`: DuckDB writes the file
 * (`COPY (sql) TO`, https://duckdb.org/docs/sql/statements/copy) beside a local destination
 * as `<name>.lakeshore-part`, renamed to the name once complete, or into a temporary folder
 * for a blob, which is then uploaded through the transfer engine (the blob appears only when
 * complete). Cancelling or a failure leaves nothing under the destination's name. Rejects with
 * `AlreadyExists` when the destination exists and `overwrite` is not set, `NotFound` for a
 * local folder that does not exist, `InvalidInput` with DuckDB's message (a query that is not
 * one statement returning rows), `Cancelled`, and the service's errors. `onProgress` is told
 * how far it is (`QuerySaveProgress`).
 */
export async function saveQueryResult(
  deps: QueryDeps,
  container: ContainerClient,
  sourcePath: string,
  sql: string,
  destination: SaveDestination,
  options: SaveOptions,
): Promise<SaveReport> {
  const signal = options.signal ?? new AbortController().signal;
  if (destination.kind === 'local') await localParentReady(destination.file);
  if (!options.overwrite && (await exists(destination, signal)))
    failWith(
      'AlreadyExists',
      `${destinationText(destination)} exists; nothing was written. Choose another name, or replace it.`,
    );
  const { viewSql } = await prepareView(deps, container, sourcePath, {
    signal,
    ...(options.version === undefined ? {} : { version: options.version }),
  });
  const work =
    destination.kind === 'blob'
      ? await mkdtemp(path.join(os.tmpdir(), 'lakeshore-result-'))
      : undefined;
  const out =
    destination.kind === 'local'
      ? `${destination.file}.lakeshore-part`
      : path.join(work!, `result.${options.format}`);
  const format =
    options.format === 'csv'
      ? 'FORMAT csv, HEADER true'
      : `FORMAT parquet, COMPRESSION ${options.codec ?? 'zstd'}`;
  const progress = options.onProgress;
  try {
    progress?.({ phase: 'writing' });
    const copy = await deps.engine.run(
      [viewSql, `COPY (${asSubquery(sql)}) TO ${sqlString(out)} (${format})`],
      {
        maxRows: 1,
        signal,
        ...(progress
          ? { onProgress: (fraction: number) => progress({ phase: 'writing', fraction }) }
          : {}),
      },
    );
    const rowsWritten = Number(copy.rows[0]?.[0] ?? 0);
    const bytes = (await stat(out)).size;
    if (signal.aborted)
      throw new LakeFailure({ code: 'Cancelled', message: 'Saving was cancelled.' });
    if (destination.kind === 'local') await rename(out, destination.file);
    else {
      let sent = -1;
      const sending = (bytesSent: number) => {
        if (bytesSent <= sent) return;
        sent = bytesSent;
        progress?.({ phase: 'uploading', bytesSent, bytes });
      };
      sending(0);
      await uploadThroughEngine(
        destination.container,
        out,
        destination.blobName,
        signal,
        'Saving was cancelled; nothing was written.',
        progress ? sending : undefined,
      );
      sending(bytes);
    }
    return { rowsWritten, bytes };
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
    else await rm(out, { force: true });
  }
}
