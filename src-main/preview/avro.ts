import avro from 'avsc';
import { inflateRawSync } from 'node:zlib';
import { snappyUncompress } from 'hyparquet';
import type { Cell } from '../../shared/contract/preview.js';
import { hexBody, type PreviewBody } from './body.js';
import { avroColumns } from './avroSchema.js';
import { typedCell } from './cells.js';
import type { RangeReader } from './rangeReader.js';

/** Bytes read from the start of an Avro file. */
export const avroReadBytes = 4 * 1024 * 1024;
/** Most bytes one decompressed block may take. */
const maxBlockBytes = 64 * 1024 * 1024;

const headerType = avro.Type.forSchema({
  type: 'record',
  name: 'AvroHeader',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'AvroMagic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'AvroSync', size: 16 } },
  ],
});
const longType = avro.Type.forSchema('long');

/** Unsigned LEB128 varint at the start of `bytes` (the uncompressed length of a raw snappy block). */
function varint(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0, shift = 1; i < 5; i++, shift *= 128) {
    const b = bytes[i] ?? 0;
    value += (b & 0x7f) * shift;
    if (b < 0x80) break;
  }
  return value;
}

function decompress(codec: string, data: Buffer): Buffer {
  if (codec === 'null') return data;
  if (codec === 'deflate') return inflateRawSync(data, { maxOutputLength: maxBlockBytes });
  if (codec === 'snappy') {
    const input = data.subarray(0, data.length - 4); // the last 4 bytes are a CRC-32
    const length = varint(input);
    if (length > maxBlockBytes) throw new Error(`block of ${length} bytes is too large`);
    const output = new Uint8Array(length);
    snappyUncompress(input, output);
    return Buffer.from(output.buffer);
  }
  throw new Error(`the block codec "${codec}" is not supported`);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * An Avro object-container preview from the first `avroReadBytes`: writer schema, codec
 * (null, deflate, snappy) and the first `maxRows` records as rows (record fields as columns).
 * `totalRows` is known when the whole file was read. A bad header gives a hex preview with a
 * note; a block cut by the read limit or corrupt ends the rows with a note.
 */
export async function avroBody(reader: RangeReader, maxRows: number): Promise<PreviewBody> {
  const bytes = Buffer.from(await reader.read(0, avroReadBytes));
  const whole = bytes.length === reader.size;
  const asHex = (note: string) =>
    hexBody({ bytes, truncated: !whole, totalBytes: reader.size }, [note]);
  const head = headerType.decode(bytes, 0) as {
    value?: { magic: Buffer; meta: Record<string, Buffer>; sync: Buffer };
    offset: number;
  };
  if (!head.value || head.offset < 0 || head.value.magic.toString('latin1') !== 'Obj\x01') {
    return asHex('Not a readable Avro file: the header is missing or cut short.');
  }
  const { meta, sync } = head.value;
  let schema: unknown;
  let type: avro.Type;
  try {
    schema = JSON.parse(meta['avro.schema']?.toString('utf8') ?? '') as unknown;
    type = avro.Type.forSchema(schema as avro.Schema);
  } catch (err) {
    return asHex(`Not a readable Avro file: bad schema (${messageOf(err)}).`);
  }
  const codec = meta['avro.codec']?.toString('utf8') || 'null';
  const columns = avroColumns(schema);
  const isRecord = columns.length > 0 && (schema as { type?: unknown }).type === 'record';
  const rows: Cell[][] = [];
  const notes: string[] = [];
  let pos = head.offset;
  let counted = 0;
  let complete = whole;
  while (pos < bytes.length) {
    const count = longType.decode(bytes, pos);
    const size = count.offset < 0 ? count : longType.decode(bytes, count.offset);
    const end = size.offset + Number(size.value) + 16;
    if (count.offset < 0 || size.offset < 0 || end > bytes.length) {
      complete = false;
      notes.push(
        whole
          ? 'The file ends inside a block; it is cut or corrupt.'
          : `Rows are read from the first ${avroReadBytes / 1024 / 1024} MiB only.`,
      );
      break;
    }
    if (!bytes.subarray(end - 16, end).equals(sync)) {
      complete = false;
      notes.push('A block does not end with the sync marker; the file is corrupt there.');
      break;
    }
    counted += Number(count.value);
    if (rows.length < maxRows) {
      try {
        const block = decompress(codec, bytes.subarray(size.offset, end - 16));
        for (let i = 0, p = 0; i < Number(count.value) && rows.length < maxRows; i++) {
          const record = type.decode(block, p);
          if (record.offset < 0) throw new Error('a record runs past its block');
          p = record.offset;
          const value = record.value as Record<string, unknown>;
          rows.push(
            isRecord
              ? columns.map((c) => typedCell(value[c.name], c))
              : [typedCell(value, columns[0]!)],
          );
        }
      } catch (err) {
        complete = false;
        notes.push(`Could not decode a block: ${messageOf(err)}.`);
        break;
      }
    }
    pos = end;
  }
  return {
    kind: 'table',
    source: 'avro',
    columns,
    rows,
    ...(complete ? { totalRows: counted } : {}),
    truncated: !complete || counted > rows.length,
    avro: { schema, codec },
    notes,
  };
}
