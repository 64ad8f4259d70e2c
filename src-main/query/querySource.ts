import type { ContainerClient } from '@azure/storage-blob';
import { isDeltaTable } from '../preview/delta/deltaLog.js';
import { pathKey } from '../preview/delta/replay.js';
import { parseSchema, type DeltaField } from '../preview/delta/schema.js';
import { readTableAtVersion } from '../preview/delta/tableAtVersion.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import type { CachedBlob } from './sourceCache.js';

/** File formats DuckDB reads for a query (`read_csv`, `read_json`, `read_parquet`). */
export type DataFormat = 'csv' | 'tsv' | 'json' | 'parquet';

/** A Delta data file with its partition values (column → value text, `null` for null). */
export interface DeltaDataFile extends CachedBlob {
  partitionValues: Record<string, string | null>;
}

/**
 * What a query reads as the view `t`: one file or a folder's files of one format (a folder's
 * hive-style `key=value` folders become columns), or a Delta table's active files at a version.
 */
export type QuerySource =
  | { kind: 'file'; format: DataFormat; file: CachedBlob }
  | { kind: 'folder'; format: DataFormat; directory: string; files: CachedBlob[] }
  | {
      kind: 'delta';
      directory: string;
      version: number;
      latestVersion: number;
      fields: DeltaField[];
      partitionColumns: string[];
      files: DeltaDataFile[];
    };

const extensions: [RegExp, DataFormat][] = [
  [/\.parquet$/i, 'parquet'],
  [/\.tsv(\.gz)?$/i, 'tsv'],
  [/\.csv(\.gz)?$/i, 'csv'],
  [/\.(ndjson|jsonl|json)(\.gz)?$/i, 'json'],
];

/** The format a blob name's extension says (`.csv`, `.tsv`, `.json`/`.ndjson`/`.jsonl`, each optionally `.gz`; `.parquet`), or undefined. */
export const formatOf = (name: string): DataFormat | undefined =>
  extensions.find(([pattern]) => pattern.test(name))?.[1];

/** Names Spark, Hadoop and Delta writers leave beside data (`_SUCCESS`, `_delta_log/`, `.crc`): not data, skipped in a folder. */
const isHidden = (relative: string) => relative.split('/').some((s) => /^[._]/.test(s));

const blobUrl = (container: ContainerClient, name: string) =>
  `${container.url}/${name.split('/').map(encodeURIComponent).join('/')}`;

/**
 * Resolves `path` in `container` to what a query reads: a Delta table root (a folder holding
 * `_delta_log/`, at `version` or the latest), a blob, or a folder (all its data files, by
 * extension, which must share one format). Throws `LakeFailure`: `NotFound` when nothing is
 * there; `InvalidInput` for an unknown extension, a folder of no or mixed formats, `version`
 * given for something not a Delta table, and Delta tables this reader cannot read faithfully
 * (deletion vectors, absolute file paths); what the Delta reader throws.
 */
export async function resolveQuerySource(
  container: ContainerClient,
  path: string,
  options: { version?: number; signal?: AbortSignal } = {},
): Promise<QuerySource> {
  const signal = options.signal ?? new AbortController().signal;
  const directory = path.replace(/\/+$/, '');
  // A name with a data file's extension is most likely that blob: one Get Blob Properties
  // answers it without first listing `_delta_log/` (a folder so named falls through).
  if (!path.endsWith('/') && options.version === undefined && formatOf(directory)) {
    const file = await blobSource(container, directory, signal);
    if (file) return file;
  }
  if (directory && (await isDeltaTable(container, directory, signal)))
    return resolveDelta(container, directory, options.version, signal);
  if (options.version !== undefined)
    failWith('InvalidInput', `A version is for Delta tables; ${path} has no _delta_log/.`);
  if (!path.endsWith('/') && directory) {
    const file = await blobSource(container, directory, signal);
    if (file) return file;
  }
  const prefix = directory ? `${directory}/` : '';
  const files: CachedBlob[] = [];
  const formats = new Set<DataFormat>();
  for await (const blob of container.listBlobsFlat({ prefix, abortSignal: signal })) {
    const relative = blob.name.slice(prefix.length);
    const format = formatOf(relative);
    if (isHidden(relative) || !format || blob.properties.contentLength === 0) continue;
    formats.add(format);
    files.push({
      url: blobUrl(container, blob.name),
      etag: blob.properties.etag,
      size: blob.properties.contentLength ?? 0,
      blobName: blob.name,
    });
  }
  if (files.length === 0)
    failWith('NotFound', `${path || 'The container'} holds no .csv, .tsv, .json or .parquet file.`);
  if (formats.size > 1)
    failWith(
      'InvalidInput',
      `${path} holds files of several formats (${[...formats].join(', ')}); query one folder of one format.`,
    );
  return { kind: 'folder', format: [...formats][0]!, directory, files };
}

