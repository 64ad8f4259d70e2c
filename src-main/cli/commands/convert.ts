import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { parquetCodecs } from '../../query/convertFile.js';
import { formatOf } from '../../query/querySource.js';
import { defaultMemoryLimitMiB } from '../../query/queryEngine.js';
import {
  credentialFor,
  storageUrl,
  wholeNumber,
  withCredentialOptions,
  withPatternOptions,
} from '../commonOptions.js';
import { convertCommand, convertFolderCommand, sourceKind } from '../convertCommand.js';
import type { CliIo } from '../output.js';
import { failWith } from '../../storage/toLakeError.js';
import { UsageError } from '../usageError.js';

/** Whether the path of the storage URL `arg` (already parsed by `storageUrl`) ends in `/`. */
const endsInSlash = (arg: string): boolean => {
  try {
    return new URL(arg).pathname.endsWith('/');
  } catch {
    return false;
  }
};

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

// Lines wrapped here: the indented examples keep commander from re-wrapping the text, and in the
// description (not after the help) it is in docs/cli.md too.
const description = `Convert a blob, or every file of a folder: CSV, TSV or NDJSON to Parquet, or Parquet to
CSV, into any container of any account (each URL takes its own credential from the URL or the
environment). DuckDB infers the schema (printed); rows it cannot read are listed with their line
and, beyond --max-rejects, that file is not written. Each file is uploaded through the transfer
engine and appears under its name only when complete.

A folder (a source URL ending in /, the container, or a path with blobs below it and no blob of
its own) converts every file below it, in its subfolders too, by extension as the app's folder
conversion does: CSV, TSV and NDJSON (and their .gz) to Parquet, or, when the folder holds only
Parquet or with --to csv, Parquet to CSV. Each file goes to the same relative path under the
target folder with the new extension (raw/in/2026/a.csv → curated/out/2026/a.parquet). Names
writers leave beside data (_SUCCESS, .crc, _delta_log/), other formats and empty blobs are
skipped and listed. The schema DuckDB infers for the first file is printed once and applied to
every file of its format. A file that fails is reported with its error and the others go on;
the exit code is 1 when any failed. The target of a folder is a folder, never a blob name.

Examples (a and b are two accounts):
  lakeshore convert https://a.blob.core.windows.net/raw/sales.csv \\
    https://b.blob.core.windows.net/curated/sales.parquet
  lakeshore convert https://a.blob.core.windows.net/curated/sales.parquet \\
    https://a.blob.core.windows.net/raw/sales.csv
  lakeshore convert https://a.blob.core.windows.net/raw/2026/ \\
    https://b.blob.core.windows.net/curated/2026/ --dry-run
  lakeshore convert https://a.blob.core.windows.net/raw/2026/ \\
    https://b.blob.core.windows.net/curated/ --include-pattern '*.csv' --json`;

/** `lakeshore convert <src> <dst>`: CSV/TSV/NDJSON → Parquet, Parquet → CSV, one blob or a folder, between any accounts. */
export function registerConvert(program: Command, io: CliIo): void {
  const command = program
    .command('convert')
    .summary('convert CSV/TSV/NDJSON to Parquet or Parquet to CSV, one blob or a folder')
    .description(description)
    .argument('<src>', 'source blob URL, or folder URL (…/<container>/<folder>/)')
    .argument('<dst>', 'target blob URL, or folder URL for a folder source')
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
    .option('--overwrite', 'replace a target that exists (else that file fails: AlreadyExists)')
    .option('--dry-run', 'print the schema and, per file, the target and the counts; write nothing')
    .option(
      '--memory-limit <MiB>',
      "DuckDB's memory limit",
      wholeNumber(64, 1024 * 1024),
      defaultMemoryLimitMiB,
    )
    .option('--json', 'the report as one JSON object (of a folder: every file in it)');
  withCredentialOptions(withPatternOptions(command)).action(async (src, dst, options) => {
    const source = storageUrl(src);
    const target = storageUrl(dst);
    const sourceEnd = {
      location: source,
      credential: credentialFor(source, options, io),
      endsInSlash: endsInSlash(src),
    };
    const targetEnd = {
      location: target,
      credential: credentialFor(target, options, io),
      endsInSlash: endsInSlash(dst),
    };
    const common = {
      codec: options.codec,
      maxRejects: options.maxRejects,
      overwrite: options.overwrite === true,
      dryRun: options.dryRun === true,
      json: options.json === true,
      memoryLimitMiB: options.memoryLimit,
      ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}),
      ...(options.types ? { types: options.types } : {}),
    };
    const kind = await sourceKind(sourceEnd);
    if (kind === 'missing')
      failWith(
        'NotFound',
        `${source.container}/${source.path} does not exist: no blob has that name or is below it.`,
      );
    if (kind === 'folder') {
      await convertFolderCommand(
        sourceEnd,
        targetEnd,
        {
          ...common,
          ...(options.to ? { to: options.to } : {}),
          ...(options.includePattern ? { include: options.includePattern } : {}),
          ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
        },
        io,
      );
      return;
    }
    if (options.includePattern || options.excludePattern)
      throw new UsageError(
        '--include-pattern and --exclude-pattern choose the files of a folder; the source is one blob.',
      );
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
    await convertCommand(sourceEnd, targetEnd, { to, ...common }, io);
  });
}
