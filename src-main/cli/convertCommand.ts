import type { ContainerClient } from '@azure/storage-blob';
import type { LakeError } from '../../shared/contract/index.js';
import { resolveDataDir } from '../platform/dataDir.js';
import {
  convertFile,
  inferSchema,
  rejectedLine,
  type ConvertOptions,
  type ConvertReport,
  type InferredColumn,
} from '../query/convertFile.js';
import { createQueryEngine } from '../query/queryEngine.js';
import { defaultCacheBytes, openSourceCache, queryCacheDir } from '../query/sourceCache.js';
import { planFolderConversion } from '../service/convertFolder.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { ConvertProgress } from '../transfers/convertJob.js';
import { nameFilter, type NameFilters } from '../transfers/nameFilter.js';
import type { CliCredential } from './cliCredential.js';
import { bytesText, count, mibText } from './cpOutput.js';
import { terminalProgress, type CliIo } from './output.js';
import { Interrupted, UsageError } from './usageError.js';

/** One end of a conversion: where, with which credential, and whether its URL's path ended in `/` (a folder; `location.path` has no trailing `/`). */
export interface ConvertEnd {
  location: BlobLocation;
  credential: CliCredential;
  endsInSlash?: boolean;
}

const needBlob = (end: ConvertEnd, which: string) =>
  end.location.container && end.location.path
    ? { container: end.location.container, path: end.location.path }
    : failWith(
        'InvalidInput',
        `convert needs the URL of a blob as ${which}: …/<container>/<path>.`,
      );

