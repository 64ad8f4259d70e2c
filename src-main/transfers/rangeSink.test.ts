import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RangeSink, serialWriter, type PositionalWrite } from './rangeSink.js';

/** A write that lands `length` bytes of `buf` in `target` after `delayMs`, copying them only then (as the disk would read the buffer). */
const slowWriter =
  (target: Buffer, delayMs: () => number): PositionalWrite =>
  (buf, length, position) =>
    new Promise((resolve) =>
      setTimeout(() => {
        buf.copy(target, position, 0, length);
        resolve();
      }, delayMs()),
    );

/** Feeds `source` into `sink` in reads of `readBytes`, waiting where the sink asks, as a socket would. */
async function feed(sink: RangeSink, source: Buffer, readBytes: () => number): Promise<void> {
  for (let at = 0; at < source.length;) {
    const room = sink.region();
    const n = Math.min(room.length, readBytes(), source.length - at);
    source.copy(room, 0, at, at + n);
    at += n;
    const drained = sink.filled(n);
    if (drained) await drained;
  }
}

describe('RangeSink', () => {
  it('writes every byte at its offset when batches fill faster than the disk writes them', async () => {
    const source = randomBytes(5 * 1024 * 1024 + 12345);
    const target = Buffer.alloc(source.length + 100);
    const sink = new RangeSink(
      slowWriter(target, () => Math.random() * 8),
      100,
      source.length,
    );
    await feed(sink, source, () => 1 + Math.floor(Math.random() * 300_000));
    await sink.finished();
    await sink.dispose();
    expect(target.subarray(100).equals(source)).toBe(true);
  });

  it('fails with Transient when fewer bytes came than the range has', async () => {
    const sink = new RangeSink(
      slowWriter(Buffer.alloc(10), () => 0),
      0,
      10,
    );
    sink.region().fill(1, 0, 4);
    sink.filled(4);
    await expect(sink.finished()).rejects.toMatchObject({
      error: { code: 'Transient', message: 'The connection closed after 4 of 10 bytes.' },
    });
    await sink.dispose();
  });
});

describe('serialWriter', () => {
  it('lands a batch in calls of at most 128 KiB at its position in a real file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'serial-writer-'));
    const fh = await open(path.join(dir, 'part'), 'w+');
    try {
      const calls: number[] = [];
      const write = fh.write.bind(fh);
      const counted = Object.assign(Object.create(fh) as typeof fh, {
        write: (buf: Buffer, offset: number, length: number, position: number) => {
          calls.push(length);
          return write(buf, offset, length, position);
        },
      });
      const batch = randomBytes(1024 * 1024 + 5);
      await serialWriter(counted)(batch, batch.length, 7);
      expect(calls).toEqual([...Array<number>(8).fill(128 * 1024), 5]);
      const onDisk = await readFile(path.join(dir, 'part'));
      expect(onDisk.subarray(7).equals(batch)).toBe(true);
    } finally {
      await fh.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
