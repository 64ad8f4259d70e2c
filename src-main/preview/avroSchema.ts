import type { ColumnType, TableColumn } from '../../shared/contract/preview.js';

const typeByName: Record<string, ColumnType> = {
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  boolean: 'boolean',
  string: 'text',
  enum: 'text',
  null: 'text',
  bytes: 'binary',
  fixed: 'binary',
  record: 'json',
  map: 'json',
  array: 'json',
};

/** Avro logical types on `int`/`long` that are dates or timestamps (the Avro 1.11 specification's "Logical Types"). */
const temporalByLogicalType: Record<string, ColumnType | undefined> = {
  date: 'date',
  'timestamp-millis': 'timestamp',
  'timestamp-micros': 'timestamp',
  'local-timestamp-millis': 'timestamp',
  'local-timestamp-micros': 'timestamp',
};

/** An Avro schema's type name and logical type (`{ type: 'long', logicalType: … }` or `'long'`). */
function describe(schema: unknown): { name: string; logicalType?: string } {
  if (typeof schema === 'string') return { name: schema };
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    const s = schema as { type?: unknown; logicalType?: unknown };
    const inner = describe(s.type);
    return typeof s.logicalType === 'string'
      ? { name: inner.name, logicalType: s.logicalType }
      : inner;
  }
  return { name: 'union' };
}

/**
 * A record field of an Avro schema as a table column: a union with `null` is nullable and
 * typed by its other branch; other unions and named-type references display as JSON.
 */
export function avroColumn(name: string, schema: unknown): TableColumn {
  let branch = schema;
  let nullable = false;
  if (Array.isArray(schema)) {
    const others = schema.filter((s) => s !== 'null');
    nullable = others.length < schema.length;
    branch = others.length === 1 ? others[0] : others;
  }
  const { name: typeName, logicalType } = describe(branch);
  const temporal = logicalType && temporalByLogicalType[logicalType];
  return {
    name,
    type:
      temporal && (typeName === 'int' || typeName === 'long')
        ? temporal
        : Object.hasOwn(typeByName, typeName)
          ? (typeByName[typeName] ?? 'json')
          : 'json',
    physicalType: typeName,
    ...(logicalType ? { logicalType } : {}),
    nullable,
  };
}

/** The table columns of a writer schema: a record's fields, or one column `value` for any other schema. */
export function avroColumns(schema: unknown): TableColumn[] {
  const s = schema as { type?: unknown; fields?: unknown };
  if (s && s.type === 'record' && Array.isArray(s.fields)) {
    return (s.fields as { name: string; type: unknown }[]).map((f) => avroColumn(f.name, f.type));
  }
  return [avroColumn('value', schema)];
}
