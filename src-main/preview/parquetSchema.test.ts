import { parquetMetadata, parquetSchema } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { compressedBytesForRows } from './parquet.js';
import { logicalTypeName, parquetColumn } from './parquetSchema.js';

describe('Parquet schema and row-group planning', () => {
  it('names logical types', () => {
    expect(
      logicalTypeName({ name: 'd', logical_type: { type: 'DECIMAL', precision: 10, scale: 2 } }),
    ).toBe('DECIMAL(10,2)');
    expect(
      logicalTypeName({
        name: 't',
        logical_type: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true },
      }),
    ).toBe('TIMESTAMP(MICROS,UTC)');
    expect(logicalTypeName({ name: 's', converted_type: 'UTF8' })).toBe('UTF8');
    expect(logicalTypeName({ name: 'x' })).toBeUndefined();
  });

  it('describes columns and sums the chunks the first rows need', () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        {
          name: 'a',
          data: Int32Array.from({ length: 100 }, (_, i) => i),
          type: 'INT32',
          nullable: false,
        },
        { name: 'b', data: Array.from({ length: 100 }, (_, i) => `v${i}`), type: 'STRING' },
      ],
      rowGroupSize: 30,
    });
    const metadata = parquetMetadata(buffer);
    const [a, b] = parquetSchema(metadata).children.map(parquetColumn);
    expect(a).toEqual({ name: 'a', type: 'number', physicalType: 'INT32', nullable: false });
    expect(b).toMatchObject({ name: 'b', type: 'text', logicalType: 'UTF8', nullable: true });
    const chunk = (g: number, c: number) =>
      Number(metadata.row_groups[g]?.columns[c]?.meta_data?.total_compressed_size);
    expect(compressedBytesForRows(metadata, new Set(['a']), 30)).toBe(chunk(0, 0));
    expect(compressedBytesForRows(metadata, new Set(['a', 'b']), 31)).toBe(
      chunk(0, 0) + chunk(0, 1) + chunk(1, 0) + chunk(1, 1),
    );
    expect(compressedBytesForRows(metadata, new Set(['a']), 0)).toBe(0);
  });
});
