import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import { fetchThroughEngine } from './fetchThroughEngine.js';
import type { ConvertProgress } from '../transfers/convertJob.js';
import type { QueryEngine } from './queryEngine.js';
import { resolveQuerySource, type DataFormat } from './querySource.js';
import type { CacheFill, SourceCache } from './sourceCache.js';
import { uploadThroughEngine } from './uploadThroughEngine.js';
import { sqlIdentifier, sqlString } from './viewSql.js';

/** What a conversion writes. */
export type ConvertTarget = 'parquet' | 'csv';
/** Parquet codecs offered (DuckDB's `COMPRESSION`). */
export const parquetCodecs = ['zstd', 'snappy'] as const;
export type ParquetCodec = (typeof parquetCodecs)[number];

/** A row DuckDB could not read (its reject table, https://duckdb.org/docs/data/csv/reading_faulty_csv_files). */
export interface RejectedRow {
  /** The line DuckDB names: records from the file's start, the header counted, a newline inside quotes not counted. */
  line: number;
  column: string | null;
  errorType: string;
  message: string;
  /** The row's text as read. */
  text: string | null;
}

/** A rejected row as a report line: `  line 4: <DuckDB's message>`. */
export const rejectedLine = (r: RejectedRow): string => `  line ${r.line}: ${r.message}`;

/** A column of the schema DuckDB's sniffer inferred: name, DuckDB type, nullable. */
export interface InferredColumn {
  name: string;
  type: string;
  nullable: boolean;
}

/**
 * How a conversion moves bytes: `fetch` writes the cache's missing blobs of `source`, `upload`
 * writes the converted file as `blobName` (committed only when complete; with `createOnly`
 * only if no blob has the name). Default: each through a transfer engine of its own
 * (`fetchThroughEngine`, `uploadThroughEngine`); a conversion job passes its engine's.
 */
export interface ConvertIo {
  fetch(source: ContainerClient, fills: CacheFill[], signal: AbortSignal): Promise<void>;
  upload(
    target: ContainerClient,
    localFile: string,
    blobName: string,
    signal: AbortSignal,
    createOnly: boolean,
  ): Promise<void>;
}

const ownEngines: ConvertIo = {
  fetch: fetchThroughEngine,
  upload: (target, localFile, blobName, signal) =>
    uploadThroughEngine(
      target,
      localFile,
      blobName,
      signal,
      'The conversion was cancelled; nothing was written.',
    ),
};

/** How to convert; see `convertFile`. */
export interface ConvertOptions {
  to: ConvertTarget;
  /** Parquet only; default zstd. */
  codec?: ParquetCodec;
  /** Parquet rows per row group; default DuckDB's 122,880. */
  rowGroupSize?: number;
  /** Column → DuckDB type, overriding what the sniffer inferred (CSV/TSV only). */
  types?: Record<string, string>;
  /** Most rejected rows accepted: more, and nothing is written; default 0. */
  maxRejects?: number;
  /** Replace an existing target; default false (`AlreadyExists`). */
  overwrite?: boolean;
  /** Only infer the schema and count what would be written and rejected; nothing is uploaded. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Default: a transfer engine of its own for each (see `ConvertIo`). */
  io?: ConvertIo;
  /** Told the phase, the totals once known, DuckDB's progress and the rows once counted. */
  onProgress?: (progress: ConvertProgress) => void;
}

/** What a conversion did. */
export interface ConvertReport {
  sourceFormat: DataFormat;
  schema: InferredColumn[];
  rowsWritten: number;
  rejected: RejectedRow[];
  /** Bytes of the source and of the file written. */
  sourceBytes: number;
  targetBytes: number;
  written: boolean;
}

