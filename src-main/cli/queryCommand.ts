import type { QuerySaveProgress } from '../../shared/contract/index.js';
import type { CliCredential } from './cliCredential.js';
import { resolveDataDir } from '../platform/dataDir.js';
import { createQueryEngine } from '../query/queryEngine.js';
import { resultCsv, resultTable } from '../query/resultText.js';
import { runQuery } from '../query/runQuery.js';
import {
  saveQueryResult,
  type ResultFormat,
  type SaveDestination,
} from '../query/saveQueryResult.js';
import type { ParquetCodec } from '../query/convertFile.js';
import { openSourceCache, queryCacheDir } from '../query/sourceCache.js';
import { sourceSummary } from '../service/queryHandlers.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import { bytesText, count, mibText } from './cpOutput.js';
import { terminalProgress, type CliIo } from './output.js';
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
  /** `--out`: save every row of the result instead of printing it. */
  save?: QuerySave;
}

/** Where and how `--out` saves a result: a local file, or a blob with its own credential. */
export interface QuerySave {
  to:
    | { kind: 'local'; file: string }
    | { kind: 'blob'; location: BlobLocation; credential: CliCredential };
  format: ResultFormat;
  codec: ParquetCodec;
  overwrite: boolean;
}

function saveDestination(save: QuerySave): SaveDestination {
  if (save.to.kind === 'local') return save.to;
  const { location, credential } = save.to;
  if (!location.container || !location.path || location.path.endsWith('/'))
    failWith('InvalidInput', '--out needs the URL of a blob: …/<container>/<path>.');
  return {
    kind: 'blob',
    container: openAccount(credential).container(location.container!),
    blobName: location.path,
  };
}

/**
 * The progress line of `query --out` on a terminal: `Writing parquet (42%)` while DuckDB runs
 * the query into the file (the percentage once DuckDB estimates one), then `Uploading to
 * c/path: 1.0 of 3.0 MiB`.
 */
export function saveProgressLine(
  progress: QuerySaveProgress,
  format: string,
  where: string,
): string {
  if (progress.phase === 'writing')
    return `Writing ${format}${progress.fraction === undefined ? '' : ` (${Math.floor(progress.fraction * 100)}%)`}`;
  return `Uploading to ${where}: ${mibText(progress.bytesSent)} of ${mibText(progress.bytes)} MiB`;
}

/**
 * `lakeshore query <url> <sql>`: fetches what the URL names into the query cache through the
 * transfer engine and runs `sql` over it in DuckDB, the source being view `t`. Prints a text
 * table, CSV or one JSON object; with `save` (`--out`) it saves every row of the result as CSV
 * or Parquet to a local file or a blob instead (see `saveQueryResult`), saying how far it is on a
 * terminal's stderr (`saveProgressLine`), and prints what it wrote. Rejects with `InvalidInput` when the URL names no container,
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
    if (options.save) {
      const destination = saveDestination(options.save);
      const format = options.save.format;
      const where =
        destination.kind === 'local'
          ? destination.file
          : `${destination.container.containerName}/${destination.blobName}`;
      const line = terminalProgress(io, options.output !== 'json');
      const report = await saveQueryResult(
        { engine, cache },
        container,
        location.path,
        options.sql,
        destination,
        {
          format: options.save.format,
          codec: options.save.codec,
          overwrite: options.save.overwrite,
          signal: controller.signal,
          onProgress: (p) => line.draw(saveProgressLine(p, format, where)),
          ...(options.version === undefined ? {} : { version: options.version }),
        },
      )
        .finally(() => line.clear())
        .catch((e: unknown) => {
          if (controller.signal.aborted)
            throw new Interrupted('Interrupted; the query was stopped and nothing was saved.');
          if (e instanceof LakeFailure && e.error.code === 'AlreadyExists')
            throw new LakeFailure({ ...e.error, message: `${e.error.message} (--overwrite)` });
          throw e;
        });
      io.stdout(
        options.output === 'json'
          ? `${JSON.stringify({ ...report, format: options.save.format, destination: where })}\n`
          : `Saved ${count(report.rowsWritten, 'row')} (${bytesText(report.bytes)} bytes of ${format}) to ${where}\n`,
      );
      return;
    }
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
