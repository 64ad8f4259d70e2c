import type { ContainerClient } from '@azure/storage-blob';
import type avro from 'avsc';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../shared/contract/preview.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { previewBlob } from './previewBlob.js';
import { avroFile, countingBlob, put } from './testFixtures.js';

let container: ContainerClient;
beforeAll(async () => {
  container = testBlobService().getContainerClient(uniqueContainerName('tables'));
  await container.create();
});

function table(p: Preview) {
  expect(p.kind).toBe('table');
  return p as Extract<Preview, { kind: 'table' }>;
}

const n = 1200;
const ids = Array.from({ length: n }, (_, i) => i);
const names = ids.map((i) => `row ${i} ✓`);
const scores = ids.map((i) => (i % 7 === 0 ? null : i / 4));
const flags = ids.map((i) => i % 3 === 0);
const stamps = ids.map((i) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000));
const bigs = ids.map((i) => 2n ** 60n + BigInt(i));
const smallParquet = () =>
  parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Int32Array.from(ids), type: 'INT32', nullable: false },
      { name: 'name', data: names, type: 'STRING' },
      { name: 'score', data: scores, type: 'DOUBLE' },
      { name: 'flag', data: flags, type: 'BOOLEAN' },
      { name: 'ts', data: stamps, type: 'TIMESTAMP' },
      { name: 'big', data: BigInt64Array.from(bigs), type: 'INT64' },
    ],
    rowGroupSize: 500,
    createdBy: 'lakeshore tests',
  });

describe('previewBlob: Parquet', () => {
  it('schema, footer facts and the first rows cell by cell', async () => {
    const p = table(
      await previewBlob(await put(container, 'data/small.parquet', smallParquet()), {
        maxRows: 700,
      }),
    );
    expect(p.columns).toEqual([
      { name: 'id', type: 'number', physicalType: 'INT32', nullable: false },
      {
        name: 'name',
        type: 'text',
        physicalType: 'BYTE_ARRAY',
        logicalType: 'UTF8',
        nullable: true,
      },
      { name: 'score', type: 'number', physicalType: 'DOUBLE', nullable: true },
      { name: 'flag', type: 'boolean', physicalType: 'BOOLEAN', nullable: true },
      {
        name: 'ts',
        type: 'timestamp',
        physicalType: 'INT64',
        logicalType: 'TIMESTAMP_MILLIS',
        nullable: true,
      },
      { name: 'big', type: 'number', physicalType: 'INT64', nullable: true },
    ]);
    expect(p).toMatchObject({
      source: 'parquet',
      totalRows: n,
      truncated: true,
      parquet: {
        rowGroups: 3,
        codecs: ['SNAPPY'],
        createdBy: 'lakeshore tests',
        totalColumns: 6,
        columnsWithRows: 6,
      },
    });
    expect(p.rows).toEqual(
      ids
        .slice(0, 700)
        .map((i) => [i, names[i], scores[i], flags[i], stamps[i]?.toISOString(), String(bigs[i])]),
    );
  });

  it('reads under 4 MiB of a Parquet file over 64 MiB for its first 1,000 rows', async () => {
    const rows = 700_000;
    const payload = Array.from({ length: rows }, () => randomBytes(75).toString('base64'));
    const file = parquetWriteBuffer({
      columnData: [
        {
          name: 'id',
          data: Int32Array.from({ length: rows }, (_, i) => i),
          type: 'INT32',
          nullable: false,
        },
        { name: 'payload', data: payload, type: 'STRING' },
      ],
      rowGroupSize: 2000,
      codec: 'UNCOMPRESSED',
    });
    expect(file.byteLength).toBeGreaterThan(64 * 1024 * 1024);
    const counted = countingBlob(await put(container, 'big.parquet', file));
    const p = table(await previewBlob(counted.blob, { maxRows: 1000 }));
    expect(p.totalRows).toBe(rows);
    expect(p.rows).toEqual(payload.slice(0, 1000).map((s, i) => [i, s]));
    expect(p.bytesRead).toBe(counted.downloaded());
    expect(counted.downloaded()).toBeLessThan(4 * 1024 * 1024);
    console.info(
      `big Parquet: ${file.byteLength} bytes, preview read ${counted.downloaded()} bytes in ${counted.requests()} requests`,
    );
  }, 120_000);

  it('10,000 columns: the whole schema, rows for the first 50, with a note', async () => {
    const wide = parquetWriteBuffer({
      columnData: Array.from({ length: 10_000 }, (_, c) => ({
        name: `c${c}`,
        data: Int32Array.from([c, c + 1, c + 2]),
        type: 'INT32' as const,
      })),
    });
    const p = table(await previewBlob(await put(container, 'wide.parquet', wide), { maxRows: 10 }));
    expect(p.columns).toHaveLength(10_000);
    expect(p.columns[9999]?.name).toBe('c9999');
    expect(p.parquet).toMatchObject({ totalColumns: 10_000, columnsWithRows: 50 });
    expect(p.rows).toEqual([0, 1, 2].map((r) => Array.from({ length: 50 }, (_, c) => c + r)));
    expect(p.notes).toEqual(['Rows are shown for the first 50 of 10,000 columns.']);
  });

  it('truncated or corrupt Parquet: a hex preview or the schema, with a note', async () => {
    const good = new Uint8Array(smallParquet());
    const cut = await previewBlob(
      await put(container, 'cut.parquet', good.subarray(0, good.length - 100)),
      {
        maxRows: 5,
      },
    );
    expect(cut.kind).toBe('hex');
    expect(cut.notes[0]).toMatch(/^Not a readable Parquet file/);
    const garbled = good.slice();
    garbled.fill(0x5a, 4, 2000);
    const p = await previewBlob(await put(container, 'garbled.parquet', garbled), { maxRows: 5 });
    expect(p.kind).toBe('table');
    expect(p.notes[0]).toMatch(/^Could not read the rows/);
  });
});