const schemaLines = (schema: InferredColumn[]) =>
  schema.map((c) => `  ${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);

/**
 * Follows a conversion's `ConvertProgress` as one terminal line: `Reading c/a.csv (1024.0 MiB)`,
 * `Converting to parquet (42%)` (once DuckDB estimates it), `Writing c/a.parquet (19.0 MiB)`.
 */
export function convertProgressLines(
  source: string,
  target: string,
  to: 'parquet' | 'csv',
): (update: ConvertProgress) => string {
  const now: ConvertProgress = { phase: 'reading' };
  return (update) => {
    Object.assign(now, update);
    switch (now.phase) {
      case 'converting':
        return `Converting to ${to}${now.convertedFraction === undefined ? '' : ` (${Math.floor(now.convertedFraction * 100)}%)`}`;
      case 'writing':
        return `Writing ${target} (${mibText(now.bytesToWrite ?? 0)} MiB)`;
      default:
        return `Reading ${source} (${mibText(now.bytesToRead ?? 0)} MiB)`;
    }
  };
}

/** `1,000 rows (34,558 bytes of csv → 3,242 bytes)`. */
const sizes = (r: ConvertReport) =>
  `${count(r.rowsWritten, 'row')} (${bytesText(r.sourceBytes)} bytes of ${r.sourceFormat} → ${bytesText(r.targetBytes)} bytes)`;

/** The report as text: schema, rows, bytes, rejected rows with their lines. */
function reportText(report: ConvertReport, target: string): string {
  const rejected = report.rejected.map(rejectedLine);
  return [
    'Schema:',
    ...schemaLines(report.schema),
    `${report.written ? 'Wrote' : 'Would write'} ${sizes(report)} ${report.written ? 'to' : 'for'} ${target}`,
    ...(report.rejected.length > 0
      ? [
          `${report.rejected.length} row${report.rejected.length === 1 ? '' : 's'} rejected:`,
          ...rejected,
        ]
      : []),
  ]
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * `lakeshore convert <src> <dst>`: see `convertFile`. Prints the schema, the rows written and
 * the rejected rows (text, or one JSON object with `--json`); Ctrl-C cancels, leaving nothing
 * under the target name (`Interrupted`).
 */
export async function convertCommand(
  source: ConvertEnd,
  target: ConvertEnd,
  options: Omit<ConvertOptions, 'signal'> & { json: boolean; memoryLimitMiB: number },
  io: CliIo,
): Promise<void> {
  const from = needBlob(source, 'the source');
  const to = needBlob(target, 'the target');
  const controller = new AbortController();
  io.onInterrupt?.(() => controller.abort());
  const engine = createQueryEngine({ memoryLimitMiB: options.memoryLimitMiB });
  try {
    const cache = await openSourceCache(queryCacheDir(resolveDataDir(io.env)), defaultCacheBytes);
    const { json, memoryLimitMiB: _limit, ...convert } = options;
    const line = terminalProgress(io, !json);
    const lineOf = convertProgressLines(
      `${from.container}/${from.path}`,
      `${to.container}/${to.path}`,
      options.to,
    );
    const report = await convertFile(
      { engine, cache },
      openAccount(source.credential).container(from.container),
      from.path,
      openAccount(target.credential).container(to.container),
      to.path,
      { ...convert, signal: controller.signal, onProgress: (p) => line.draw(lineOf(p)) },
    )
      .finally(() => line.clear())
      .catch((e: unknown) => {
        if (controller.signal.aborted)
          throw new Interrupted('Interrupted; the conversion was stopped and nothing was written.');
        throw e;
      });
    io.stdout(
      json ? `${JSON.stringify(report)}\n` : reportText(report, `${to.container}/${to.path}`),
    );
  } finally {
    await engine.close();
  }
}

/**
 * What the source URL of `lakeshore convert` names: a `folder` when its path is empty (the
 * container) or its URL ends in `/` (`endsInSlash`), or when no blob has its name (an HNS
 * directory marker, `hdi_isfolder`, is not one) and some blob is below it (List Blobs, one
 * result); a `file` when a blob has its name; `missing` when nothing is at or below it. Throws
 * what Get Blob Properties and List Blobs throw but a 404 of the blob.
 */
export async function sourceKind(source: ConvertEnd): Promise<'file' | 'folder' | 'missing'> {
  const { container, path } = source.location;
  if (!container) return 'file';
  if (path === '' || source.endsInSlash) return 'folder';
  const client = openAccount(source.credential).container(container);
  const properties = await client
    .getBlobClient(path)
    .getProperties()
    .catch((e: unknown) => {
      if ((e as { statusCode?: number }).statusCode === 404) return undefined;
      throw e;
    });
  if (properties && properties.metadata?.hdi_isfolder !== 'true') return 'file';
  const page = await client
    .listBlobsFlat({ prefix: `${path}/` })
    .byPage({ maxPageSize: 1 })
    .next();
  return (page.value?.segment.blobItems.length ?? 0) > 0 ? 'folder' : 'missing';
}

/** One file of a folder conversion: the paths, then what it did or why it failed. */
export type FolderFileReport = { sourcePath: string; targetPath: string } & (
  ConvertReport | { error: LakeError }
);

/** What `lakeshore convert` did with a folder (its `--json` object). */
export interface FolderConvertReport {
  source: string;
  target: string;
  to: 'parquet' | 'csv';
  dryRun: boolean;
  /** The schema DuckDB inferred for the first file (with `--types`), applied to every file of its format. */
  schema: InferredColumn[];
  files: FolderFileReport[];
  skipped: { path: string; reason: string }[];
  converted: number;
  failed: number;
}

/**
 * `lakeshore convert <folder> <folder>`: every file below the source folder that
 * `planFolderConversion` pairs with a target (the app's rules: recursively, by extension, the
 * same relative path under the target folder with the new extension; `filters` on file names)
 * is converted with `convertFile`, one after another. `to` unset means Parquet, or CSV when the
 * folder holds Parquet and nothing to write Parquet from. The schema DuckDB infers for the first
 * file (with `options.types`) is printed once and its column types are applied to every file of
 * that format (CSV/TSV; NDJSON and Parquet carry their own). A file that fails is reported with
 * its error and the others go on; the report is printed (text, or one JSON object with
 * `--json`), then, when any failed, it rejects with the first file's error code and a message
 * counting the failures (exit 1). Rejects with `UsageError` for a target that names a blob,
 * `NotFound` when nothing is below the folder or nothing there converts, `Interrupted` on
 * Ctrl-C (the file being converted is not written; those before it are kept).
 */
export async function convertFolderCommand(
  source: ConvertEnd,
  target: ConvertEnd,
  options: Omit<ConvertOptions, 'signal' | 'to'> &
    NameFilters & { to?: 'parquet' | 'csv'; json: boolean; memoryLimitMiB: number },
  io: CliIo,
): Promise<void> {
  const from = source.location;
  const to = target.location;
  if (!from.container) return failWith('InvalidInput', 'convert needs a container URL.');
  if (!to.container)
    throw new UsageError('The target of a folder conversion is a folder: …/<container>/[<path>/].');
  const lastSegment = to.path.slice(to.path.lastIndexOf('/') + 1);
  if (!target.endsInSlash && /\.[A-Za-z0-9]+$/.test(lastSegment))
    throw new UsageError(
      `${to.container}/${to.path} names a blob; a folder converts into a folder: give the target folder, ending in / (…/${to.container}/${to.path.slice(0, to.path.lastIndexOf('/') + 1)}).`,
    );
  const { json, memoryLimitMiB, include, exclude, to: asked, types, ...common } = options;
  const controller = new AbortController();
  const signal = controller.signal;
  io.onInterrupt?.(() => controller.abort());
  const sourceContainer: ContainerClient = openAccount(source.credential).container(from.container);
  const targetContainer = openAccount(target.credential).container(to.container);
  const named = nameFilter({
    ...(include ? { include } : {}),
    ...(exclude ? { exclude } : {}),
  });
  const plan = (format: 'parquet' | 'csv') =>
    planFolderConversion(sourceContainer, from.path, to.path, format, signal, named);
  let format = asked ?? 'parquet';
  let planned = await plan(format);
  if (!asked && planned.files.length === 0) {
    const csv = await plan('csv');
    if (csv.files.length > 0) [format, planned] = ['csv', csv];
  }
  const folder = `${from.container}/${from.path.replace(/\/+$/, '')}`;
  const first = planned.files[0];
  if (!first)
    return failWith(
      'NotFound',
      planned.skipped.length === 0
        ? `${folder}/ does not exist: no blob is below it.`
        : `${folder}/ holds no file to convert to ${format === 'parquet' ? 'Parquet' : 'CSV'} (${planned.skipped.length} skipped: ${planned.skipped[0]!.path}, ${planned.skipped[0]!.reason}${planned.skipped.length > 1 ? ', …' : ''}).`,
    );
  const engine = createQueryEngine({ memoryLimitMiB });
  const line = terminalProgress(io, !json);
  const files: FolderFileReport[] = [];
  const where = (path: string) => `${to.container}/${path}`;
  let schema: InferredColumn[];
  try {
    const cache = await openSourceCache(queryCacheDir(resolveDataDir(io.env)), defaultCacheBytes);
    const deps = { engine, cache };
    const inferred = await inferSchema(deps, sourceContainer, first.sourcePath, {
      ...(types ? { types } : {}),
      signal,
    });
    schema = inferred.schema;
    const confirmed = Object.fromEntries(schema.map((c) => [c.name, c.type]));
    if (!json)
      io.stdout(
        [
          `Schema of ${first.sourcePath}, applied to every ${first.format} file:`,
          ...schemaLines(schema),
        ]
          .map((l) => `${l}\n`)
          .join(''),
      );
    for (const file of planned.files) {
      const paths = { sourcePath: file.sourcePath, targetPath: file.targetPath };
      const arrow = `${from.container}/${file.sourcePath} → ${where(file.targetPath)}`;
      const lineOf = convertProgressLines(
        `${from.container}/${file.sourcePath}`,
        where(file.targetPath),
        format,
      );
      try {
        const report = await convertFile(
          deps,
          sourceContainer,
          file.sourcePath,
          targetContainer,
          file.targetPath,
          {
            ...common,
            to: format,
            ...(file.format === first.format ? { types: confirmed } : types ? { types } : {}),
            signal,
            onProgress: (p) => line.draw(lineOf(p)),
          },
        ).finally(() => line.clear());
        files.push({ ...paths, ...report });
        if (!json)
          io.stdout(
            [
              `${arrow}: ${report.written ? 'wrote' : 'would write'} ${sizes(report)}, ${report.rejected.length} rejected`,
              ...report.rejected.map(rejectedLine),
            ]
              .map((l) => `${l}\n`)
              .join(''),
          );
      } catch (e) {
        if (signal.aborted) throw e;
        const error = toLakeError(e);
        files.push({ ...paths, error });
        if (!json) io.stderr(`${arrow}: failed: ${error.code}: ${error.message}\n`);
      }
    }
  } catch (e) {
    if (signal.aborted) {
      const written = files.filter((f) => 'written' in f && f.written).length;
      throw new Interrupted(
        `Interrupted; ${written} of ${planned.files.length} files were written, the one being converted was not.`,
      );
    }
    throw e;
  } finally {
    await engine.close();
  }
  const failures = files.flatMap((f) => ('error' in f ? [{ path: f.sourcePath, ...f.error }] : []));
  const report: FolderConvertReport = {
    source: `${from.container}/${from.path}`,
    target: `${to.container}/${to.path}`,
    to: format,
    dryRun: common.dryRun === true,
    schema,
    files,
    skipped: planned.skipped,
    converted: files.length - failures.length,
    failed: failures.length,
  };
  if (json) io.stdout(`${JSON.stringify(report)}\n`);
  else {
    for (const s of planned.skipped)
      io.stdout(`Skipped ${from.container}/${s.path}: ${s.reason}\n`);
    io.stdout(
      `${common.dryRun ? 'Dry run: nothing was written; would convert' : 'Converted'} ${report.converted} of ${files.length} files, ${report.failed} failed, ${report.skipped.length} skipped\n`,
    );
  }
  const firstFailure = failures[0];
  if (firstFailure)
    throw new LakeFailure({
      code: firstFailure.code,
      message: `${failures.length} of ${files.length} files failed; the first, ${firstFailure.path}: ${firstFailure.message}`,
    });
}
