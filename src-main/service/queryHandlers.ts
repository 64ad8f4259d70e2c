import { maxQueryRows, type QuerySourceSummary } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { createQueryEngine, type QueryEngine } from '../query/queryEngine.js';
import type { QuerySource } from '../query/querySource.js';
import { runQuery } from '../query/runQuery.js';
import {
  defaultCacheBytes,
  openSourceCache,
  queryCacheDir,
  type SourceCache,
} from '../query/sourceCache.js';
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
 * `query.run` and `query.cancel`. The DuckDB worker starts with the first query and stays for
 * the next; the cache lives in `<dataDir>/query-cache`. Several queries may run at once, each
 * stopped by its own `queryId`.
 */
export function createQueryHandlers(
  connections: Connections,
  dataDir: string,
): Pick<Handlers, 'query.run' | 'query.cancel'> {
  let engine: QueryEngine | undefined;
  let cache: Promise<SourceCache> | undefined;
  const running = new Map<string, AbortController>();
  return {
    'query.run': async ({ connectionId, container, path, sql, version, queryId, maxRows }) => {
      const controller = new AbortController();
      running.get(queryId)?.abort();
      running.set(queryId, controller);
      try {
        engine ??= createQueryEngine();
        cache ??= openSourceCache(queryCacheDir(dataDir), defaultCacheBytes);
        const access = await connections.access(connectionId, 'transfer');
        const answer = await runQuery(
          { engine, cache: await cache },
          access.container(container),
          path,
          sql,
          {
            maxRows: maxRows ?? maxQueryRows,
            signal: controller.signal,
            ...(version === undefined ? {} : { version }),
          },
        );
        return { ...answer.result, source: sourceSummary(answer.source), cache: answer.cache };
      } finally {
        if (running.get(queryId) === controller) running.delete(queryId);
      }
    },
    'query.cancel': async ({ queryId }) => {
      running.get(queryId)?.abort();
      return null;
    },
  };
}
