import { Option, type Command } from '@commander-js/extra-typings';
import { defaultMemoryLimitMiB } from '../../query/queryEngine.js';
import { defaultCacheBytes } from '../../query/sourceCache.js';
import { credentialFor, storageUrl, wholeNumber, withCredentialOptions } from '../commonOptions.js';
import type { CliIo } from '../output.js';
import { queryCommand } from '../queryCommand.js';
import { UsageError } from '../usageError.js';

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
    .option('--csv', 'the rows as CSV (RFC 4180) with a header row')
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
    await queryCommand(
      location,
      credentialFor(location, options, io),
      {
        sql,
        output: options.json ? 'json' : options.csv ? 'csv' : 'table',
        maxRows: options.maxRows,
        memoryLimitMiB: options.memoryLimit,
        cacheMiB: options.cacheMib,
        ...(options.asOf === undefined ? {} : { version: options.asOf }),
      },
      io,
    );
  });
}
