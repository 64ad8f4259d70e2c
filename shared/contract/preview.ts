import { z } from 'zod';
import { blobPathSchema, connectionIdSchema, containerNameSchema } from './paths.js';

/** Most rows a preview returns (the argument `maxRows` is 1–1,000). */
export const maxPreviewRows = 1000;

/** Argument of the preview call: one blob by container and full path. */
export const previewArgsSchema = z
  .object({
    connectionId: connectionIdSchema,
    container: containerNameSchema,
    /** Full blob name inside the container, 1–1,024 characters, no NUL. */
    path: blobPathSchema,
    /** Rows for table previews, 1–1,000; the service default is 1,000. */
    maxRows: z.number().int().min(1).max(maxPreviewRows).optional(),
  })
  .strict();

/** The preview call's argument as the caller writes it. */
export type PreviewArgs = z.input<typeof previewArgsSchema>;

/** Fields every preview carries. */
export interface PreviewHeader {
  /** Last path segment of the blob. */
  name: string;
  /** Blob size in bytes. */
  size: number;
  contentType?: string;
  /** ISO 8601. */
  lastModified?: string;
  /** Bytes downloaded from storage to build this preview (all ranged reads added up). */
  bytesRead: number;
  /** `gzip` when the blob was decompressed (capped) before previewing its content. */
  compression?: 'gzip';
  /** Human-readable marks for partial or malformed content, e.g. "Showing 50 of 10,000 columns". */
  notes: string[];
}

/** Encodings a text preview can be decoded from (BOM-detected UTF-16, UTF-8, else latin1). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

/** Text, code and logs: the first bytes up to the cap, decoded. */
export interface TextPreview extends PreviewHeader {
  kind: 'text';
  text: string;
  encoding: TextEncodingName;
  /** True when the content goes on beyond `text`. */
  truncated: boolean;
  /** Bytes of content decoded into `text` (never ends inside a multi-byte character). */
  textBytes: number;
  /** Bytes of the (decompressed) content; absent when unknown (compressed content not read to its end). */
  totalBytes?: number;
}

/** A JSON document read whole and parsed. Invalid or over-cap JSON comes as a `TextPreview` with a note. */
export interface JsonPreview extends PreviewHeader {
  kind: 'json';
  value: unknown;
  /** Bytes of the (decompressed) document. */
  totalBytes: number;
}

/**
 * How a table column's values sort and display. `date`: a calendar day (cells `YYYY-MM-DD`,
 * shown as they are); `timestamp`: an instant (cells ISO 8601 with a zone, shown as a local
 * date-time) or a wall-clock time without a zone (ISO 8601 without one, shown as written);
 * `json`: nested values, given as JSON text.
 */
export type ColumnType = 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'binary' | 'json';

/** A column of a table preview. */
export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Parquet physical type (`INT64`, `BYTE_ARRAY`, …, `GROUP` for nested) or the Avro type name. */
  physicalType?: string;
  /** Parquet logical/converted type (`STRING`, `TIMESTAMP(MILLIS,UTC)`, `DECIMAL(10,2)`) or Avro `logicalType`. */
  logicalType?: string;
  /** Parquet: repetition is not REQUIRED; Avro: a union with null. */
  nullable?: boolean;
}

/**
 * One cell, JSON-safe: numbers (bigints within ±2^53 become numbers, larger ones decimal
 * strings), dates and timestamps as ISO 8601 strings (see `ColumnType`), bytes as base64, nested values as JSON text. CSV/TSV
 * cells are the raw field text (`columns[i].type` says how to sort them).
 */
export type Cell = string | number | boolean | null;

/** The file format a table preview was read from. */
export type TableSource = 'csv' | 'tsv' | 'ndjson' | 'parquet' | 'avro';

/** Rows of a table-shaped file. `rows[r][c]` belongs to `columns[c]`. */
export interface TablePreview extends PreviewHeader {
  kind: 'table';
  source: TableSource;
  columns: TableColumn[];
  rows: Cell[][];
  /** Total rows in the file when known without reading it (Parquet footer; Avro read whole). */
  totalRows?: number;
  /** True when the file has (or may have) more rows than `rows`. */
  truncated: boolean;
  /** CSV/TSV: the delimiter used and whether the first line was taken as the header. */
  delimited?: { delimiter: string; hasHeader: boolean };
  /** Parquet footer facts. `totalColumns` counts top-level columns; `columns` lists them all, rows cover the first ones only when there are very many. */
  parquet?: {
    rowGroups: number;
    /** Compression codecs used by column chunks, e.g. `["SNAPPY"]`. */
    codecs: string[];
    createdBy?: string;
    totalColumns: number;
    /** Number of leading columns that `rows` cover. */
    columnsWithRows: number;
  };
  /** Avro container facts: the writer schema (JSON) and the block codec. */
  avro?: { schema: unknown; codec: string };
}

