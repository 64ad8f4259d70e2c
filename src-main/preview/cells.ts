import type { Cell, TableColumn } from '../../shared/contract/preview.js';

/** Whether a value is raw bytes (a Uint8Array or Node Buffer). */
const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/** `value` with bigints, dates and bytes made JSON-safe (for nested values before stringifying). */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return bigintCell(value);
  if (value instanceof Date) return dateCell(value);
  if (isBytes(value))
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

const bigintCell = (value: bigint): number | string =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();

const dateCell = (value: Date): string | null =>
  Number.isNaN(value.getTime()) ? null : value.toISOString();

/**
 * One decoded value as a JSON-safe cell: bigint → number within ±2^53 else decimal string,
 * Date → ISO 8601 (invalid → null), bytes → base64, non-finite numbers → their name as text,
 * arrays and objects → JSON text (with the same conversions inside), undefined → null.
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return bigintCell(value);
  if (value instanceof Date) return dateCell(value);
  if (isBytes(value))
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64');
  if (typeof value === 'object') return JSON.stringify(jsonSafe(value));
  return String(value);
}

const isoDay = /^\d{4}-\d{2}-\d{2}/;
const zoneSuffix = /(?:Z|[+-]\d{2}:?\d{2})$/;

/** Whether a column is a timestamp without a zone (Parquet `TIMESTAMP(…,local)`, Avro `local-timestamp-*`, Delta `timestamp_ntz`). */
export const isWallClock = (column: TableColumn): boolean =>
  /,local\)$|^local-timestamp|^timestamp_ntz$/.test(column.logicalType ?? '');

/**
 * One decoded value as a cell of `column`: as `toCell`, with temporal columns made plain
 * (see `ColumnType`): a `date` cell is its calendar day `YYYY-MM-DD` (a Date at UTC midnight,
 * an ISO date-time, or an Avro `date`'s days since the epoch); a `timestamp` cell is ISO 8601
 * in UTC (a number is an Avro `timestamp-millis`, or `-micros` when the logical type says
 * so), without the zone for a wall-clock column. Anything else is left as `toCell` gives it.
 */
export function typedCell(value: unknown, column: TableColumn): Cell {
  if (column.type !== 'date' && column.type !== 'timestamp') return toCell(value);
  let v = value;
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) {
    const micros = /micros/i.test(column.logicalType ?? '');
    v = new Date(column.type === 'date' ? v * 86_400_000 : micros ? v / 1000 : v);
  }
  const cell = toCell(v);
  if (typeof cell !== 'string' || !isoDay.test(cell)) return cell;
  if (column.type === 'date') return cell.slice(0, 10);
  return isWallClock(column) ? cell.replace(zoneSuffix, '') : cell;
}