const readerOf = (format: DataFormat, file: string, types: Record<string, string> | undefined) => {
  const typeArg =
    types && Object.keys(types).length > 0
      ? `, types = {${Object.entries(types)
          .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
          .join(', ')}}`
      : '';
  switch (format) {
    case 'csv':
      return `read_csv(${sqlString(file)}, store_rejects = true${typeArg})`;
    case 'tsv':
      return `read_csv(${sqlString(file)}, delim = '\\t', store_rejects = true${typeArg})`;
    case 'json':
      return `read_json(${sqlString(file)})`;
    case 'parquet':
      return `read_parquet(${sqlString(file)})`;
  }
};

const copyOptions = (options: ConvertOptions) =>
  options.to === 'csv'
    ? 'FORMAT csv, HEADER true'
    : `FORMAT parquet, COMPRESSION ${options.codec ?? 'zstd'}${options.rowGroupSize ? `, ROW_GROUP_SIZE ${options.rowGroupSize}` : ''}`;

/** What DuckDB's sniffer inferred for a conversion's source, before anything is written. */
export interface InferredSource {
  sourceFormat: DataFormat;
  schema: InferredColumn[];
  sourceBytes: number;
}

/** Resolves the one file a conversion reads, checks the pair of formats, brings it into the cache and asks DuckDB for its schema. */
async function sniff(
  deps: { engine: QueryEngine; cache: SourceCache },
  source: ContainerClient,
  sourcePath: string,
  types: Record<string, string> | undefined,
  signal: AbortSignal,
  options: {
    to?: ConvertTarget;
    check?: () => Promise<void>;
    io?: ConvertIo;
    onProgress?: ConvertOptions['onProgress'];
  } = {},
) {
  const resolved = await resolveQuerySource(source, sourcePath, { signal });
  if (resolved.kind !== 'file')
    return failWith('InvalidInput', `convert takes one file; ${sourcePath} is a ${resolved.kind}.`);
  const file = resolved;
  if (options.to && (file.format === 'parquet') === (options.to === 'parquet'))
    failWith(
      'InvalidInput',
      `${sourcePath} is ${file.format}; convert writes Parquet from CSV, TSV or NDJSON and CSV from Parquet.`,
    );
  await options.check?.();
  options.onProgress?.({ phase: 'reading', bytesToRead: file.file.size });
  const io = options.io ?? ownEngines;
  const { localPaths, fetchedBytes } = await deps.cache.acquire([file.file], (fills) =>
    io.fetch(source, fills, signal),
  );
  options.onProgress?.({ bytesCached: file.file.size - fetchedBytes });
  const reader = readerOf(file.format, localPaths[0]!, types);
  const describe = await deps.engine.run([`DESCRIBE SELECT * FROM ${reader}`], {
    maxRows: 100_000,
    signal,
  });
  const schema: InferredColumn[] = describe.rows.map((r) => ({
    name: String(r[0]),
    type: String(r[1]),
    nullable: r[2] !== 'NO',
  }));
  return { file, reader, schema };
}

/**
 * The schema DuckDB's sniffer infers for the blob `sourcePath` (CSV/TSV/NDJSON/Parquet), with
 * `types` overriding columns, for the user to confirm before `convertFile`; the file comes into
 * the query cache through the transfer engine (so the conversion then reads it from there).
 * Rejects like `convertFile` does before writing anything.
 */
