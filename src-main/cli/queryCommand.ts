import type { CliCredential } from './cliCredential.js';
import { resolveDataDir } from '../platform/dataDir.js';
import { createQueryEngine } from '../query/queryEngine.js';
import { resultCsv, resultTable } from '../query/resultText.js';
import { runQuery } from '../query/runQuery.js';
import { openSourceCache, queryCacheDir } from '../query/sourceCache.js';
import { sourceSummary } from '../service/queryHandlers.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliIo } from './output.js';
import { Interrupted } from './usageError.js';

/** Options of `lakeshore query`. */
export interface QueryCommandOptions {
  sql: string;
  output: 'table' | 'csv' | 'json';
  /** Delta time travel. */
  version?: number;
  /** Rows printed at most (all are counted). */
  maxRows: number;
  /** DuckDB's memory limit, MiB. */
  memoryLimitMiB: number;
  /** The query cache's size, MiB. */
  cacheMiB: number;
}

/**
 * `lakeshore query <url> <sql>`: fetches what the URL names into the query cache through the
 * transfer engine and runs `sql` over it in DuckDB, the source being view `t`. Prints a text
 * table, CSV or one JSON object. Rejects with `InvalidInput` when the URL names no container,
 * with DuckDB's error as `InvalidInput`, with `Interrupted` on Ctrl-C (the query interrupted).
 */
export async function queryCommand(
  location: BlobLocation,
  credential: CliCredential,
  options: QueryCommandOptions,
  io: CliIo,
): Promise<void> {
  if (!location.container)
    failWith(
      'InvalidInput',
      'query needs the URL of a file, folder or Delta table: …/<container>/<path>.',
    );
  const container = openAccount(credential).container(location.container!);
  const controller = new AbortController();
  io.onInterrupt?.(() => controller.abort());
  const engine = createQueryEngine({ memoryLimitMiB: options.memoryLimitMiB });
  try {
    const cache = await openSourceCache(
      queryCacheDir(resolveDataDir(io.env)),
      options.cacheMiB * 1024 * 1024,
    );
    const answer = await runQuery({ engine, cache }, container, location.path, options.sql, {
      maxRows: options.maxRows,
      signal: controller.signal,
      ...(options.version === undefined ? {} : { version: options.version }),
    }).catch((e: unknown) => {
      if (controller.signal.aborted) throw new Interrupted('Interrupted; the query was stopped.');
      throw e;
    });
    if (options.output === 'csv') io.stdout(resultCsv(answer.result));
    else if (options.output === 'json') {
      const { source } = answer;
      io.stdout(
        `${JSON.stringify({
          ...answer.result,
          source: sourceSummary(source),
          cache: answer.cache,
        })}\n`,
      );
    } else {
      io.stdout(resultTable(answer.result));
      if (answer.source.kind === 'delta')
        io.stderr(
          `Delta table at version ${answer.source.version} of ${answer.source.latestVersion}.\n`,
        );
    }
  } finally {
    await engine.close();
  }
}
