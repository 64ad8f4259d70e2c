import type { SchemaElement, SchemaTree } from 'hyparquet';
import type { ColumnType, TableColumn } from '../../shared/contract/preview.js';

/** The logical type as text (`DECIMAL(10,2)`, `TIMESTAMP(MILLIS,UTC)`), else the converted type. */
export function logicalTypeName(element: SchemaElement): string | undefined {
  const lt = element.logical_type;
  if (!lt) return element.converted_type;
  switch (lt.type) {
    case 'DECIMAL':
      return `DECIMAL(${lt.precision},${lt.scale})`;
    case 'TIME':
    case 'TIMESTAMP':
      return `${lt.type}(${lt.unit},${lt.isAdjustedToUTC ? 'UTC' : 'local'})`;
    case 'INTEGER':
      return `INTEGER(${lt.bitWidth},${lt.isSigned ? 'signed' : 'unsigned'})`;
    default:
      return lt.type;
  }
}

const timestampTypes = new Set(['TIMESTAMP', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);
const textTypes = new Set(['STRING', 'UTF8', 'ENUM', 'JSON', 'UUID', 'INTERVAL']);

/** How a top-level Parquet column's decoded values display. */
export function parquetColumnType(node: SchemaTree): ColumnType {
  const el = node.element;
  if (node.children.length > 0 || el.repetition_type === 'REPEATED') return 'json';
  const logical = el.logical_type?.type ?? el.converted_type;
  if (logical === 'DATE') return 'date';
  if (logical && timestampTypes.has(logical)) return 'timestamp';
  if (logical === 'TIME' || logical === 'TIME_MILLIS' || logical === 'TIME_MICROS') return 'number';
  if (logical && textTypes.has(logical)) return 'text';
  if (
    logical === 'BSON' ||
    logical === 'VARIANT' ||
    logical === 'GEOMETRY' ||
    logical === 'GEOGRAPHY'
  ) {
    return 'json';
  }
  switch (el.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT96':
      return 'timestamp';
    case 'BYTE_ARRAY':
      return 'text';
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical === 'DECIMAL' || logical === 'FLOAT16' ? 'number' : 'binary';
    default:
      return 'number';
  }
}

/** A top-level Parquet column as a table column: name, display type, physical (`GROUP` for nested) and logical type, nullability. */
export function parquetColumn(node: SchemaTree): TableColumn {
  const el = node.element;
  const logicalType = logicalTypeName(el);
  return {
    name: el.name,
    type: parquetColumnType(node),
    physicalType: node.children.length > 0 ? 'GROUP' : (el.type ?? 'GROUP'),
    ...(logicalType ? { logicalType } : {}),
    nullable: el.repetition_type !== 'REQUIRED',
  };
}
