import { parquetReadObjects } from 'hyparquet';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { deltaTableFiles, deltaTableRoot } from './deltaTable.js';
import { manyBlobBody, manyBlobPath, sampleFiles, type SampleFile } from './sampleFiles.js';
import { ordersToDelimited, salesOrders } from './salesOrders.js';

const byPath = (path: string): SampleFile => {
  const found = sampleFiles().find((f) => f.path === path);
  if (!found) throw new Error(`no sample file ${path}`);
  return found;
};

const arrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

describe('sampleFiles', () => {
  it('is the same on every call, byte for byte', () => {
    const [a, b] = [sampleFiles(), sampleFiles()];
    expect(a.map((f) => f.path)).toEqual(b.map((f) => f.path));
    a.forEach((f, i) => expect(f.body.equals(b[i]!.body), f.path).toBe(true));
  });

  it('lays out nested folders of every sample format with its Content-Type', () => {
    const inDelta = (f: SampleFile) => f.path.startsWith(`${deltaTableRoot}/`);
    expect(
      sampleFiles()
        .filter(inDelta)
        .map((f) => f.path),
    ).toEqual(deltaTableFiles().map((f) => f.path));
    expect(
      sampleFiles()
        .filter((f) => !inDelta(f))
        .map((f) => [f.path, f.contentType]),
    ).toEqual([
      ['README.md', 'text/markdown'],
      ['raw/sales/2025/01/orders.csv', 'text/csv'],
      ['raw/sales/2025/02/orders.csv', 'text/csv'],
      ['raw/sales/2025/03/orders.csv', 'text/csv'],
      ['raw/sales/2025/02/returns.tsv', 'text/tab-separated-values'],
      ['raw/events/2025-01-15.ndjson', 'application/x-ndjson'],
      ['raw/config/pipeline.json', 'application/json'],
      ['curated/sales/orders_2025q1.parquet', 'application/vnd.apache.parquet'],
      ['curated/events/events.avro', 'application/avro'],
      ['images/lake.png', 'image/png'],
      ['images/shoreline.jpg', 'image/jpeg'],
      ['misc/blob.bin', 'application/octet-stream'],
    ]);
  });

  it('writes the orders as CSV and TSV with a header row', () => {
    const csv = byPath('raw/sales/2025/01/orders.csv').body.toString('utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('order_id,order_date,region,product,quantity,unit_price,shipped');
    expect(lines).toHaveLength(201);
    expect(csv).toBe(ordersToDelimited(salesOrders(1, 200, 10_000), ','));
    const tsv = byPath('raw/sales/2025/02/returns.tsv').body.toString('utf8');
    expect(tsv.split('\n')[0]?.split('\t')).toHaveLength(7);
  });

  it('writes one JSON event per NDJSON line and a JSON config object', () => {
    const events = byPath('raw/events/2025-01-15.ndjson')
      .body.toString('utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { event_id: number; kind: string });
    expect(events).toHaveLength(500);
    expect(events[0]).toMatchObject({ event_id: 1, at: '2025-01-15T08:00:00.000Z' });
    expect(JSON.parse(byPath('raw/config/pipeline.json').body.toString('utf8'))).toMatchObject({
      name: 'daily-sales',
      enabled: true,
    });
  });

  it('writes a Parquet file of typed columns whose rows are the quarter’s orders', async () => {
    const rows = await parquetReadObjects({
      file: arrayBuffer(byPath('curated/sales/orders_2025q1.parquet').body),
    });
    const expected = [1, 2, 3].flatMap((m) => salesOrders(m, 200, m * 10_000));
    expect(rows).toEqual(
      expected.map((o) => ({
        order_id: o.orderId,
        order_date: new Date(`${o.orderDate}T00:00:00Z`),
        region: o.region,
        product: o.product,
        quantity: o.quantity,
        unit_price: o.unitPrice,
        shipped: o.shipped,
      })),
    );
  });

  it('writes a 64×64 PNG and a 96×64 JPEG that decode', () => {
    const png = PNG.sync.read(byPath('images/lake.png').body);
    expect([png.width, png.height]).toEqual([64, 64]);
    const jpg = jpeg.decode(byPath('images/shoreline.jpg').body);
    expect([jpg.width, jpg.height]).toEqual([96, 64]);
  });

  it('names and fills the many/ blobs by index', () => {
    expect(manyBlobPath(1)).toBe('many/item-00001.txt');
    expect(manyBlobPath(10_000)).toBe('many/item-10000.txt');
    expect(manyBlobBody(7)).toBe('item 7\n');
    expect(byPath('misc/blob.bin').body).toHaveLength(4096);
  });
});
