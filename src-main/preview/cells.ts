import type { Cell } from '../../shared/contract/preview.js';

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
