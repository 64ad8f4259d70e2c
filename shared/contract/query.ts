import { z } from 'zod';
import {
  blobPathSchema,
  connectionIdSchema,
  containerNameSchema,
  directoryPathSchema,
} from './paths.js';
import type { Cell, ColumnType } from './preview.js';
import { localPathSchema } from './transfers.js';

/** Most rows a `query.run` answer carries (all rows are counted in `rowCount`). */
export const maxQueryRows = 10_000;

/**
 * Run SQL (DuckDB) over what `path` names — a CSV/TSV, NDJSON/JSON or Parquet file, a folder of
 * them, or a Delta table at `version` — registered as the view `t`. `queryId` (chosen by the
 * caller) is what `query.cancel` stops.
 */
export const queryRunArgsSchema = z
  .object({
    connectionId: connectionIdSchema,
    container: containerNameSchema,
    path: directoryPathSchema,
    sql: z.string().min(1).max(100_000),
    version: z.number().int().min(0).optional(),
    queryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    maxRows: z.number().int().min(1).max(maxQueryRows).optional(),
  })
  .strict();
/** `queryRunArgsSchema` as the caller writes it. */
export type QueryRunArgs = z.input<typeof queryRunArgsSchema>;

/** Where `query.save` writes: a local file (absolute path), or a blob of any connection. */
export const saveDestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: localPathSchema }).strict(),
  z
    .object({
      kind: z.literal('remote'),
      connectionId: connectionIdSchema,
      container: containerNameSchema,
      path: blobPathSchema.refine((p) => !p.endsWith('/'), {
        message: 'A blob name, not a folder',
      }),
    })
    .strict(),
]);
/** `saveDestinationSchema` as the caller writes it. */
export type SaveDestinationArgs = z.input<typeof saveDestinationSchema>;

/**
 * Runs the query of `query.run` and saves every row of its result as CSV (header row) or
 * Parquet (`codec`, default zstd) to `destination`; a blob goes through the transfer engine and
 * appears under its name only when complete, a local file is renamed into place once written.
 * `AlreadyExists` when something is there and `overwrite` is not set; `query.cancel` with
 * `queryId` stops it, leaving nothing under the name.
 */
export const querySaveArgsSchema = queryRunArgsSchema
  .omit({ maxRows: true })
  .extend({
    format: z.enum(['csv', 'parquet']),
    codec: z.enum(['zstd', 'snappy']).optional(),
    destination: saveDestinationSchema,
    overwrite: z.boolean().optional(),
  })
  .strict();
/** `querySaveArgsSchema` as the caller writes it. */
export type QuerySaveArgs = z.input<typeof querySaveArgsSchema>;

/** What `query.save` wrote: all the result's rows, the file's bytes, and where (a local path or `<container>/<blob>`). */
export interface QuerySaveResult {
  rowsWritten: number;
  bytes: number;
  destination: string;
}

/** Stops the query `queryId` (DuckDB's interrupt); its `query.run` answers `Cancelled`. */
export const queryCancelArgsSchema = z
  .object({ queryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })
  .strict();

/** A result column: name, how the table shows it, and DuckDB's type (`BIGINT`, `DECIMAL(10,2)`). */
export interface QueryResultColumn {
  name: string;
  type: ColumnType;
  sqlType: string;
}

/** What `t` was: a file or folder of one format, or a Delta table at a version. */
export type QuerySourceSummary =
  | { kind: 'file' | 'folder'; format: 'csv' | 'tsv' | 'json' | 'parquet'; files: number }
  | { kind: 'delta'; version: number; latestVersion: number; files: number };

/** A query's answer: columns, the first rows, all rows counted, DuckDB's time in ms, the files fetched into the cache now (and their bytes) and those found there. */
export interface QueryRunResult {
  columns: QueryResultColumn[];
  rows: Cell[][];
  rowCount: number;
  elapsedMs: number;
  source: QuerySourceSummary;
  cache: { fetched: number; fetchedBytes: number; hits: number };
}
