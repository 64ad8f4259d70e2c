import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { defaultQuerySettings } from '../../shared/contract/querySettings.js';
import { LakeFailure } from '../storage/toLakeError.js';
import type { QueryResult, WorkerReply, WorkerRequest, WorkerSetup } from './workerProtocol.js';

/** How the DuckDB worker is started. */
export interface QueryEngineOptions {
  /** DuckDB's `memory_limit`, MiB; default `defaultMemoryLimitMiB`. */
  memoryLimitMiB?: number;
  /** DuckDB's threads; default the machine's cores. */
  threads?: number;
  /** Where DuckDB spills; default `<os tmp>/lakeshore-duckdb`. */
  tempDirectory?: string;
  /**
   * The bundled worker script; default `LAKESHORE_DUCKDB_WORKER` from the environment, else
   * `duckdb-worker.mjs` beside the running bundle (dist/main/, unpacked from the asar).
   */
  workerFile?: string;
}

/** DuckDB's memory limit when none is set (Settings' default): 1 GiB. */
export const defaultMemoryLimitMiB = defaultQuerySettings.memoryLimitMiB;

/** DuckDB running off the main thread. Every call rejects with a `LakeFailure`. */
export interface QueryEngine {
  /**
   * Runs `statements` in order on a fresh connection and resolves to the last one's columns,
   * first `maxRows` rows and full row count. DuckDB's error rejects as `InvalidInput` with its
   * message (which names the line and position); `signal` aborting interrupts the query
   * (`connection.interrupt`) and rejects with `Cancelled`. `onProgress` is told DuckDB's
   * estimate of how far the running statement is (0–1), at most every 200 ms. With
   * `readsOnly` (the last statement changes nothing: runQuery's `readsOnly`), the connection
   * is kept for the next run with the same statements before the last, which then runs only
   * its last one on it (see `WorkerRequest`).
   */
  run(
    statements: string[],
    options: {
      maxRows: number;
      signal?: AbortSignal;
      onProgress?: (fraction: number) => void;
      readsOnly?: boolean;
    },
  ): Promise<QueryResult>;
  /** Ends the worker; runs in flight reject with `Cancelled`. */
  close(): Promise<void>;
}

const defaultWorkerFile = (): string =>
  process.env.LAKESHORE_DUCKDB_WORKER ??
  fileURLToPath(new URL('./duckdb-worker.mjs', import.meta.url)).replace(
    `app.asar${path.sep}`,
    `app.asar.unpacked${path.sep}`,
  );

const cancelled = () => new LakeFailure({ code: 'Cancelled', message: 'The query was cancelled.' });

/** Starts the DuckDB worker thread (see `QueryEngineOptions`). */
export function createQueryEngine(options: QueryEngineOptions = {}): QueryEngine {
  const tempDirectory = options.tempDirectory ?? path.join(os.tmpdir(), 'lakeshore-duckdb');
  mkdirSync(tempDirectory, { recursive: true });
  const setup: WorkerSetup = {
    memoryLimitMiB: options.memoryLimitMiB ?? defaultMemoryLimitMiB,
    threads: options.threads ?? Math.max(1, os.availableParallelism()),
    tempDirectory,
  };
  const worker = new Worker(options.workerFile ?? defaultWorkerFile(), { workerData: setup });
  worker.unref();
  const pending = new Map<
    number,
    { resolve(r: QueryResult): void; reject(e: unknown): void; progress?(f: number): void }
  >();
  let nextId = 1;
  let ended: LakeFailure | undefined;
  const failAll = (failure: LakeFailure) => {
    ended = failure;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'progress') return p.progress?.(reply.fraction);
    pending.delete(reply.id);
    if (reply.type === 'result') {
      const { type: _type, id: _id, ...result } = reply;
      p.resolve(result);
    } else p.reject(new LakeFailure({ code: 'InvalidInput', message: reply.message }));
  });
  worker.on('error', (e) =>
    failAll(
      new LakeFailure({ code: 'Unknown', message: `The query engine stopped: ${e.message}` }),
    ),
  );
  worker.on('exit', () => failAll(cancelled()));
  const post = (request: WorkerRequest) => worker.postMessage(request);

  return {
    run(statements, { maxRows, signal, onProgress, readsOnly }) {
      if (ended) return Promise.reject(ended);
      if (signal?.aborted) return Promise.reject(cancelled());
      const id = nextId++;
      worker.ref();
      return new Promise<QueryResult>((resolve, reject) => {
        const onAbort = () => post({ type: 'interrupt', id });
        signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => {
          signal?.removeEventListener('abort', onAbort);
          if (pending.size === 0) worker.unref();
        };
        pending.set(id, {
          resolve: (r) => {
            settle();
            resolve(r);
          },
          reject: (e) => {
            settle();
            reject(signal?.aborted ? cancelled() : e);
          },
          ...(onProgress ? { progress: onProgress } : {}),
        });
        post({
          type: 'run',
          id,
          statements,
          maxRows,
          ...(onProgress ? { progress: true } : {}),
          ...(readsOnly ? { readsOnly } : {}),
        });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
