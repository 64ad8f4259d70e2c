import { DuckDBTypeId } from '@duckdb/node-api';
import type { Cell, ColumnType } from '../../shared/contract/preview.js';

const numberTypes = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);
const timestampTypes = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);
const nestedTypes = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.UNION,
  DuckDBTypeId.VARIANT,
]);

/** How the table view shows a DuckDB column type: sorting and alignment follow it. */
export function toQueryColumnType(typeId: DuckDBTypeId): ColumnType {
  if (numberTypes.has(typeId)) return 'number';
  if (typeId === DuckDBTypeId.BOOLEAN) return 'boolean';
  if (typeId === DuckDBTypeId.DATE) return 'date';
  if (timestampTypes.has(typeId)) return 'timestamp';
  if (typeId === DuckDBTypeId.BLOB) return 'binary';
  if (nestedTypes.has(typeId)) return 'json';
  return 'text';
}

/**
 * A cell from DuckDB's JSON conversion (`JsonDuckDBValueConverter`): numbers within 2^53 as
 * numbers (64- and 128-bit integers and decimals arrive as text and stay text beyond that, so no
 * digit is lost), nested values as JSON text, everything else as it came.
 */
export function toQueryCell(value: unknown, type: ColumnType): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (type === 'json' || typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (type === 'number') {
    const n = Number(text);
    if (Number.isSafeInteger(n) && /^-?\d+$/.test(text)) return n;
  }
  return text;
}
