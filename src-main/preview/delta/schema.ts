import type { ColumnType, TableColumn } from '../../../shared/contract/preview.js';
import { failWith } from '../../storage/toLakeError.js';

// Delta schemas are Spark-style JSON types; see "Schema Serialization Format" in
// https://github.com/delta-io/delta/blob/master/PROTOCOL.md#schema-serialization-format

/** A field of a Delta `struct` schema. `type` is a primitive name or a nested type object. */
export interface DeltaField {
  name: string;
  type: DeltaType;
  nullable?: boolean;
  metadata?: Record<string, unknown>;
}

/** A Delta data type: a primitive name (`long`, `decimal(10,2)`, …) or `struct`/`array`/`map`. */
export type DeltaType =
  | string
  | { type: 'struct'; fields: DeltaField[] }
  | { type: 'array'; elementType: DeltaType; containsNull?: boolean }
  | { type: 'map'; keyType: DeltaType; valueType: DeltaType; valueContainsNull?: boolean };

/** The Delta type as text: primitives as written, `array<…>`, `map<…,…>`, `struct<name:type,…>`. */
export function deltaTypeName(type: DeltaType): string {
  if (typeof type === 'string') return type;
  switch (type.type) {
    case 'array':
      return `array<${deltaTypeName(type.elementType)}>`;
    case 'map':
      return `map<${deltaTypeName(type.keyType)},${deltaTypeName(type.valueType)}>`;
    default:
      return `struct<${type.fields.map((f) => `${f.name}:${deltaTypeName(f.type)}`).join(',')}>`;
  }
}

const numberTypes = new Set(['byte', 'short', 'integer', 'long', 'float', 'double']);

/** How values of a Delta type display: numbers (incl. `decimal(p,s)`), `date`, timestamps (`timestamp`, `timestamp_ntz`), text, booleans, binary; nested types and `variant` as JSON. */
export function deltaColumnType(type: DeltaType): ColumnType {
  if (typeof type !== 'string') return 'json';
  if (numberTypes.has(type) || type.startsWith('decimal')) return 'number';
  if (type === 'date') return 'date';
  if (type === 'timestamp' || type === 'timestamp_ntz') return 'timestamp';
  if (type === 'boolean') return 'boolean';
  if (type === 'binary') return 'binary';
  if (type === 'string') return 'text';
  return 'json';
}

/** The name a field has in the data files: `delta.columnMapping.physicalName` under column mapping, else its name. */
export function physicalName(field: DeltaField): string {
  const mapped = field.metadata?.['delta.columnMapping.physicalName'];
  return typeof mapped === 'string' ? mapped : field.name;
}

/**
 * The top-level fields of `metaData.schemaString` (a JSON `struct`). Throws `LakeFailure`
 * `InvalidInput` naming `source` when it is not JSON or not a struct of named fields.
 */
export function parseSchema(schemaString: string, source: string): DeltaField[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(schemaString);
  } catch {
    return failWith('InvalidInput', `The table schema in ${source} is not valid JSON.`);
  }
  const fields = (parsed as { type?: unknown; fields?: unknown } | null)?.fields;
  const valid =
    (parsed as { type?: unknown } | null)?.type === 'struct' &&
    Array.isArray(fields) &&
    fields.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as { name?: unknown }).name === 'string' &&
        (f as { type?: unknown }).type !== undefined,
    );
  if (!valid)
    return failWith(
      'InvalidInput',
      `The table schema in ${source} is not a struct of named fields.`,
    );
  return fields as DeltaField[];
}

/** A top-level field as a table column: display type, `logicalType` = the Delta type, nullability (default true). */
export function deltaColumn(field: DeltaField): TableColumn {
  return {
    name: field.name,
    type: deltaColumnType(field.type),
    logicalType: deltaTypeName(field.type),
    nullable: field.nullable !== false,
  };
}