/** An image returned as bytes to show with `<img src="data:…">`, never as inline markup (SVG included). At most 20 MiB. */
export interface ImagePreview extends PreviewHeader {
  kind: 'image';
  mimeType: string;
  dataBase64: string;
  /** Pixels, when the header states plausible dimensions. */
  width?: number;
  height?: number;
}

/** The first bytes (64 KiB) of anything else, for a hex dump with an ASCII column. */
export interface HexPreview extends PreviewHeader {
  kind: 'hex';
  /** Byte offset of `dataBase64` in the content (always 0). */
  offset: number;
  dataBase64: string;
  /** Bytes of the (decompressed) content; absent when unknown. */
  totalBytes?: number;
  truncated: boolean;
}

/** What the preview call resolves to, by `kind`. */
export type Preview = TextPreview | JsonPreview | TablePreview | ImagePreview | HexPreview;

/** Argument of the Delta table preview call: a table by container and root directory. */
export const deltaPreviewArgsSchema = z
  .object({
    connectionId: connectionIdSchema,
    container: containerNameSchema,
    /** The table root (the folder holding `_delta_log/`), without a trailing `/`; 1–1,024 characters, no NUL. */
    directory: blobPathSchema,
    /** Table version to show (time travel); default the latest. */
    version: z.number().int().min(0).optional(),
    /** Rows to read from the active data files, 1–1,000; the service default is 1,000. */
    maxRows: z.number().int().min(1).max(maxPreviewRows).optional(),
  })
  .strict();

/** The Delta preview call's argument as the caller writes it. */
export type DeltaPreviewArgs = z.input<typeof deltaPreviewArgsSchema>;

/**
 * One commit of a Delta table's history, from its `commitInfo` and its actions. Counts are
 * counted from the commit's `add`/`remove` actions; row counts are as the writer recorded them
 * (`commitInfo.operationMetrics`, else the `add` actions' `stats.numRecords`) and absent when
 * it recorded none.
 */
export interface DeltaHistoryEntry {
  version: number;
  /** ISO 8601: `commitInfo.timestamp`, else the commit file's last-modified time. */
  timestamp: string;
  /** `commitInfo.operation` (`WRITE`, `DELETE`, `MERGE`, …); `UNKNOWN` without a `commitInfo`. */
  operation: string;
  /** `commitInfo.operationParameters`, values as the writer gave them (non-strings as JSON text). */
  operationParameters: Record<string, string>;
  rowsAdded?: number;
  rowsRemoved?: number;
  filesAdded: number;
  filesRemoved: number;
  /** Bytes of the files added (sum of `add.size`). */
  bytesAdded: number;
}

/**
 * A Delta Lake table at one version (https://github.com/delta-io/delta/blob/master/PROTOCOL.md):
 * its schema, history and the first rows of its active data files. `rows[r][c]` belongs to
 * `columns[c]`; partition columns are filled in from the files' partition values.
 */
export interface DeltaPreview {
  kind: 'delta';
  /** Last path segment of the table root. */
  name: string;
  /** The table root inside the container, without a trailing `/`. */
  directory: string;
  /** The version shown (the one asked for, or the last contiguous one before a missing commit). */
  version: number;
  /** The newest version found in `_delta_log/`. */
  latestVersion: number;
  /** The table schema (`metaData.schemaString`); `logicalType` is the Delta type (`long`, `decimal(10,2)`, `struct<…>`). */
  schema: TableColumn[];
  partitionColumns: string[];
  /** Newest first, at most 100 commits, over all versions in the log (not only up to `version`). */
  history: DeltaHistoryEntry[];
  /** Active data files at `version`. */
  fileCount: number;
  /** Bytes of the active data files at `version` (sum of `add.size`). */
  totalBytes: number;
  columns: TableColumn[];
  rows: Cell[][];
  /** True when the active files hold (or may hold) more rows than `rows`. */
  truncated: boolean;
  /** Human-readable marks of partial or damaged content, e.g. "Commit 3 is missing: showing up to version 2". */
  notes: string[];
  /** The checkpoint version the state was rebuilt from (information, not a problem); absent when replayed from commit 0. */
  checkpoint?: number;
  /** Bytes downloaded from storage for this preview (log, checkpoint and data files). */
  bytesRead: number;
}
