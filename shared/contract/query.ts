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
 * `queryId` stops it, leaving nothing under the name. While it runs, `query.saveProgress` events
 * carrying `queryId` tell how far it is (`QuerySaveProgressEvent`).
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

/**
 * How far a `query.save` is (event `query.saveProgress`), keyed by the save's `queryId`; at most
 * 10 a second per save, none once `query.cancel` stopped it.
 * - `writing`: DuckDB runs the query and writes the file (`COPY (…) TO`); `fraction` is DuckDB's
 *   estimate of how far the statement is (0–1), absent until DuckDB reports one (it may not, for
 *   a quick or a blocking query).
 * - `uploading` (a blob destination only): `bytesSent` of the written file's `bytes` have been
 *   staged through the transfer engine (Put Block); the blob appears under its name only after
 *   the last, with Put Block List. Starts at 0 and ends at `bytes`.
 */
export type QuerySaveProgressEvent = { queryId: string } & QuerySaveProgress;

/** How far a save is, without the `queryId` its event carries (see `QuerySaveProgressEvent`). */
export type QuerySaveProgress =
  | { phase: 'writing'; fraction?: number }
  | { phase: 'uploading'; bytesSent: number; bytes: number };

/** What `query.save` wrote: all the result's rows, the file's bytes, and where (a local path or `<container>/<blob>`). */
export interface QuerySaveResult {
  rowsWritten: number;
  bytes: number;
  destination: string;
}

/** A blob of a connection: the source or the target of a conversion. */
const blobOf = z
  .object({
    connectionId: connectionIdSchema,
    container: containerNameSchema,
    path: blobPathSchema,
  })
  .strict();

/** A DuckDB type name the user may give a column (`BIGINT`, `DECIMAL(10,2)`, `TIMESTAMP`). */
const duckdbTypeSchema = z
  .string()
  .max(100)
  .regex(
    /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$/,
    'A DuckDB type, e.g. BIGINT or DECIMAL(10,2)',
  );

/**
 * The schema DuckDB's CSV/JSON sniffer infers for a blob a conversion would read (CSV, TSV,
 * NDJSON or Parquet), `types` overriding columns; the file comes into the query cache.
 * `query.cancel` with `queryId` stops it.
 */
export const inspectConversionArgsSchema = blobOf
  .extend({
    queryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    types: z.record(z.string().min(1).max(1000), duckdbTypeSchema).optional(),
  })
  .strict();

/** A column as the sniffer inferred it: name, DuckDB type, nullable. */
export interface InferredColumnSummary {
  name: string;
  type: string;
  nullable: boolean;
}

/** What `query.inspectConversion` found. */
export interface InspectConversionResult {
  sourceFormat: 'csv' | 'tsv' | 'json' | 'parquet';
  schema: InferredColumnSummary[];
  sourceBytes: number;
}

/**
 * `transfers.enqueueConvert`: converts one blob (CSV/TSV/NDJSON → Parquet, Parquet → CSV) into
 * a blob of any connection, as a job of the Transfers panel: `types` as confirmed, Parquet
 * `codec` (default zstd) and `rowGroupSize`; rows DuckDB cannot read are reported with their
 * lines, and beyond `maxRejects` (default 0) nothing is written. The target appears only when
 * complete; `transfers.cancel` with the job's id stops it, leaving nothing under the name.
 */
export const convertArgsSchema = z
  .object({
    source: blobOf,
    target: blobOf,
    to: z.enum(['parquet', 'csv']),
    codec: z.enum(['zstd', 'snappy']).optional(),
    rowGroupSize: z.number().int().min(1).max(1_000_000_000).optional(),
    types: z.record(z.string().min(1).max(1000), duckdbTypeSchema).optional(),
    maxRejects: z.number().int().min(0).optional(),
    overwrite: z.boolean().optional(),
  })
  .strict();
/** `convertArgsSchema` as the caller writes it. */
export type ConvertArgs = z.input<typeof convertArgsSchema>;
/** `convertArgsSchema` after validation. */
export type EnqueueConvertArgs = z.output<typeof convertArgsSchema>;

/**
 * `transfers.enqueueConvertFolder`: converts every convertible file under the folder
 * `source.path` (recursively; to Parquet: `.csv`, `.tsv`, `.json`/`.ndjson`/`.jsonl`, each
 * optionally `.gz`; to CSV: `.parquet`) into the folder `target.path`, keeping each file's path
 * relative to the source folder and changing its extension (`a/b.csv` → `a/b.parquet`), one
 * conversion job per file in one batch, each as `transfers.enqueueConvert` would run it. The
 * schema is confirmed once: `types` (as inspected from `ConvertFolderPlan.files[0]`) apply to
 * the files of that file's format; files of another format keep the types DuckDB infers for
 * each. Every other blob is skipped and reported. `dryRun`: only the plan, no job.
 */
export const convertFolderArgsSchema = convertArgsSchema
  .extend({ dryRun: z.boolean().optional() })
  .strict();
/** `convertFolderArgsSchema` as the caller writes it. */
export type ConvertFolderArgs = z.input<typeof convertFolderArgsSchema>;

/** A file of a folder conversion: the source blob's and the target blob's paths (in their containers). */
export interface ConvertFolderFile {
  sourcePath: string;
  targetPath: string;
}

/** What `transfers.enqueueConvertFolder` planned (and enqueued, unless a dry run). */
export interface ConvertFolderPlan {
  /** The conversion jobs' ids, one per file, in `files`' order; empty for a dry run. */
  jobIds: string[];
  /** The files converted, in name order; the first is the one whose schema was confirmed. */
  files: ConvertFolderFile[];
  /** Blobs under the folder not converted: their paths and why (`not CSV, TSV or NDJSON`). */
  skipped: { path: string; reason: string }[];
}

/** A row DuckDB could not read: its line (header counted), column, error type, message and text. */
export interface RejectedRowSummary {
  line: number;
  column: string | null;
  errorType: string;
  message: string;
  text: string | null;
}

/** What a conversion job did: schema, rows written, rows rejected, bytes read and written. */
export interface ConvertResult extends InspectConversionResult {
  rowsWritten: number;
  rejected: RejectedRowSummary[];
  targetBytes: number;
  written: boolean;
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
