import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../../test/support/azurite.js';
import { manyBlobPath, sampleFiles } from './sampleFiles.js';
import { salesOrders } from './salesOrders.js';
import { seedSampleLake } from './seedSampleLake.js';

describe('seedSampleLake', () => {
  it('uploads every sample file with its bytes and Content-Type, and many/ as asked', async () => {
    const container = testBlobService().getContainerClient(uniqueContainerName('seed'));
    const manifest = await seedSampleLake(container, { manyCount: 30 });

    const listed = [];
    for await (const blob of container.listBlobsFlat()) {
      listed.push({
        path: blob.name,
        size: blob.properties.contentLength,
        contentType: blob.properties.contentType,
      });
    }
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(listed.sort(byPath)).toEqual([...manifest].sort(byPath));
    expect(listed.filter((b) => b.path.startsWith('many/'))).toHaveLength(30);
    expect(listed.map((b) => b.path)).toContain(manyBlobPath(30));

    for (const file of sampleFiles()) {
      const downloaded = await container.getBlobClient(file.path).downloadToBuffer();
      expect(downloaded.equals(file.body), file.path).toBe(true);
    }
  });

  it('writes a Parquet file whose rows are the generated orders', async () => {
    const parquet = sampleFiles().find((f) => f.path.endsWith('.parquet'))!;
    const bytes = parquet.body.buffer.slice(
      parquet.body.byteOffset,
      parquet.body.byteOffset + parquet.body.length,
    );
    const rows = await parquetReadObjects({ file: bytes as ArrayBuffer });
    const expected = [1, 2, 3].flatMap((m) => salesOrders(m, 200, m * 10_000));
    expect(rows).toHaveLength(600);
    expect(rows[0]).toMatchObject({
      order_id: expected[0]!.orderId,
      region: expected[0]!.region,
      unit_price: expected[0]!.unitPrice,
    });
    expect(rows[599]).toMatchObject({
      order_id: expected[599]!.orderId,
      product: expected[599]!.product,
      shipped: expected[599]!.shipped,
    });
  });
});
