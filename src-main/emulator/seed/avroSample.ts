import avro from 'avsc';
import { deflateRawSync } from 'node:zlib';
import { createPrng, pick } from './prng.js';

/** Writer schema of the sample Avro events. `at` is milliseconds since the epoch (`timestamp-millis`). */
export const avroEventSchema = {
  type: 'record',
  name: 'Event',
  namespace: 'lakeshore.sample',
  fields: [
    { name: 'event_id', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    {
      name: 'kind',
      type: {
        type: 'enum',
        name: 'Kind',
        symbols: ['page_view', 'search', 'add_to_cart', 'checkout'],
      },
    },
    { name: 'user', type: 'string' },
    { name: 'amount', type: ['null', 'double'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
} as const;

/** One sample event as the Avro file holds it. */
export interface AvroEvent {
  event_id: number;
  at: number;
  kind: string;
  user: string;
  amount: number | null;
  tags: string[];
}

const kinds = avroEventSchema.fields[2].type.symbols;

/** `count` deterministic events, one every 11 s from 2025-02-01T10:00Z; checkouts carry an amount. */
export function avroEvents(count: number): AvroEvent[] {
  const random = createPrng(77);
  return Array.from({ length: count }, (_, i) => {
    const kind = pick(random, kinds);
    return {
      event_id: i + 1,
      at: Date.UTC(2025, 1, 1, 10, 0, 0) + i * 11_000,
      kind,
      user: `u${String(Math.floor(random() * 300)).padStart(4, '0')}`,
      amount: kind === 'checkout' ? Math.round(random() * 50_000) / 100 : null,
      tags: random() < 0.3 ? ['mobile'] : [],
    };
  });
}

const longType = avro.Type.forSchema('long');
const metaType = avro.Type.forSchema({ type: 'map', values: 'bytes' });

/**
 * An Avro object container file of `events` (Avro 1.11 spec, "Object Container Files":
 * magic, metadata map with `avro.schema` and `avro.codec`, a 16-byte sync marker, then blocks
 * of `blockRecords` records, each raw-deflated), written synchronously so the seed stays a
 * pure function. The sync marker is derived from a fixed seed.
 */
export function avroEventsFile(events: AvroEvent[], blockRecords = 100): Buffer {
  const type = avro.Type.forSchema(avroEventSchema as unknown as avro.Schema);
  const random = createPrng(78);
  const sync = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
  const parts: Buffer[] = [
    Buffer.from('Obj\x01', 'latin1'),
    metaType.toBuffer({
      'avro.schema': Buffer.from(JSON.stringify(avroEventSchema)),
      'avro.codec': Buffer.from('deflate'),
    }),
    sync,
  ];
  for (let start = 0; start < events.length; start += blockRecords) {
    const block = events.slice(start, start + blockRecords);
    const data = deflateRawSync(Buffer.concat(block.map((e) => type.toBuffer(e))));
    parts.push(longType.toBuffer(block.length), longType.toBuffer(data.length), data, sync);
  }
  return Buffer.concat(parts);
}
