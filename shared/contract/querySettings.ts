import { defaultsOf, schemaOf, type NumberSettingField } from './settingFields.js';

/** Settings of SQL queries and conversions (DuckDB in its worker, the local file cache). */
export interface QuerySettings {
  /** DuckDB's `memory_limit`, MiB (https://duckdb.org/docs/configuration/overview). */
  memoryLimitMiB: number;
  /** Most MiB the query cache keeps on disk (least recently used files evicted). */
  cacheMiB: number;
}

/** Each query setting as Settings shows it, with its bounds: declared once, the schema derived. */
export const querySettingFields: NumberSettingField<keyof QuerySettings>[] = [
  {
    key: 'memoryLimitMiB',
    label: 'DuckDB memory limit',
    unit: 'MiB',
    scale: 1,
    min: 64,
    max: 1024 * 1024,
    default: 1024,
    whole: true,
  },
  {
    key: 'cacheMiB',
    label: 'Query cache size',
    unit: 'MiB',
    scale: 1,
    min: 1,
    max: 1024 * 1024 * 1024,
    default: 10 * 1024,
    whole: true,
  },
];

/** The query settings when none is set: 1 GiB for DuckDB, a 10 GiB cache. */
export const defaultQuerySettings: QuerySettings = defaultsOf(querySettingFields);

/** Any subset of `QuerySettings`, whole MiB within each field's bounds. */
export const querySettingsSchema = schemaOf(querySettingFields);
