import type { DeltaField, DeltaType } from '../preview/delta/schema.js';
import { physicalName } from '../preview/delta/schema.js';
import type { DataFormat, QuerySource } from './querySource.js';

/** The name a query's source is registered under. */
export const viewName = 't';

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A quoted SQL identifier. */
export const sqlIdentifier = (s: string): string => `"${s.replace(/"/g, '""')}"`;

const list = (paths: string[]) => `[${paths.map(sqlString).join(', ')}]`;

/**
 * The DuckDB table function reading `paths` of `format`: `read_parquet`, `read_csv` (auto
 * detection, tab for TSV) or `read_json` (newline-delimited or an array, detected), with
 * `union_by_name` so several files whose columns differ line up by name (left out for one
 * file, where it changes nothing and costs about a millisecond a query in bench:query), and hive-style partition
 * folders as columns when `hive` (https://duckdb.org/docs/data/partitioning/hive_partitioning).
 */
export function readFunction(format: DataFormat, paths: string[], hive: boolean): string {
  const common = `hive_partitioning = ${hive}${paths.length > 1 ? ', union_by_name = true' : ''}`;
  switch (format) {
    case 'parquet':
      return `read_parquet(${list(paths)}, ${common})`;
    case 'csv':
      return `read_csv(${list(paths)}, ${common})`;
    case 'tsv':
      return `read_csv(${list(paths)}, delim = '\\t', ${common})`;
    case 'json':
      return `read_json(${list(paths)}, ${common})`;
  }
}

const primitive: Record<string, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
  timestamp_ntz: 'TIMESTAMP',
};

/**
 * The DuckDB type of a Delta primitive type (Delta protocol "Primitive Types":
 * https://github.com/delta-io/delta/blob/master/PROTOCOL.md#primitive-types); nested types
 * are left to the data files, so `undefined`.
 */
export function duckdbTypeOf(type: DeltaType): string | undefined {
  if (typeof type !== 'string') return undefined;
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return `DECIMAL(${decimal[1]}, ${decimal[2]})`;
  return primitive[type];
}

const fileColumn = '__lakeshore_file';

/** A partition value as a typed SQL literal (Delta protocol "Partition Value Serialization"). */
const partitionLiteral = (value: string | null | undefined, field: DeltaField | undefined) => {
  const type = (field && duckdbTypeOf(field.type)) ?? 'VARCHAR';
  return value === null || value === undefined
    ? `CAST(NULL AS ${type})`
    : `CAST(${sqlString(value)} AS ${type})`;
};

/**
 * The statement registering `source` as the temporary view `t`, reading `localPaths` (the
 * cached copies, in the order of the source's files). A Delta table's columns come in its
 * schema's order under their logical names (column mapping's physical names read from the
 * files); its partition columns come from each file's `partitionValues` in the log, typed by the
 * schema (Delta protocol "Partition Value Serialization"), never from folder names.
 */
export function createViewSql(source: QuerySource, localPaths: string[]): string {
  const view = `CREATE OR REPLACE TEMP VIEW ${viewName} AS `;
  if (source.kind === 'file')
    return `${view}SELECT * FROM ${readFunction(source.format, localPaths, false)}`;
  if (source.kind === 'folder')
    return `${view}SELECT * FROM ${readFunction(source.format, localPaths, true)}`;
  const partitions = new Set(source.partitionColumns);
  const byName = new Map(source.fields.map((f) => [f.name, f]));
  if (source.files.length === 0) {
    const columns = source.fields.map(
      (f) => `CAST(NULL AS ${duckdbTypeOf(f.type) ?? 'VARCHAR'}) AS ${sqlIdentifier(f.name)}`,
    );
    return `${view}SELECT ${columns.join(', ')} WHERE false`;
  }
  const select = source.fields.map((f) =>
    partitions.has(f.name)
      ? `p.${sqlIdentifier(f.name)}`
      : `d.${sqlIdentifier(physicalName(f))} AS ${sqlIdentifier(f.name)}`,
  );
  const data = `read_parquet(${list(localPaths)}, hive_partitioning = false, union_by_name = true, filename = ${sqlString(fileColumn)})`;
  if (partitions.size === 0) return `${view}SELECT ${select.join(', ')} FROM ${data} AS d`;
  const values = source.files.map(
    (file, i) =>
      `(${[
        sqlString(localPaths[i]!),
        ...source.partitionColumns.map((c) =>
          partitionLiteral(file.partitionValues[c], byName.get(c)),
        ),
      ].join(', ')})`,
  );
  const names = [fileColumn, ...source.partitionColumns].map(sqlIdentifier).join(', ');
  return (
    `${view}SELECT ${select.join(', ')} FROM ${data} AS d ` +
    `JOIN (VALUES ${values.join(', ')}) AS p(${names}) ON d.${sqlIdentifier(fileColumn)} = p.${sqlIdentifier(fileColumn)}`
  );
}
