import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { parquetCodecs } from '../../query/convertFile.js';
import { formatOf } from '../../query/querySource.js';
import { defaultMemoryLimitMiB } from '../../query/queryEngine.js';
import { credentialFor, storageUrl, wholeNumber, withCredentialOptions } from '../commonOptions.js';
import { convertCommand } from '../convertCommand.js';
import type { CliIo } from '../output.js';

/** `name=TYPE,name=TYPE` → a column → DuckDB type map. */
const typeList = (value: string): Record<string, string> =>
  Object.fromEntries(
    value.split(',').map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0 || at === pair.length - 1)
        throw new InvalidArgumentError(
          'Expected name=TYPE pairs separated by commas, e.g. id=BIGINT,day=DATE.',
        );
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );

/** `lakeshore convert <src> <dst>`: CSV/TSV/NDJSON → Parquet, Parquet → CSV, between any accounts. */
export function registerConvert(program: Command, io: CliIo): void {
  const command = program
    .command('convert')
    .summary('convert CSV/TSV/NDJSON to Parquet or Parquet to CSV, between any accounts')
    .description(
      'Convert one blob: CSV, TSV or NDJSON to Parquet, or Parquet to CSV, into a blob of any ' +
        'container of any account (each URL takes its own credential from the URL or the ' +
        'environment). DuckDB infers the schema (printed); rows it cannot read are listed with ' +
        'their line and, beyond --max-rejects, nothing is written. The file is uploaded through ' +
        'the transfer engine and appears under its name only when complete.',
    )
    .argument('<src>', 'source blob URL')
    .argument('<dst>', 'target blob URL')
    .addOption(
      new Option(
        '--to <format>',
        'what to write (default: from the target extension, else parquet for text and csv for Parquet)',
      ).choices(['parquet', 'csv'] as const),
    )
    .addOption(
      new Option('--codec <codec>', 'Parquet compression')
        .choices(parquetCodecs)
        .default('zstd' as const),
    )
    .option(
      '--row-group-size <rows>',
      'Parquet rows per row group (DuckDB rounds to its vector size)',
      wholeNumber(1, 1_000_000_000),
    )
    .option(
      '--types <name=TYPE,…>',
      "override the types DuckDB's sniffer inferred (CSV/TSV)",
      typeList,
    )
    .option(
      '--max-rejects <n>',
      'rows that may be rejected and the file still written',
      wholeNumber(0, Number.MAX_SAFE_INTEGER),
      0,
    )
    .option('--overwrite', 'replace the target when it exists')
    .option('--dry-run', 'print the schema and the counts; write nothing')
    .option(
      '--memory-limit <MiB>',
      "DuckDB's memory limit",
      wholeNumber(64, 1024 * 1024),
      defaultMemoryLimitMiB,
    )
    .option('--json', 'the report as one JSON object');
  withCredentialOptions(command).action(async (src, dst, options) => {
    const source = storageUrl(src);
    const target = storageUrl(dst);
    const inferred = formatOf(target.path);
    const to =
      options.to ??
      (inferred === 'parquet'
        ? 'parquet'
        : inferred === 'csv'
          ? 'csv'
          : formatOf(source.path) === 'parquet'
            ? 'csv'
            : 'parquet');
    await convertCommand(
      { location: source, credential: credentialFor(source, options, io) },
      { location: target, credential: credentialFor(target, options, io) },
      {
        to,
        codec: options.codec,
        maxRejects: options.maxRejects,
        overwrite: options.overwrite === true,
        dryRun: options.dryRun === true,
        json: options.json === true,
        memoryLimitMiB: options.memoryLimit,
        ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}),
        ...(options.types ? { types: options.types } : {}),
      },
      io,
    );
  });
}
