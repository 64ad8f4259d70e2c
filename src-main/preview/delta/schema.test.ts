import { describe, expect, it } from 'vitest';
import { partitionCell } from './dataRows.js';
import { deltaColumn, parseSchema, physicalName } from './schema.js';

describe('Delta schema mapping', () => {
  it('maps primitive, decimal, temporal and nested types to columns', () => {
    const schema = JSON.stringify({
      type: 'struct',
      fields: [
        { name: 'id', type: 'long', nullable: false, metadata: {} },
        { name: 'price', type: 'decimal(10,2)', nullable: true, metadata: {} },
        { name: 'day', type: 'date', nullable: true, metadata: {} },
        { name: 'at', type: 'timestamp_ntz', nullable: true, metadata: {} },
        { name: 'ok', type: 'boolean', nullable: true, metadata: {} },
        { name: 'raw', type: 'binary', nullable: true, metadata: {} },
        { name: 'name', type: 'string', metadata: {} },
        {
          name: 'tags',
          type: { type: 'array', elementType: 'string', containsNull: true },
          nullable: true,
        },
        {
          name: 'attrs',
          type: { type: 'map', keyType: 'string', valueType: 'integer' },
          nullable: true,
        },
        {
          name: 'point',
          type: {
            type: 'struct',
            fields: [
              { name: 'x', type: 'double', nullable: true },
              { name: 'y', type: 'double', nullable: true },
            ],
          },
          nullable: true,
        },
      ],
    });
    expect(parseSchema(schema, 'v0').map(deltaColumn)).toEqual([
      { name: 'id', type: 'number', logicalType: 'long', nullable: false },
      { name: 'price', type: 'number', logicalType: 'decimal(10,2)', nullable: true },
      { name: 'day', type: 'date', logicalType: 'date', nullable: true },
      { name: 'at', type: 'timestamp', logicalType: 'timestamp_ntz', nullable: true },
      { name: 'ok', type: 'boolean', logicalType: 'boolean', nullable: true },
      { name: 'raw', type: 'binary', logicalType: 'binary', nullable: true },
      { name: 'name', type: 'text', logicalType: 'string', nullable: true },
      { name: 'tags', type: 'json', logicalType: 'array<string>', nullable: true },
      { name: 'attrs', type: 'json', logicalType: 'map<string,integer>', nullable: true },
      { name: 'point', type: 'json', logicalType: 'struct<x:double,y:double>', nullable: true },
    ]);
  });

  it('uses the column-mapping physical name when there is one', () => {
    const field = {
      name: 'a',
      type: 'long',
      metadata: { 'delta.columnMapping.physicalName': 'col-1' },
    };
    expect(physicalName(field)).toBe('col-1');
    expect(physicalName({ name: 'a', type: 'long' })).toBe('a');
  });

  it('rejects a schema that is not JSON or not a struct', () => {
    expect(() => parseSchema('{', 'the metaData of version 0')).toThrow(
      'The table schema in the metaData of version 0 is not valid JSON.',
    );
    expect(() => parseSchema('{"type":"array"}', 'x')).toThrow('not a struct of named fields');
  });
});

describe('partitionCell', () => {
  it('types partition values by their column type', () => {
    expect(partitionCell('7', 'integer')).toBe(7);
    expect(partitionCell('9007199254740993', 'long')).toBe('9007199254740993');
    expect(partitionCell('1.5', 'double')).toBe(1.5);
    expect(partitionCell('true', 'boolean')).toBe(true);
    expect(partitionCell('2025-03-04', 'date')).toBe('2025-03-04');
    expect(partitionCell('2025-03-04 05:06:07', 'timestamp_ntz')).toBe('2025-03-04T05:06:07.000');
    expect(partitionCell('2025-03-04 05:06:07.123456', 'timestamp')).toBe(
      '2025-03-04T05:06:07.123Z',
    );
    expect(partitionCell('', 'integer')).toBeNull();
    expect(partitionCell('', 'string')).toBe('');
    expect(partitionCell(null, 'string')).toBeNull();
    expect(partitionCell('x', 'integer')).toBe('x');
  });
});
