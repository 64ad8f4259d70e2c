import type { Cell } from '../../../shared/contract/preview.js';
import { toCell } from '../cells.js';
import { parquetBody } from '../parquet.js';
import type { RangeReader } from '../rangeReader.js';
import type { AddAction } from './actions.js';
import { pathKey } from './replay.js';
import { physicalName, type DeltaField, type DeltaType } from './schema.js';

const integerTypes = new Set(['byte', 'short', 'integer', 'long']);

/**
 * A partition value (always text in `add.partitionValues`, Delta protocol "Partition Value
 * Serialization": https://github.com/delta-io/delta/blob/master/PROTOCOL.md#partition-value-serialization)
 * as a cell of its column's type: integers and floats as numbers (longs beyond ±2^53 as text),
 * booleans, dates as `YYYY-MM-DD`, timestamps as ISO 8601 in UTC (`timestamp_ntz` without a
 * zone: a wall-clock time); null, and empty text for non-strings, as
 * null; anything unparsable as the raw text.
 */
export function partitionCell(value: string | null | undefined, type: DeltaType): Cell {
  if (value === null || value === undefined) return null;
  if (typeof type !== 'string' || type === 'string') return value;
  if (value === '') return null;
  if (integerTypes.has(type)) return /^-?\d+$/.test(value) ? toCell(BigInt(value)) : value;
  if (type === 'float' || type === 'double' || type.startsWith('decimal')) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value.toLowerCase() === 'true';
  if (type === 'date') return value;
  if (type === 'timestamp' || type === 'timestamp_ntz') {
    const iso = value.replace(' ', 'T');
    const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
    if (Number.isNaN(date.getTime())) return value;
    return type === 'timestamp_ntz' ? date.toISOString().slice(0, -1) : date.toISOString();
  }
  return value;
}

/** Rows read from a table's data files, with notes on files that could not be (fully) read. */
export interface DataRows {
  rows: Cell[][];
  truncated: boolean;
  notes: string[];
}

/** Opens a ranged reader on the blob `name` of `size` bytes. */
export type OpenBlob = (name: string, size: number) => RangeReader;

const absoluteUri = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The first `maxRows` rows of the active files `files`, in order, each read with the ranged
 * Parquet reader (footer and the first row groups only). Cells follow `fields`: partition
 * columns from `add.partitionValues`, the others from the file by physical name (null when
 * the file lacks the column, as after schema evolution). Files with absolute URIs or that are
 * not readable Parquet are skipped with a note; storage and abort errors propagate.
 */
export async function readDataRows(
  directory: string,
  files: AddAction[],
  fields: DeltaField[],
  partitionColumns: string[],
  maxRows: number,
  open: OpenBlob,
): Promise<DataRows> {
  const rows: Cell[][] = [];
  const notes: string[] = [];
  const partitioned = new Set(partitionColumns);
  let truncated = false;
  for (const add of files) {
    if (rows.length >= maxRows) {
      truncated = true;
      break;
    }
    if (absoluteUri.test(add.path)) {
      notes.push(`${add.path} is outside the table folder; its rows are not shown.`);
      truncated = true;
      continue;
    }
    const name = `${directory}/${pathKey(add.path)}`;
    const body = await parquetBody(open(name, add.size), maxRows - rows.length);
    if (body.kind !== 'table') {
      notes.push(`${add.path}: ${body.notes.join(' ') || 'not a table'}; its rows are not shown.`);
      truncated = true;
      continue;
    }
    notes.push(...body.notes.map((n) => `${add.path}: ${n}`));
    if (add.deletionVector !== undefined) {
      notes.push(`${add.path} has a deletion vector: rows deleted through it are still shown.`);
    }
    const index = new Map(body.columns.map((c, at) => [c.name, at]));
    for (const row of body.rows) {
      rows.push(
        fields.map((field) => {
          const physical = physicalName(field);
          if (partitioned.has(field.name)) {
            return partitionCell(
              add.partitionValues[physical] ?? add.partitionValues[field.name],
              field.type,
            );
          }
          const at = index.get(physical);
          return at === undefined ? null : (row[at] ?? null);
        }),
      );
    }
    if (body.truncated) truncated = true;
  }
  return { rows, truncated, notes };
}
