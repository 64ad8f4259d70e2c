import avro from 'avsc';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { avroEvents, avroEventsFile } from './avroSample.js';

/** Decodes an Avro container with avsc's own reader: its header and records. */
function decode(bytes: Buffer): Promise<{ codec: string; records: unknown[] }> {
  return new Promise((resolve, reject) => {
    const records: unknown[] = [];
    let codec = '';
    Readable.from([bytes])
      .pipe(new avro.streams.BlockDecoder())
      .on('metadata', (_type: unknown, c: string) => (codec = c))
      .on('data', (r: unknown) => records.push(r))
      .on('end', () => resolve({ codec, records }))
      .on('error', reject);
  });
}

describe('avroEventsFile', () => {
  it('writes a deflate Avro container that avsc reads back record by record', async () => {
    const events = avroEvents(300);
    const { codec, records } = await decode(avroEventsFile(events));
    expect(codec).toBe('deflate');
    expect(records.map((r) => ({ ...(r as object) }))).toEqual(events);
  });

  it('is deterministic and varies its records', () => {
    expect(avroEventsFile(avroEvents(300)).equals(avroEventsFile(avroEvents(300)))).toBe(true);
    const events = avroEvents(300);
    expect(new Set(events.map((e) => e.kind)).size).toBe(4);
    expect(events.some((e) => e.amount !== null)).toBe(true);
  });
});
