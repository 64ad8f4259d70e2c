/**
 * A conversion as a job of the Transfers panel (`transfers.enqueueConvert`): the source blob is
 * read into the query cache through the transfer engine, DuckDB converts it to a local file,
 * and the engine uploads that file, committing the blob only once complete. Progress arrives in
 * `transfers.progress` events like an upload's or a download's, as a `ConvertJobSummary`.
 */
import type { ConvertResult } from './query.js';
import type { TransferState } from './transfers.js';

/** A blob of a connection: the source or the target of a conversion. */
export interface BlobLocation {
  connectionId: string;
  container: string;
  path: string;
}

/** What a conversion does now: reading the source, DuckDB converting it, writing the target. */
export type ConvertPhase = 'reading' | 'converting' | 'writing';

/**
 * A conversion job as the Transfers panel shows it. Bytes in bytes, rate in bytes/s, ETA in ms.
 * `bytesDone` is the source's bytes read plus the target's bytes written; `bytesTotal` is the
 * source's size plus, once DuckDB wrote it, the target's (so it grows when writing starts).
 */
export interface ConvertJobSummary {
  id: string;
  batchId: string;
  direction: 'convert';
  /** One file converted (a folder is converted file by file, each its own job). */
  kind: 'file';
  /** Display name: the source file's name. */
  name: string;
  source: BlobLocation;
  target: BlobLocation;
  /** What is written. */
  to: 'parquet' | 'csv';
  phase: ConvertPhase;
  /** Source bytes in the query cache (fetched now, or found there). */
  bytesRead: number;
  /** The source's size. */
  bytesToRead: number;
  /** Target bytes on the service (staged blocks or the one Put Blob). */
  bytesWritten: number;
  /** The converted file's size, known once DuckDB wrote it. */
  bytesToWrite?: number;
  bytesDone: number;
  bytesTotal?: number;
  /** DuckDB's own estimate of how far its COPY is, 0–1 (`duckdb_query_progress`). */
  convertedFraction: number;
  /** Rows written, known once DuckDB finished (before the upload). */
  rowsWritten?: number;
  /** Rows DuckDB could not read (its reject table), known once DuckDB finished. */
  rowsRejected?: number;
  rateBytesPerSec: number;
  etaMs?: number;
  /** Never `waiting` (a conversion asks nothing) nor `paused` (it cannot pause: cancel it). */
  state: TransferState;
  /** What the conversion did, once completed. */
  result?: ConvertResult;
  /** ISO 8601. */
  createdAt: string;
}
