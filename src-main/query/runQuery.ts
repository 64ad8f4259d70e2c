import type { ContainerClient } from '@azure/storage-blob';
import { fetchThroughEngine } from './fetchThroughEngine.js';
import type { QueryEngine } from './queryEngine.js';
import { resolveQuerySource, type QuerySource } from './querySource.js';
import type { Acquired, SourceCache } from './sourceCache.js';
import type { RecentViews } from './recentViews.js';
import { createViewSql } from './viewSql.js';
import type { QueryResult } from './workerProtocol.js';

/** What `runQuery` needs: the DuckDB worker, the file cache and, where queries repeat, the views they last registered. */
export interface QueryDeps {
  engine: QueryEngine;
  cache: SourceCache;
  recent?: RecentViews;
}

/** A query's answer: the result, what `t` was, and how the cache served it. */
export interface QueryAnswer {
  result: QueryResult;
  source: QuerySource;
  cache: Omit<Acquired, 'localPaths'>;
}

/** The files a source reads. */
export const sourceFiles = (source: QuerySource) =>
  source.kind === 'file' ? [source.file] : source.files;

/** A source resolved and in the cache: the statement registering it as `t`, and what it was. */
export interface PreparedView {
  viewSql: string;
  source: QuerySource;
  cache: Omit<Acquired, 'localPaths'>;
}

/**
 * Resolves what `path` in `container` names (see `resolveQuerySource`) and takes its files
 * from the cache or fetches them into it through the transfer engine; gives the statement
 * registering the local copies as view `t` (`createViewSql`). A cache hit's index write waits
 * for `saveAfter` (see `SourceCache.acquire`). Rejects with `LakeFailure`: what resolving and
 * fetching throw, `Cancelled` when `signal` aborts.
 */
export async function prepareView(
  deps: QueryDeps,
  container: ContainerClient,
  path: string,
  options: { version?: number; signal?: AbortSignal; saveAfter?: Promise<unknown> },
): Promise<PreparedView> {
  const source = await resolveQuerySource(container, path, options);
  const { localPaths, ...cache } = await deps.cache.acquire(
    sourceFiles(source),
    (fills) => fetchThroughEngine(container, fills, options.signal),
    { saveAfter: options.saveAfter },
  );
  return { viewSql: createViewSql(source, localPaths), source, cache };
}

/**
 * Runs `sql` over what `path` in `container` names, registered as view `t` (see
 * `prepareView`), DuckDB reading the local copies. At most `maxRows` rows come back (all are
 * counted). With `deps.recent`, a source queried before is queried again at once over the
 * view it had, while `prepareView` resolves it anew (a Get Blob Properties or a listing); that
 * answer is kept only when the source resolves to the same view, which names the same local
 * copies and so the same blobs at the same ETags; else it is interrupted and the query runs
 * on what was resolved. Only a statement that plainly reads (`readsOnly`) is started early, so
 * nothing a statement writes is ever done twice; such a run also leaves its DuckDB connection,
 * with the view, for the next run over the same view (see `QueryEngine.run`). Rejects with
 * `LakeFailure`: what `prepareView` throws, `InvalidInput` with DuckDB's message, `Cancelled`
 * when `signal` aborts.
 */
export async function runQuery(
  deps: QueryDeps,
  container: ContainerClient,
  path: string,
  sql: string,
  options: { version?: number; maxRows: number; signal?: AbortSignal },
): Promise<QueryAnswer> {
  const reads = readsOnly(sql);
  const lastView = reads ? deps.recent?.get(container, path, options.version) : undefined;
  const early =
    lastView === undefined ? undefined : startEarly(deps.engine, lastView, sql, options);
  // The cache writes a hit's use times once the query is done (or has failed).
  let ran!: () => void;
  const saveAfter = new Promise<void>((resolve) => (ran = resolve));
  try {
    let prepared: PreparedView;
    try {
      prepared = await prepareView(deps, container, path, { ...options, saveAfter });
    } catch (error) {
      early?.stop();
      throw error;
    }
    deps.recent?.set(container, path, options.version, prepared.viewSql);
    const { viewSql, source, cache } = prepared;
    const earlyResult = viewSql === lastView ? await early?.result : (early?.stop(), undefined);
    const result =
      earlyResult ?? (await deps.engine.run([viewSql, sql], { ...options, readsOnly: reads }));
    return { result, source, cache };
  } finally {
    ran();
  }
}

const readingStatement =
  /^(select|with|from|values|table|summarize|describe|show|pivot|unpivot|explain)\b/i;
const writingWord =
  /\b(insert|update|delete|copy|create|drop|alter|attach|detach|install|load|export|import|set|reset|pragma|call|checkpoint|vacuum|merge|truncate|use)\b/i;

/**
 * Whether `sql` is one statement that only reads: it starts (after comments) with SELECT, WITH,
 * FROM, VALUES, TABLE, SUMMARIZE, DESCRIBE, SHOW, PIVOT, UNPIVOT or EXPLAIN, holds no `;` but
 * trailing ones, and no word of a statement that writes or changes settings (INSERT, COPY,
 * ATTACH, SET, …), even as a name or inside a string: false for anything in doubt.
 */
export function readsOnly(sql: string): boolean {
  const text = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .trim()
    .replace(/[;\s]+$/, '');
  return readingStatement.test(text) && !text.includes(';') && !writingWord.test(text);
}

/**
 * Starts `sql` over `viewSql` on `engine`, stopped by `options.signal` or `stop`; `result` is
 * undefined when it failed (the query then runs again over the resolved view, and a failure
 * that was the query's own is given by that run).
 */
function startEarly(
  engine: QueryEngine,
  viewSql: string,
  sql: string,
  options: { maxRows: number; signal?: AbortSignal },
): { result: Promise<QueryResult | undefined>; stop: () => void } {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  return {
    result: engine
      .run([viewSql, sql], { maxRows: options.maxRows, signal, readsOnly: true })
      .catch(() => undefined),
    stop: () => controller.abort(),
  };
}