export async function inferSchema(
  deps: { engine: QueryEngine; cache: SourceCache },
  source: ContainerClient,
  sourcePath: string,
  options: { types?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<InferredSource> {
  const signal = options.signal ?? new AbortController().signal;
  const { file, schema } = await sniff(deps, source, sourcePath, options.types, signal);
  return { sourceFormat: file.format, schema, sourceBytes: file.file.size };
}

/**
 * Converts the blob `sourcePath` of `source` (CSV/TSV/NDJSON → Parquet, Parquet → CSV) into the
 * blob `targetPath` of `target` (any container of any account). The source comes into the
 * query cache through the transfer engine; DuckDB infers the schema (its CSV sniffer, with
 * `types` overriding columns) and writes a temporary local file (`COPY … TO`), counting rows it
 * cannot read in its reject table (CSV/TSV; a malformed NDJSON line fails the conversion);
 * with more than `maxRejects` of them nothing is uploaded and it rejects with `InvalidInput`
 * listing them. The file is then uploaded through the transfer engine, which commits the blob
 * only once every block is staged (Put Block List), so a cancelled or failed conversion leaves
 * nothing under the target name. Rejects with `AlreadyExists` when the target exists and
 * `overwrite` is not set, `InvalidInput` for a folder or a pair of formats not converted,
 * `Cancelled` on abort, and DuckDB's or the service's errors.
 */
export async function convertFile(
  deps: { engine: QueryEngine; cache: SourceCache },
  source: ContainerClient,
  sourcePath: string,
  target: ContainerClient,
  targetPath: string,
  options: ConvertOptions,
): Promise<ConvertReport> {
  const signal = options.signal ?? new AbortController().signal;
  const progress = options.onProgress;
  const { file, reader, schema } = await sniff(deps, source, sourcePath, options.types, signal, {
    to: options.to,
    ...(options.io ? { io: options.io } : {}),
    ...(progress ? { onProgress: progress } : {}),
    check: async () => {
      if (
        !options.overwrite &&
        !options.dryRun &&
        (await target.getBlobClient(targetPath).exists({ abortSignal: signal }))
      )
        failWith(
          'AlreadyExists',
          `${target.containerName}/${targetPath} exists; nothing was written. Replace it (--overwrite) or choose another name.`,
        );
    },
  });
  const work = await mkdtemp(path.join(os.tmpdir(), 'lakeshore-convert-'));
  const out = path.join(work, `converted.${options.to}`);
  try {
    const rejectsSql =
      file.format === 'csv' || file.format === 'tsv'
        ? 'SELECT line, column_name, error_type, error_message, csv_line FROM reject_errors ORDER BY line'
        : 'SELECT 1 WHERE false';
    progress?.({ phase: 'converting' });
    const copy = await deps.engine.run(
      [`COPY (SELECT * FROM ${reader}) TO ${sqlString(out)} (${copyOptions(options)})`, rejectsSql],
      {
        maxRows: 100_000,
        signal,
        ...(progress ? { onProgress: (f: number) => progress({ convertedFraction: f }) } : {}),
      },
    );
    const rejected: RejectedRow[] = copy.rows.map((r) => ({
      line: Number(r[0]),
      column: r[1] === null ? null : String(r[1]),
      errorType: String(r[2]),
      message: String(r[3]),
      // DuckDB keeps the line break before the row (of a CRLF file) in its text.
      text: r[4] === null ? null : String(r[4]).replace(/^[\r\n]+|[\r\n]+$/g, ''),
    }));
    const readBack =
      options.to === 'parquet' ? `read_parquet(${sqlString(out)})` : `read_csv(${sqlString(out)})`;
    const count = await deps.engine.run(
      [`SELECT count(*) AS ${sqlIdentifier('n')} FROM ${readBack}`],
      { maxRows: 1, signal },
    );
    const report: ConvertReport = {
      sourceFormat: file.format,
      schema,
      rowsWritten: Number(count.rows[0]![0]),
      rejected,
      sourceBytes: file.file.size,
      targetBytes: (await stat(out)).size,
      written: false,
    };
    if (rejected.length > (options.maxRejects ?? 0)) {
      const lines = rejected.slice(0, 20).map(rejectedLine).join('\n');
      throw new LakeFailure({
        code: 'InvalidInput',
        message: `${rejected.length} row${rejected.length === 1 ? '' : 's'} of ${sourcePath} could not be read (more than --max-rejects ${options.maxRejects ?? 0}); nothing was written:\n${lines}`,
      });
    }
    progress?.({
      convertedFraction: 1,
      rowsWritten: report.rowsWritten,
      rowsRejected: rejected.length,
    });
    if (options.dryRun) return report;
    progress?.({ phase: 'writing', bytesToWrite: report.targetBytes });
    await (options.io ?? ownEngines).upload(target, out, targetPath, signal, !options.overwrite);
    return { ...report, written: true };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
