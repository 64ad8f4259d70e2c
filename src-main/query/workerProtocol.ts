import type { Cell, ColumnType } from '../../shared/contract/preview.js';

// Messages between queryEngine.ts (main side) and duckdbWorker.ts (the DuckDB thread).

/** How the worker's database is set up (its `workerData`). */
export interface WorkerSetup {
  /** DuckDB `memory_limit`, MiB. */
  memoryLimitMiB: number;
  /** DuckDB `threads`. */
  threads: number;
  /** Where DuckDB spills what does not fit in memory. */
  tempDirectory: string;
}

/**
 * Main → worker: run `statements` in order on a new connection (the last one's rows are
 * returned, at most `maxRows`; with `progress`, DuckDB's progress is sent every 200 ms), or
 * interrupt the run `id`. With `readsOnly` the last statement changes nothing (runQuery's
 * `readsOnly`): the connection is kept afterwards, holding only what the statements before it
 * made (views), and a later such run with the same statements before its last runs on it
 * without running them again.
 */
export type WorkerRequest =
  | {
      type: 'run';
      id: number;
      statements: string[];
      maxRows: number;
      progress?: boolean;
      readsOnly?: boolean;
    }
  | { type: 'interrupt'; id: number };

/** A result column: its name, how the table view shows it, and DuckDB's own type text (`BIGINT`, `DECIMAL(10,2)`, `STRUCT(…)`). */
export interface QueryColumn {
  name: string;
  type: ColumnType;
  sqlType: string;
}

/** What a finished run gives: columns, the first rows, all rows counted, elapsed milliseconds in the worker. */
export interface QueryResult {
  columns: QueryColumn[];
  rows: Cell[][];
  rowCount: number;
  elapsedMs: number;
}

/**
 * Worker → main: a run's result, DuckDB's error message (with its `LINE n:` position when it
 * gave one), or how far the running statement is (DuckDB's `duckdb_query_progress`, 0–1).
 */
export type WorkerReply =
  | ({ type: 'result'; id: number } & QueryResult)
  | { type: 'error'; id: number; message: string }
  | { type: 'progress'; id: number; fraction: number };
