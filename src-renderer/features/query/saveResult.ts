import type {
  QuerySaveArgs,
  QuerySaveProgressEvent,
  SaveDestinationArgs,
} from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';
import { blobFieldsProblem, blobOf, type LocalFields } from './destination.js';
import type { QueryTarget } from './queryTable.js';

/** Formats a result is saved as. */
export type SaveFormat = QuerySaveArgs['format'];

/** What the Save result form holds. */
export interface SaveForm extends LocalFields {
  format: SaveFormat;
  codec: 'zstd' | 'snappy';
  /** Remote: connection, container and blob name. */
  connectionId: string;
  container: string;
  blobPath: string;
  overwrite: boolean;
}

const baseName = (path: string) => {
  const last = path.replace(/\/+$/, '').split('/').pop() || 'result';
  return last.replace(/\.(csv|tsv|ndjson|jsonl|json|parquet)(\.gz)?$/i, '');
};

/** `name.ext` with its extension set to `format`'s (`.csv`, `.parquet`), replacing one of them. */
export const withExtension = (name: string, format: SaveFormat): string =>
  `${name.replace(/\.(csv|parquet)$/i, '')}.${format}`;

/**
 * The form as it opens on `target`: CSV into `folder` (the download folder) as
 * `<source name>-result.csv`, or into `results/` of the same container.
 */
export function initialSaveForm(target: QueryTarget, folder: string): SaveForm {
  const name = `${baseName(target.path)}-result.csv`;
  return {
    format: 'csv',
    codec: 'zstd',
    where: 'local',
    folder,
    fileName: name,
    connectionId: target.connectionId,
    container: target.container,
    blobPath: `results/${name}`,
    overwrite: false,
  };
}

/** The form with `format` chosen, both names' extensions following it. */
export const withFormat = (form: SaveForm, format: SaveFormat): SaveForm => ({
  ...form,
  format,
  fileName: withExtension(form.fileName, format),
  blobPath: withExtension(form.blobPath, format),
});

/** The local path of `fileName` in `folder`, with the folder's own separator (`\` for a Windows path). */
export function joinLocal(folder: string, fileName: string): string {
  const separator = /^[A-Za-z]:[\\/]|^\\\\/.test(folder) ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${fileName}`;
}

/** What is wrong with the form (the first problem, in the words of its field), or undefined. */
export function saveFormProblem(form: SaveForm): string | undefined {
  if (form.where === 'local') {
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(form.folder)) return 'Folder: an absolute path';
    if (!form.fileName.trim() || /[\\/]/.test(form.fileName))
      return 'File name: a name without a folder';
    return undefined;
  }
  return blobFieldsProblem({ ...form, path: form.blobPath }, 'results/out.csv');
}

/** The destination of `query.save` the form names. */
export function destinationOf(form: SaveForm): SaveDestinationArgs {
  return form.where === 'local'
    ? { kind: 'local', path: joinLocal(form.folder, form.fileName.trim()) }
    : { kind: 'remote', ...blobOf({ ...form, path: form.blobPath }) };
}

/** What the dialog shows of a save under way: a line of text, and the bar's fraction (0–1; undefined: indeterminate). */
export interface SaveProgressView {
  text: string;
  fraction: number | undefined;
}

/**
 * The dialog's view of `progress` (the last `query.saveProgress` event, or none yet) for a save to
 * a blob (`remote`: two steps, writing then uploading) or to a local file (one). DuckDB's fraction
 * is shown once above 0 (it reports 0 for work it cannot estimate); bytes as `formatSize`.
 */
export function saveProgressView(
  progress: QuerySaveProgressEvent | undefined,
  remote: boolean,
): SaveProgressView {
  const step = (n: number) => (remote ? `Step ${n} of 2: ` : '');
  if (progress?.phase === 'uploading') {
    const fraction = progress.bytes > 0 ? progress.bytesSent / progress.bytes : 1;
    return {
      text: `${step(2)}uploading, ${formatSize(progress.bytesSent)} of ${formatSize(progress.bytes)} (${Math.floor(fraction * 100)}%)`,
      fraction,
    };
  }
  const fraction =
    progress?.fraction !== undefined && progress.fraction > 0 ? progress.fraction : undefined;
  return {
    text: `${step(1)}DuckDB is running the query and writing the file${fraction === undefined ? '…' : ` (${Math.floor(fraction * 100)}%)`}`,
    fraction,
  };
}
