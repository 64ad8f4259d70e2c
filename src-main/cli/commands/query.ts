import { Option, type Command } from '@commander-js/extra-typings';
import path from 'node:path';
import { parquetCodecs } from '../../query/convertFile.js';
import { defaultMemoryLimitMiB } from '../../query/queryEngine.js';
import { formatOf } from '../../query/querySource.js';
import { resultFormats } from '../../query/saveQueryResult.js';
import { defaultCacheBytes } from '../../query/sourceCache.js';
import {
  credentialFor,
  isStorageUrl,
  storageUrl,
  wholeNumber,
  withCredentialOptions,
} from '../commonOptions.js';
import type { CliIo } from '../output.js';
import { queryCommand, type QuerySave } from '../queryCommand.js';
import { UsageError } from '../usageError.js';

/** `--out` and its options as `queryCommand` takes them. */
function saveOption(
  out: string,
  options: Parameters<typeof credentialFor>[1] & {
    outFormat?: (typeof resultFormats)[number];
    codec: (typeof parquetCodecs)[number];
    overwrite?: true;
  },
  io: CliIo,
): QuerySave {
  const inferred = formatOf(out);
  const format =
    options.outFormat ??
    (inferred === 'csv' || inferred === 'parquet'
      ? inferred
      : (() => {
          throw new UsageError(
            `Cannot tell the format of --out ${out}: name it .csv or .parquet, or pass --out-format csv|parquet.`,
          );
        })());
  const to: QuerySave['to'] = isStorageUrl(out)
    ? (() => {
        const location = storageUrl(out);
        return { kind: 'blob', location, credential: credentialFor(location, options, io) };
      })()
    : { kind: 'local', file: path.resolve(out) };
  return { to, format, codec: options.codec, overwrite: options.overwrite === true };
}

/** `lakeshore query <url> <sql>`: SQL over a file, a folder of files or a Delta table. */
export function registerQuery(program: Command, io: CliIo): void {
  const command = program
    .command('query')
    .summary('run SQL (DuckDB) over a file, a folder or a Delta table')
    .description(
      'Run SQL over a CSV/TSV, NDJSON/JSON or Parquet file, a folder of them (hive-style key=value ' +
        'folders become columns) or a Delta table (its active files replayed from the log), ' +
        'registered as the view t. The files are fetched through the transfer engine into a ' +
        'local cache (kept by URL and ETag, least recently used evicted), then DuckDB reads them.',
    )
    .argument('<url>', 'file, folder or Delta table URL')
    .argument('<sql>', 'the query, e.g. "SELECT * FROM t LIMIT 100"')
    .addOption(
      new Option('--json', 'one JSON object: columns, rows, rowCount, elapsedMs').conflicts('csv'),
    )
    .addOption(new Option('--csv', 'the rows as CSV (RFC 4180) with a header row').conflicts('out'))
    .option(
      '--out <file-or-url>',
      'save every row of the result to a local file or a blob URL (any account) instead of printing it',
    )
    .addOption(
      new Option(
        '--out-format <format>',
        'format of --out (default: from its extension, .csv or .parquet)',
      ).choices(resultFormats),
    )
    .addOption(
      new Option('--codec <codec>', 'Parquet compression of --out')
        .choices(parquetCodecs)
        .default('zstd' as const),
    )
    .option('--overwrite', 'replace what is at --out')
    .option(
      '--as-of <version>',
      "Delta table version to read (time travel; --version prints the program's version)",
      wholeNumber(0, Number.MAX_SAFE_INTEGER),
    )
    .option(
      '--max-rows <n>',
      'rows printed at most (all are counted)',
      wholeNumber(1, 10_000_000),
      10_000,
    )
    .option(
      '--memory-limit <MiB>',
      "DuckDB's memory limit",
      wholeNumber(64, 1024 * 1024),
      defaultMemoryLimitMiB,
    )
    .option(
      '--cache-mib <MiB>',
      'size of the local query cache',
      wholeNumber(1, 1024 * 1024 * 1024),
      defaultCacheBytes / 1024 / 1024,
    );
  withCredentialOptions(command).action(async (url, sql, options) => {
    if (sql.trim() === '') throw new UsageError('The SQL is empty.');
    const location = storageUrl(url);
    const save = options.out === undefined ? undefined : saveOption(options.out, options, io);
    await queryCommand(
      location,
      credentialFor(location, options, io),
      {
        sql,
        output: options.json ? 'json' : options.csv ? 'csv' : 'table',
        maxRows: options.maxRows,
        memoryLimitMiB: options.memoryLimit,
        cacheMiB: options.cacheMib,
        ...(save ? { save } : {}),
        ...(options.asOf === undefined ? {} : { version: options.asOf }),
      },
      io,
    );
  });
}
