import type { ContainerClient } from '@azure/storage-blob';
import type {
  ConvertFolderFile,
  ConvertFolderPlan,
  JobSummary,
} from '../../shared/contract/index.js';
import { formatOf, type DataFormat } from '../query/querySource.js';
import { failWith } from '../storage/toLakeError.js';
import type { TransferEngine } from '../transfers/createTransferEngine.js';
import type { Handlers } from './dispatch.js';

type FolderArgs = Parameters<Handlers['transfers.enqueueConvertFolder']>[0];

/** A folder conversion's files with each one's format, and what was skipped. */
export interface FolderConversion {
  files: (ConvertFolderFile & { format: DataFormat })[];
  skipped: ConvertFolderPlan['skipped'];
}

const dataExtension = /\.(csv|tsv|ndjson|jsonl|json|parquet)(\.gz)?$/i;
const trimSlashes = (p: string) => p.replace(/\/+$/, '');

/**
 * Lists the blobs under the folder `sourcePath` of `container` (recursively, List Blobs flat, in
 * name order) and pairs each one convertible `to` the format asked with its target under
 * `targetPath`: the same path relative to the folder, its extension (with a `.gz`) replaced by
 * `.parquet` or `.csv` (an empty `sourcePath` or `targetPath` is the container's root).
 * Directory markers (HNS folders, `hdi_isfolder`) are left out; every other blob not converted
 * is in `skipped` with its reason: a name Spark, Hadoop and Delta writers leave beside data
 * (`_SUCCESS`, `.crc`, `_delta_log/`), a file name (its last segment) `named` refuses (the
 * CLI's `--include-pattern`/`--exclude-pattern`; default: every name), another format, empty,
 * or a target an earlier file already takes (`a.csv` and `a.tsv`). Throws what List Blobs throws.
 */
export async function planFolderConversion(
  container: ContainerClient,
  sourcePath: string,
  targetPath: string,
  to: 'parquet' | 'csv',
  signal?: AbortSignal,
  named: (name: string) => boolean = () => true,
): Promise<FolderConversion> {
  const sourceDir = trimSlashes(sourcePath);
  const prefix = sourceDir ? `${sourceDir}/` : '';
  const targetDir = trimSlashes(targetPath);
  const wanted = (f: DataFormat | undefined) =>
    to === 'parquet' ? f && f !== 'parquet' : f === 'parquet';
  const files: FolderConversion['files'] = [];
  const skipped: FolderConversion['skipped'] = [];
  const targets = new Map<string, string>();
  for await (const blob of container.listBlobsFlat({
    prefix,
    includeMetadata: true,
    ...(signal ? { abortSignal: signal } : {}),
  })) {
    if (blob.metadata?.hdi_isfolder === 'true') continue;
    const relative = blob.name.slice(prefix.length);
    const format = formatOf(relative);
    const skip = (reason: string) => skipped.push({ path: blob.name, reason });
    if (relative.split('/').some((s) => /^[._]/.test(s))) skip('written beside data, not data');
    else if (!named(relative.slice(relative.lastIndexOf('/') + 1)))
      skip('left out by the name patterns');
    else if (!wanted(format)) skip(to === 'parquet' ? 'not CSV, TSV or NDJSON' : 'not Parquet');
    else if (!blob.properties.contentLength) skip('empty');
    else {
      const target = `${targetDir ? `${targetDir}/` : ''}${relative.replace(dataExtension, `.${to}`)}`;
      const earlier = targets.get(target);
      if (earlier) skip(`${earlier} already converts to ${target}`);
      else {
        targets.set(target, blob.name);
        files.push({ sourcePath: blob.name, targetPath: target, format: format! });
      }
    }
  }
  return { files, skipped };
}

/**
 * `transfers.enqueueConvertFolder` over `engine`: plans with `planFolderConversion` (the source
 * container through `resolveContainer`), then enqueues one `enqueueConvert` job per file, the
 * confirmed `types` only on the files of the first file's format. `NotFound` when the folder
 * holds nothing to convert (the message counts what was skipped).
 */
export function createConvertFolderHandler(
  engine: () => Promise<TransferEngine<JobSummary>>,
  resolveContainer: (connectionId: string, container: string) => Promise<ContainerClient>,
): Pick<Handlers, 'transfers.enqueueConvertFolder'> {
  return {
    'transfers.enqueueConvertFolder': async (args: FolderArgs) => {
      const { dryRun, types, ...common } = args;
      const container = await resolveContainer(args.source.connectionId, args.source.container);
      const plan = await planFolderConversion(
        container,
        args.source.path,
        args.target.path,
        args.to,
      );
      const first = plan.files[0];
      if (!first)
        return failWith(
          'NotFound',
          `${args.source.path} holds no file to convert to ${args.to === 'parquet' ? 'Parquet' : 'CSV'}` +
            (plan.skipped.length ? ` (${plan.skipped.length} other skipped).` : '.'),
        );
      const firstFormat = first.format;
      const files = plan.files.map(({ sourcePath, targetPath }) => ({ sourcePath, targetPath }));
      if (dryRun) return { jobIds: [], files, skipped: plan.skipped };
      const jobs = await engine();
      const jobIds: string[] = [];
      for (const file of plan.files) {
        const ids = await jobs.enqueueConvert({
          ...common,
          source: { ...args.source, path: file.sourcePath },
          target: { ...args.target, path: file.targetPath },
          ...(types && file.format === firstFormat ? { types } : {}),
        });
        jobIds.push(...ids);
      }
      return { jobIds, files, skipped: plan.skipped };
    },
  };
}
