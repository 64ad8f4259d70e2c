import {
  defaultQuerySettings,
  maxQueryRows,
  type QuerySaveProgressEvent,
  type QuerySettings,
  type QuerySourceSummary,
  type Settings,
} from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { createQueryEngine, type QueryEngine } from '../query/queryEngine.js';
import type { QuerySource } from '../query/querySource.js';
import { inferSchema } from '../query/convertFile.js';
import { createRecentViews } from '../query/recentViews.js';
import { runQuery, type QueryDeps } from '../query/runQuery.js';
import {
  destinationText,
  saveQueryResult,
  type SaveDestination,
} from '../query/saveQueryResult.js';
import { openSourceCache, queryCacheDir, type SourceCache } from '../query/sourceCache.js';
import type { Handlers } from './dispatch.js';

/** What `t` was, as the contract tells it. */
export function sourceSummary(source: QuerySource): QuerySourceSummary {
  return source.kind === 'delta'
    ? {
        kind: 'delta',
        version: source.version,
        latestVersion: source.latestVersion,
        files: source.files.length,
      }
    : {
        kind: source.kind,
        format: source.format,
        files: source.kind === 'file' ? 1 : source.files.length,
      };
}

/**
 * The DuckDB worker and the query cache shared by queries, saves and conversion jobs. `run`
 * runs `work` as the query `queryId` (a previous one under that id is stopped), starting the
 * worker and opening the cache on first use; `cancel` aborts the signal `work` was given.
 */
export interface QueryRuntime {
  run<T>(queryId: string, work: (deps: QueryDeps, signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(queryId: string): void;
}

/**
 * The query runtime. The DuckDB worker starts with the first query and stays for the next; the
 * cache lives in `<dataDir>/query-cache`. Several queries may run at once. DuckDB's memory limit
 * and the cache's size come from Settings (`query`), taken when a query starts while none runs.
 * A query repeated over a source starts at once over the view it last had (see `runQuery`).
 */
export function createQueryRuntime(
  dataDir: string,
  settings: () => Promise<Settings>,
): QueryRuntime {
  let engine: QueryEngine | undefined;
  let cache: Promise<SourceCache> | undefined;
  const running = new Map<string, AbortController>();
  const recent = createRecentViews();
  let applied: QuerySettings = defaultQuerySettings;
  /** Takes changed Settings: a new memory limit restarts the worker, a new size reopens the cache (only while nothing runs). */
  const apply = async (wanted: QuerySettings) => {
    if (wanted.memoryLimitMiB !== applied.memoryLimitMiB && engine) {
      await engine.close();
      engine = undefined;
    }
    if (wanted.cacheMiB !== applied.cacheMiB) cache = undefined;
    applied = wanted;
  };
  /** Runs `work` as the query `queryId` (a previous one under that id is stopped), with the engine and cache started. */
  const asQuery = async <T>(
    queryId: string,
    work: (deps: QueryDeps, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const wanted = { ...defaultQuerySettings, ...(await settings()).query };
    if (running.size === 0) await apply(wanted);
    const controller = new AbortController();
    running.get(queryId)?.abort();
    running.set(queryId, controller);
    try {
      engine ??= createQueryEngine({ memoryLimitMiB: applied.memoryLimitMiB });
      cache ??= openSourceCache(queryCacheDir(dataDir), applied.cacheMiB * 1024 * 1024);
      return await work({ engine, cache: await cache, recent }, controller.signal);
    } finally {
      if (running.get(queryId) === controller) running.delete(queryId);
    }
  };
  return { run: asQuery, cancel: (queryId) => running.get(queryId)?.abort() };
}

/**
 * `query.run`, `query.save`, `query.inspectConversion` and `query.cancel` over `runtime`, each
 * stopped by its own `queryId`. A save to a blob signs with the destination connection's
 * credential (any account); every save tells how far it is through `onSaveProgress` (the
 * `query.saveProgress` event, none once cancelled). Conversions run as jobs of the transfer engine (`convertRunner`).
 */
export function createQueryHandlers(
  connections: Connections,
  runtime: QueryRuntime,
  onSaveProgress: (event: QuerySaveProgressEvent) => void = () => undefined,
): Pick<Handlers, 'query.run' | 'query.save' | 'query.inspectConversion' | 'query.cancel'> {
  const asQuery = runtime.run;
  return {
    'query.run': ({ connectionId, container, path, sql, version, queryId, maxRows }) =>
      asQuery(queryId, async (deps, signal) => {
        const access = await connections.access(connectionId, 'transfer');
        const answer = await runQuery(deps, access.container(container), path, sql, {
          maxRows: maxRows ?? maxQueryRows,
          signal,
          ...(version === undefined ? {} : { version }),
        });
        return { ...answer.result, source: sourceSummary(answer.source), cache: answer.cache };
      }),
    'query.save': (args) =>
      asQuery(args.queryId, async (deps, signal) => {
        const source = await connections.access(args.connectionId, 'transfer');
        const { destination: to } = args;
        const destination: SaveDestination =
          to.kind === 'local'
            ? { kind: 'local', file: to.path }
            : {
                kind: 'blob',
                container: (await connections.access(to.connectionId, 'transfer')).container(
                  to.container,
                ),
                blobName: to.path,
              };
        const report = await saveQueryResult(
          deps,
          source.container(args.container),
          args.path,
          args.sql,
          destination,
          {
            format: args.format,
            signal,
            onProgress: (progress) => {
              if (!signal.aborted) onSaveProgress({ queryId: args.queryId, ...progress });
            },
            ...(args.codec ? { codec: args.codec } : {}),
            ...(args.overwrite ? { overwrite: true } : {}),
            ...(args.version === undefined ? {} : { version: args.version }),
          },
        );
        return { ...report, destination: destinationText(destination) };
      }),
    'query.inspectConversion': ({ queryId, connectionId, container, path, types }) =>
      asQuery(queryId, async (deps, signal) => {
        const access = await connections.access(connectionId, 'transfer');
        return inferSchema(deps, access.container(container), path, {
          signal,
          ...(types ? { types } : {}),
        });
      }),
    'query.cancel': async ({ queryId }) => {
      runtime.cancel(queryId);
      return null;
    },
  };
}
