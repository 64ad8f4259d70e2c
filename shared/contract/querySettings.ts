import { z } from 'zod';

/** Settings of SQL queries and conversions (DuckDB in its worker, the local file cache). */
export interface QuerySettings {
  /** DuckDB's `memory_limit`, MiB (https://duckdb.org/docs/configuration/overview). */
  memoryLimitMiB: number;
  /** Most MiB the query cache keeps on disk (least recently used files evicted). */
  cacheMiB: number;
}

/** Each query setting as Settings shows it, with its bounds: declared once, the schema derived. */
export const querySettingFields: Array<{
  key: keyof QuerySettings;
  label: string;
  unit: 'MiB';
  min: number;
  max: number;
  default: number;
}> = [
  {
    key: 'memoryLimitMiB',
    label: 'DuckDB memory limit',
    unit: 'MiB',
    min: 64,
    max: 1024 * 1024,
    default: 1024,
  },
  {
    key: 'cacheMiB',
    label: 'Query cache size',
    unit: 'MiB',
    min: 1,
    max: 1024 * 1024 * 1024,
    default: 10 * 1024,
  },
];

/** The query settings when none is set: 1 GiB for DuckDB, a 10 GiB cache. */
export const defaultQuerySettings = Object.fromEntries(
  querySettingFields.map((f) => [f.key, f.default]),
) as unknown as QuerySettings;

/** Any subset of `QuerySettings`, whole MiB within each field's bounds. */
export const querySettingsSchema = z
  .object(
    Object.fromEntries(
      querySettingFields.map((f) => [f.key, z.number().int().min(f.min).max(f.max).optional()]),
    ) as Record<keyof QuerySettings, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
