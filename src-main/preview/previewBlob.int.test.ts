import type { ContainerClient } from '@azure/storage-blob';
import { JPEG, PNG } from './testImages.js';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import type { Preview } from '../../shared/contract/preview.js';
import { toLakeError } from '../storage/toLakeError.js';
import { previewBlob } from './previewBlob.js';
import { countingBlob, gzipZeros, put } from './testFixtures.js';

let container: ContainerClient;
beforeAll(async () => {
  container = testBlobService().getContainerClient(uniqueContainerName('preview'));
  await container.create();
});

const preview = async (
  name: string,
  body: Parameters<typeof put>[2],
  opts: { contentType?: string; maxRows?: number; textCapBytes?: number } = {},
) =>
  previewBlob(await put(container, name, body, opts.contentType), {
    maxRows: opts.maxRows ?? 1000,
    ...(opts.textCapBytes ? { textCapBytes: opts.textCapBytes } : {}),
  });

function expectKind<K extends Preview['kind']>(p: Preview, kind: K): Extract<Preview, { kind: K }> {
  expect(p.kind).toBe(kind);
  return p as Extract<Preview, { kind: K }>;
}

const people = Array.from({ length: 1500 }, (_, i) => [
  String(i),
  `name ${i}, "q"`,
  (i * 1.5).toFixed(1),
  `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  i % 2 ? 'true' : 'false',
]);
const csvField = (f: string) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
const peopleCsv =
  ['id,name,score,day,ok', ...people.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n';

describe('previewBlob: text-shaped kinds', () => {
  it('CSV: header, delimiter, types and the first maxRows rows cell by cell', async () => {
    const p = expectKind(
      await preview('dir/people.csv', peopleCsv, { contentType: 'text/csv' }),
      'table',
    );
    expect(p).toMatchObject({
      name: 'people.csv',
      size: Buffer.byteLength(peopleCsv),
      contentType: 'text/csv',
      source: 'csv',
      delimited: { delimiter: ',', hasHeader: true },
      truncated: true,
    });
    expect(p.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'number'],
      ['name', 'text'],
      ['score', 'number'],
      ['day', 'date'],
      ['ok', 'boolean'],
    ]);
    expect(p.rows).toEqual(people.slice(0, 1000));
    expect(p.bytesRead).toBe(p.size);
    expect(p.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('CSV over the cap: reads only the cap and drops the partial last line', async () => {
    const p = expectKind(await preview('cap.csv', peopleCsv, { textCapBytes: 1000 }), 'table');
    expect(p.bytesRead).toBe(1000);
    expect(p.truncated).toBe(true);
    expect(p.rows).toEqual(people.slice(0, p.rows.length));
    expect(p.notes.join(' ')).toContain('partial line');
  });

  it('TSV by extension', async () => {
    const tsv = 'a\tb\n1\tx y\n2\tz\n';
    const p = expectKind(await preview('t.tsv', tsv), 'table');
    expect(p).toMatchObject({
      source: 'tsv',
      delimited: { delimiter: '\t', hasHeader: true },
      rows: [
        ['1', 'x y'],
        ['2', 'z'],
      ],
      truncated: false,
    });
  });

  it('malformed CSV: a partial table with notes', async () => {
    const p = expectKind(
      await preview('bad.csv', 'a,b,c\n1,2,3\n4,5\n6,"unclosed,7\n8,9,10\n'),
      'table',
    );
    expect(p.rows[0]).toEqual(['1', '2', '3']);
    expect(p.rows[1]).toEqual(['4', '5', null]);
    expect(p.notes.some((n) => /quote/i.test(n))).toBe(true);
    expect(p.notes.some((n) => /fewer fields/.test(n))).toBe(true);
  });

  it('JSON parsed; invalid JSON as text with the parse error', async () => {
    const doc = { name: 'lake', list: [1, 2, { deep: true }], nothing: null };
    expect(expectKind(await preview('doc.json', JSON.stringify(doc)), 'json').value).toEqual(doc);
    const bad = expectKind(await preview('bad.json', '{"a": [1, 2'), 'text');
    expect(bad.text).toBe('{"a": [1, 2');
    expect(bad.notes[0]).toMatch(/^Invalid JSON/);
    const big = expectKind(
      await preview('big.json', JSON.stringify(people), { textCapBytes: 4096 }),
      'text',
    );
    expect(big).toMatchObject({ truncated: true, textBytes: 4096 });
  });

  it('NDJSON: union of keys, nested values as JSON text, stops at an invalid line', async () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? { id: i, tags: ['a', i] } : { id: i, name: `n${i}`, big: 2 ** 40 + i },
    );
    const text = [...lines.map((l) => JSON.stringify(l)), '{oops', JSON.stringify({ id: 99 })].join(
      '\n',
    );
    const p = expectKind(await preview('events.jsonl', text, { maxRows: 25 }), 'table');
    expect(p.columns.map((c) => c.name)).toEqual(['id', 'tags', 'name', 'big']);
    const expected = lines.map((l) =>
      'tags' in l ? [l.id, JSON.stringify(l.tags), null, null] : [l.id, null, l.name, l.big],
    );
    expect(p.rows).toEqual(expected.slice(0, 25));
    expect(p.truncated).toBe(true);
    const stop = expectKind(await preview('events2.ndjson', text), 'table');
    expect(stop.rows).toHaveLength(30);
    expect(stop.notes[0]).toMatch(/^Line 31 is not valid JSON/);
  });

  it('UTF-16 LE text with a BOM, and UTF-8 cut at the cap between characters', async () => {
    const s = 'Grüße, 世界 😀\n'.repeat(20);
    const p = expectKind(
      await preview(
        'notes.txt',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
      ),
      'text',
    );
    expect(p).toMatchObject({ encoding: 'utf-16le', text: s, truncated: false });
    const euro = expectKind(
      await preview('euro.log', '€'.repeat(1000), { textCapBytes: 1001 }),
      'text',
    );
    expect(euro).toMatchObject({
      encoding: 'utf-8',
      text: '€'.repeat(333),
      textBytes: 999,
      totalBytes: 3000,
      truncated: true,
    });
    expect(euro.notes[0]).toBe('Truncated at 999 of 3,000 bytes.');
  });

  it('binary: hex of the first 64 KiB', async () => {
    const bytes = randomBytes(100_000);
    bytes[0] = 0;
    const p = expectKind(await preview('blob.bin', bytes), 'hex');
    expect(Buffer.from(p.dataBase64, 'base64').equals(bytes.subarray(0, 65536))).toBe(true);
    expect(p).toMatchObject({ offset: 0, totalBytes: 100_000, truncated: true, bytesRead: 65536 });
  });

  it('gzip CSV: decompressed up to the cap, previewed as CSV', async () => {
    const p = expectKind(
      await preview('people.csv.gz', gzipSync(peopleCsv), { maxRows: 100 }),
      'table',
    );
    expect(p).toMatchObject({ compression: 'gzip', source: 'csv', truncated: true });
    expect(p.rows).toEqual(people.slice(0, 100));
    const capped = expectKind(
      await preview('people2.csv.gz', gzipSync(peopleCsv), { textCapBytes: 2000 }),
      'table',
    );
    expect(capped.rows).toEqual(people.slice(0, capped.rows.length));
    expect(capped.rows.length).toBeGreaterThan(10);
  });

  it('a gzip bomb (1 GiB of zeros) stops at the cap', async () => {
    const bomb = await gzipZeros(1024 ** 3);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const blob = countingBlob(await put(container, 'bomb.txt.gz', bomb));
    const p = expectKind(await previewBlob(blob.blob, { maxRows: 10 }), 'text');
    expect(p).toMatchObject({ truncated: true, textBytes: 1024 * 1024, compression: 'gzip' });
    expect(p.totalBytes).toBeUndefined();
    expect(p.bytesRead).toBe(blob.downloaded());
    expect(p.bytesRead).toBeLessThanOrEqual(128 * 1024);
  });

  it('corrupt gzip: what decompressed, with a note', async () => {
    const gz = gzipSync('line one\nline two\n'.repeat(2000));
    const p = expectKind(await preview('cut.txt.gz', gz.subarray(0, gz.length / 2)), 'text');
    expect(p.text.startsWith('line one\nline two\n')).toBe(true);
    expect(p.notes[0]).toMatch(/corrupt or cut short/);
  });
});

describe('previewBlob: images', () => {
  it('PNG and JPEG with dimensions; SVG as an image', async () => {
    const png = expectKind(await preview('pic.png', PNG.bytes()), 'image');
    expect(png).toMatchObject({ mimeType: 'image/png', width: 7, height: 5, notes: [] });
    expect(Buffer.from(png.dataBase64, 'base64').equals(PNG.bytes())).toBe(true);
    const jpeg = expectKind(
      await preview('photo', JPEG.bytes(), { contentType: 'application/octet-stream' }),
      'image',
    );
    expect(jpeg).toMatchObject({ mimeType: 'image/jpeg', width: 16, height: 9 });
    const svg = expectKind(
      await preview(
        'icon.svg',
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ),
      'image',
    );
    expect(svg.mimeType).toBe('image/svg+xml');
    expect(svg).not.toHaveProperty('text');
  });

  it('a PNG header that lies about its size: a note, no dimensions', async () => {
    const lying = Buffer.from(PNG.bytes());
    lying.writeUInt32BE(0x7fffffff, 16);
    lying.writeUInt32BE(0x7fffffff, 20);
    const p = expectKind(await preview('liar.png', lying), 'image');
    expect(p.width).toBeUndefined();
    expect(p.notes[0]).toMatch(/claims 2147483647×2147483647 pixels/);
  });
});

describe('previewBlob: each byte downloaded once', () => {
  const counted = async (name: string, body: Buffer | Uint8Array) => {
    const blob = countingBlob(await put(container, name, body));
    const p = await previewBlob(blob.blob, { maxRows: 1000 });
    return { p, downloaded: blob.downloaded(), requests: blob.requests() };
  };

  it('a small PNG: read N bytes is its size, asked for once', async () => {
    const { p, downloaded, requests } = await counted('once/pic.png', PNG.bytes());
    expect(p.kind).toBe('image');
    expect(downloaded).toBe(PNG.bytes().length);
    expect(p.bytesRead).toBe(PNG.bytes().length);
    expect(requests).toBe(1);
  });

  it('an image past the sniffed head: the head is not downloaded again', async () => {
    const big = Buffer.concat([PNG.bytes(), randomBytes(20_000)]);
    const { p, downloaded } = await counted('once/big.png', big);
    expect(p.kind).toBe('image');
    expect(downloaded).toBe(big.length);
    expect(p.bytesRead).toBe(big.length);
  });

  it('a small Parquet file: the footer read covers the rows, nothing is read twice', async () => {
    const file = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'id', data: Int32Array.from([1, 2, 3]), type: 'INT32' },
          { name: 'name', data: ['a', 'b', 'c'], type: 'STRING' },
        ],
      }),
    );
    const { p, downloaded } = await counted('once/small.parquet', file);
    expect(p.kind).toBe('table');
    expect(downloaded).toBe(file.length);
    expect(p.bytesRead).toBe(file.length);
  });
});

describe('previewBlob: errors', () => {
  it('a missing blob is NotFound', async () => {
    const err = await previewBlob(container.getBlobClient('missing.csv'), { maxRows: 1 }).catch(
      (e: unknown) => e,
    );
    expect(toLakeError(err).code).toBe('NotFound');
  });

  it('an aborted signal is Cancelled, a deadline Timeout', async () => {
    const blob = await put(container, 'slow.csv', peopleCsv);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await previewBlob(blob, { maxRows: 1, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(toLakeError(cancelled).code).toBe('Cancelled');
    const timedOut = await previewBlob(blob, { maxRows: 1, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(toLakeError(timedOut).code).toBe('Timeout');
  });
});
