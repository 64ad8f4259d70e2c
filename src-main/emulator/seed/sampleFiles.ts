import { parquetWriteBuffer } from 'hyparquet-writer';
import { contentTypeFor } from '../../platform/contentType.js';
import { avroEvents, avroEventsFile } from './avroSample.js';
import { deltaTableFiles } from './deltaTable.js';
import { createPrng, pick } from './prng.js';
import { ordersToDelimited, salesOrders } from './salesOrders.js';
import { gradientPng, shorelineJpeg } from './sampleImages.js';

/** One blob of the sample lake: its path in the container, its bytes and Content-Type. */
export interface SampleFile {
  path: string;
  body: Buffer;
  contentType: string;
}

const file = (path: string, body: Buffer | string): SampleFile => ({
  path,
  body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  contentType: contentTypeFor(path),
});

const readme = `# Sample data lake

Seeded by Lakeshore's local emulator so there is something to browse.

- \`raw/sales/2025/MM/\` — daily sales orders as CSV (and returns as TSV)
- \`raw/events/\` — clickstream events as NDJSON
- \`raw/config/\` — pipeline configuration as JSON
- \`curated/sales/\` — the first quarter's orders as Parquet
- \`curated/delta/orders/\` — a Delta Lake table with four versions and a checkpoint
- \`curated/events/\` — events as Avro
- \`images/\` — a PNG and a JPEG
- \`misc/\` — a binary file
- \`many/\` — many small blobs, to try a big folder
`;

function eventsNdjson(count: number): string {
  const random = createPrng(42);
  const kinds = ['page_view', 'search', 'add_to_cart', 'checkout'] as const;
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        event_id: i + 1,
        at: new Date(Date.UTC(2025, 0, 15, 8, 0, i * 7)).toISOString(),
        kind: pick(random, kinds),
        user: `u${String(Math.floor(random() * 500)).padStart(4, '0')}`,
        properties: { page: `/p/${Math.floor(random() * 40)}`, mobile: random() < 0.5 },
      }),
    ).join('\n') + '\n'
  );
}

function quarterParquet(): Buffer {
  const orders = [1, 2, 3].flatMap((m) => salesOrders(m, 200, m * 10_000));
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'order_id', data: orders.map((o) => o.orderId), type: 'INT32' },
      {
        name: 'order_date',
        data: orders.map((o) => new Date(`${o.orderDate}T00:00:00Z`)),
        type: 'TIMESTAMP',
      },
      { name: 'region', data: orders.map((o) => o.region), type: 'STRING' },
      { name: 'product', data: orders.map((o) => o.product), type: 'STRING' },
      { name: 'quantity', data: orders.map((o) => o.quantity), type: 'INT32' },
      { name: 'unit_price', data: orders.map((o) => o.unitPrice), type: 'DOUBLE' },
      { name: 'shipped', data: orders.map((o) => o.shipped), type: 'BOOLEAN' },
    ],
  });
  return Buffer.from(buffer);
}

function binaryBlob(bytes: number): Buffer {
  const random = createPrng(7);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

/** Path of the `i`-th (1-based) blob of `many/`. */
export const manyBlobPath = (i: number): string => `many/item-${String(i).padStart(5, '0')}.txt`;

/**
 * The sample lake's files, deterministic: nested folders of CSV, TSV, JSON, NDJSON, Parquet,
 * Avro, a Delta table (`curated/delta/orders/`), a PNG, a JPEG, a Markdown README and a binary
 * file. `many/` is separate (`manyBlobPath`) because
 * it is large and uploaded as a stream of tiny bodies.
 */
export function sampleFiles(): SampleFile[] {
  const months = [1, 2, 3];
  return [
    file('README.md', readme),
    ...months.map((m) =>
      file(
        `raw/sales/2025/${String(m).padStart(2, '0')}/orders.csv`,
        ordersToDelimited(salesOrders(m, 200, m * 10_000), ','),
      ),
    ),
    file('raw/sales/2025/02/returns.tsv', ordersToDelimited(salesOrders(2, 25, 90_000), '\t')),
    file('raw/events/2025-01-15.ndjson', eventsNdjson(500)),
    file(
      'raw/config/pipeline.json',
      JSON.stringify(
        {
          name: 'daily-sales',
          schedule: '0 2 * * *',
          sources: ['pos', 'web'],
          retries: 3,
          enabled: true,
        },
        null,
        2,
      ),
    ),
    file('curated/sales/orders_2025q1.parquet', quarterParquet()),
    ...deltaTableFiles().map((f) => file(f.path, f.body)),
    file('curated/events/events.avro', avroEventsFile(avroEvents(300))),
    file('images/lake.png', gradientPng(64, 64)),
    file('images/shoreline.jpg', shorelineJpeg(96, 64)),
    file('misc/blob.bin', binaryBlob(4096)),
  ];
}

/** The body of the `i`-th blob of `many/`. */
export const manyBlobBody = (i: number): string => `item ${i}\n`;