/** The blob `name` as a file source, or undefined when there is none (or a folder marker); `InvalidInput` for a blob of no data format. */
async function blobSource(
  container: ContainerClient,
  name: string,
  signal: AbortSignal,
): Promise<QuerySource | undefined> {
  try {
    const props = await container.getBlobClient(name).getProperties({ abortSignal: signal });
    if (props.metadata?.hdi_isfolder === 'true') return undefined;
    const format =
      formatOf(name) ??
      failWith(
        'InvalidInput',
        `${name} is not a file a query reads: give a .csv, .tsv, .json, .ndjson or .parquet file (or .gz of the text ones), a folder of them, or a Delta table.`,
      );
    return {
      kind: 'file',
      format,
      file: {
        url: blobUrl(container, name),
        etag: props.etag ?? '',
        size: props.contentLength ?? 0,
        blobName: name,
      },
    };
  } catch (e) {
    if (toLakeError(e).code !== 'NotFound') throw e;
    return undefined;
  }
}

async function resolveDelta(
  container: ContainerClient,
  directory: string,
  version: number | undefined,
  signal: AbortSignal,
): Promise<QuerySource> {
  const { plan, state } = await readTableAtVersion(container, directory, {
    ...(version === undefined ? {} : { version }),
    signal,
    withHistory: false,
  });
  const metaData =
    state.metaData ??
    failWith('InvalidInput', `Version ${plan.version} of the table has no metaData action.`);
  const fields = parseSchema(metaData.schemaString, `the metaData of version ${plan.version}`);
  const sizes = new Map<string, { etag: string; size: number }>();
  for await (const blob of container.listBlobsFlat({
    prefix: `${directory}/`,
    abortSignal: signal,
  }))
    sizes.set(blob.name, { etag: blob.properties.etag, size: blob.properties.contentLength ?? 0 });
  const files: DeltaDataFile[] = [];
  for (const add of state.files.values()) {
    if (add.deletionVector)
      failWith(
        'InvalidInput',
        `Version ${plan.version} has files with deletion vectors (${add.path}), which this reader does not apply; a query would count deleted rows.`,
      );
    const relative = pathKey(add.path);
    if (/^[a-z][a-z0-9+.-]*:/i.test(relative))
      failWith(
        'InvalidInput',
        `The table names a file by an absolute URI (${relative}), which this reader does not follow.`,
      );
    const blobName = `${directory}/${relative}`;
    const found =
      sizes.get(blobName) ??
      failWith(
        'NotFound',
        `Version ${plan.version} needs ${blobName}, which is not in the container (vacuumed or deleted).`,
      );
    files.push({
      url: blobUrl(container, blobName),
      blobName,
      ...found,
      partitionValues: add.partitionValues,
    });
  }
  return {
    kind: 'delta',
    directory,
    version: plan.version,
    latestVersion: plan.latestVersion,
    fields,
    partitionColumns: metaData.partitionColumns,
    files,
  };
}
