import { z } from 'zod';
import { connectionIdSchema, containerNameSchema, directoryPathSchema } from './paths.js';
import type { Cell, ColumnType } from './preview.js';

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
