import type { ContainerClient } from '@azure/storage-blob';
import { fetchThroughEngine } from './fetchThroughEngine.js';
import type { QueryEngine } from './queryEngine.js';
import { resolveQuerySource, type QuerySource } from './querySource.js';
import type { Acquired, SourceCache } from './sourceCache.js';
import { createViewSql } from './viewSql.js';
import type { QueryResult } from './workerProtocol.js';

/** What `runQuery` needs: the DuckDB worker and the file cache. */
export interface QueryDeps {
  engine: QueryEngine;
  cache: SourceCache;
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
 * registering the local copies as view `t` (`createViewSql`). Rejects with `LakeFailure`: what
 * resolving and fetching throw, `Cancelled` when `signal` aborts.
 */
export async function prepareView(
  deps: QueryDeps,
  container: ContainerClient,
  path: string,
  options: { version?: number; signal?: AbortSignal },
): Promise<PreparedView> {
  const source = await resolveQuerySource(container, path, options);
  const { localPaths, ...cache } = await deps.cache.acquire(sourceFiles(source), (fills) =>
    fetchThroughEngine(container, fills, options.signal),
  );
  return { viewSql: createViewSql(source, localPaths), source, cache };
}

/**
 * Runs `sql` over what `path` in `container` names, registered as view `t` (see
 * `prepareView`), DuckDB reading the local copies. At most `maxRows` rows come back (all are
 * counted). Rejects with `LakeFailure`: what `prepareView` throws, `InvalidInput` with DuckDB's
 * message, `Cancelled` when `signal` aborts.
 */
export async function runQuery(
  deps: QueryDeps,
  container: ContainerClient,
  path: string,
  sql: string,
  options: { version?: number; maxRows: number; signal?: AbortSignal },
): Promise<QueryAnswer> {
  const { viewSql, source, cache } = await prepareView(deps, container, path, options);
  const result = await deps.engine.run([viewSql, sql], options);
  return { result, source, cache };
}
