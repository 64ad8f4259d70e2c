import type {
  ConvertArgs,
  InferredColumnSummary,
  InspectConversionResult,
} from '../../../shared/contract/index.js';
import { blobFieldsProblem, blobOf, type BlobFields } from './destination.js';
import type { QueryTarget } from './queryTable.js';

/** What the Convert form holds once the schema is in. */
export interface ConvertForm extends BlobFields {
  /** The type of each column as the user confirms it (starting from the sniffer's). */
  types: string[];
  codec: 'zstd' | 'snappy';
  /** Parquet rows per row group, as typed; empty: DuckDB's default (122,880). */
  rowGroupSize: string;
  /** Rows that may be rejected and the file still written, as typed. */
  maxRejects: string;
  overwrite: boolean;
}

/** What a conversion of `format` writes: Parquet from text, CSV from Parquet. */
export const targetFormatOf = (format: InspectConversionResult['sourceFormat']) =>
  format === 'parquet' ? ('csv' as const) : ('parquet' as const);

/** The extensions of the files Convert reads (CSV, TSV, NDJSON/JSON, Parquet), gzipped or not. */
const dataExtension = /\.(csv|tsv|ndjson|jsonl|json|parquet)(\.gz)?$/i;

/** Whether Convert can read `target`: a file with a data extension. */
export const isConvertible = (target: Pick<QueryTarget, 'kind' | 'path'>): boolean =>
  target.kind === 'file' && dataExtension.test(target.path);

/** `path` with its data extension (and `.gz`) replaced by `.parquet` or `.csv`. */
export const convertedName = (path: string, to: 'parquet' | 'csv'): string =>
  `${path.replace(dataExtension, '')}.${to}`;

/** The form as it opens: the inferred types, zstd, beside the source in its container. */
export function initialConvertForm(
  target: QueryTarget,
  inspected: InspectConversionResult,
): ConvertForm {
  return {
    types: inspected.schema.map((c) => c.type),
    codec: 'zstd',
    rowGroupSize: '',
    maxRejects: '0',
    connectionId: target.connectionId,
    container: target.container,
    path: convertedName(target.path, targetFormatOf(inspected.sourceFormat)),
    overwrite: false,
  };
}

const whole = (text: string, min: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min ? Number(text) : undefined;

/** What is wrong with the form (the first problem, naming its field), or undefined. */
export function convertFormProblem(form: ConvertForm): string | undefined {
  const bad = form.types.findIndex(
    (t) => !/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$/.test(t.trim()),
  );
  if (bad >= 0) return `Type of column ${bad + 1}: a DuckDB type, e.g. BIGINT or DECIMAL(10,2)`;
  if (form.rowGroupSize.trim() && whole(form.rowGroupSize, 1) === undefined)
    return 'Row group size: a whole number of rows, or empty for the default';
  if (whole(form.maxRejects, 0) === undefined) return 'Rows that may be rejected: 0 or more';
  return blobFieldsProblem(form, 'curated/x.parquet');
}

/** The columns whose type the user changed, as `transfers.enqueueConvert`'s `types`. */
export function changedTypes(
  schema: InferredColumnSummary[],
  types: string[],
): Record<string, string> {
  return Object.fromEntries(
    schema
      .map((c, i) => [c.name, (types[i] ?? c.type).trim()] as const)
      .filter(([, type], i) => type.toUpperCase() !== schema[i]!.type.toUpperCase()),
  );
}

/**
 * `transfers.enqueueConvert`'s arguments for the form: `types` holds the columns whose type the
 * user changed, or with `wholeSchema` every column's confirmed type (a folder: the schema
 * confirmed once is the one each file of its format is written with, as `lakeshore convert`
 * does, so the folder's files share it).
 */
export function convertArgsOf(
  target: QueryTarget,
  inspected: InspectConversionResult,
  form: ConvertForm,
  { wholeSchema = false }: { wholeSchema?: boolean } = {},
): ConvertArgs {
  const to = targetFormatOf(inspected.sourceFormat);
  const types = wholeSchema
    ? Object.fromEntries(
        inspected.schema.map((c, i) => [c.name, (form.types[i] ?? c.type).trim()] as const),
      )
    : changedTypes(inspected.schema, form.types);
  const rowGroupSize = whole(form.rowGroupSize, 1);
  return {
    source: { connectionId: target.connectionId, container: target.container, path: target.path },
    target: blobOf(form),
    to,
    ...(to === 'parquet' ? { codec: form.codec } : {}),
    ...(to === 'parquet' && rowGroupSize ? { rowGroupSize } : {}),
    ...(Object.keys(types).length > 0 ? { types } : {}),
    maxRejects: whole(form.maxRejects, 0) ?? 0,
    overwrite: form.overwrite,
  };
}
