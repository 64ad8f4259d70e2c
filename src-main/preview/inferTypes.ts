import type { ColumnType } from '../../shared/contract/preview.js';

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const booleanPattern = /^(?:true|false)$/i;
const datePattern =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whether a field reads as a number (decimal or exponent notation, optional sign). */
export const isNumberText = (s: string): boolean => numberPattern.test(s.trim());
/** Whether a field reads as `true` or `false` (any case). */
export const isBooleanText = (s: string): boolean => booleanPattern.test(s.trim());
/** Whether a field reads as an ISO 8601 date or date-time that names a real day. */
export const isDateText = (s: string): boolean => {
  const t = s.trim();
  return datePattern.test(t) && !Number.isNaN(Date.parse(t.replace(' ', 'T')));
};

/** Whether a field is a calendar day alone (`YYYY-MM-DD`, no time). */
const isDayText = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s.trim());

/**
 * The type of a text column from its fields, ignoring empty ones: `boolean`, `number`, `date`
 * (every field a day alone) or `timestamp` (ISO dates, some with a time) when every non-empty
 * field is one, else `text` (also for an all-empty column).
 */
export function inferTextColumnType(fields: readonly string[]): ColumnType {
  const values = fields.filter((f) => f.trim() !== '');
  if (values.length === 0) return 'text';
  if (values.every(isBooleanText)) return 'boolean';
  if (values.every(isNumberText)) return 'number';
  if (values.every(isDateText)) return values.every(isDayText) ? 'date' : 'timestamp';
  return 'text';
}

/**
 * The type of a column of JSON values (nulls ignored): `number`, `boolean`, `json` for
 * objects and arrays, strings by `inferTextColumnType`, and `text` when they mix.
 */
export function inferJsonColumnType(values: readonly unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'text';
  if (present.every((v) => typeof v === 'number')) return 'number';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'object')) return 'json';
  if (present.every((v) => typeof v === 'string')) {
    const type = inferTextColumnType(present as string[]);
    return type === 'date' || type === 'timestamp' ? type : 'text';
  }
  return 'text';
}