describe('previewBlob: Avro', () => {
  const schema = {
    type: 'record',
    name: 'Event',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
      { name: 'note', type: ['null', 'string'] },
      { name: 'blob', type: 'bytes' },
      { name: 'tags', type: { type: 'array', items: 'string' } },
    ],
  } as avro.Schema;
  const records = Array.from({ length: 3000 }, (_, i) => ({
    id: i * 1000,
    kind: i % 2 ? 'B' : 'A',
    note: i % 5 ? `note ${i}` : null,
    blob: Buffer.from([i % 256, 1]),
    tags: [`t${i}`],
  }));
  const expected = (i: number) => {
    const r = records[i]!;
    return [r.id, r.kind, r.note, r.blob.toString('base64'), JSON.stringify(r.tags)];
  };

  it('schema, codec and the first rows cell by cell (deflate and null codecs)', async () => {
    for (const codec of ['deflate', 'null']) {
      const p = table(
        await previewBlob(
          await put(container, `events-${codec}.avro`, await avroFile(schema, records, codec)),
          { maxRows: 100 },
        ),
      );
      expect(p).toMatchObject({
        source: 'avro',
        totalRows: 3000,
        truncated: true,
        avro: { codec, schema: { name: 'Event' } },
      });
      expect(p.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
        ['id', 'number', false],
        ['kind', 'text', false],
        ['note', 'text', true],
        ['blob', 'binary', false],
        ['tags', 'json', false],
      ]);
      expect(p.rows).toEqual(Array.from({ length: 100 }, (_, i) => expected(i)));
    }
  });

  it('a cut Avro file: rows up to the cut, with a note', async () => {
    const file = await avroFile(schema, records, 'null', 4096);
    const p = table(
      await previewBlob(await put(container, 'cut.avro', file.subarray(0, file.length - 3000)), {
        maxRows: 5000,
      }),
    );
    expect(p.rows.length).toBeGreaterThan(100);
    expect(p.rows).toEqual(Array.from({ length: p.rows.length }, (_, i) => expected(i)));
    expect(p.totalRows).toBeUndefined();
    expect(p.notes[0]).toMatch(/ends inside a block/);
  });
});
