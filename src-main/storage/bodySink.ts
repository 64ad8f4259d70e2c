import { LakeFailure } from './toLakeError.js';

/**
 * Where an answer's body is read to, region by region, so that the bytes land where they are
 * used (a batch buffer about to be written to disk, a small file's one buffer) without a
 * buffer per socket read. The reader asks `region()` for room, puts up to its length of bytes
 * at its start and reports them with `filled`.
 */
export interface BodySink {
  /** The room for the next bytes: at least 1 byte while the sink expects more, empty when it is full. */
  region(): Buffer;
  /**
   * `n` bytes were put at the start of the last region. A promise when the sink must drain
   * before more (reading pauses until it settles; a rejection fails the body).
   */
  filled(n: number): Promise<void> | undefined;
}

/** Transient: the connection ended after `filled` of the `length` bytes its answer announced. */
export const shortBody = (filled: number, length: number): LakeFailure =>
  new LakeFailure({
    code: 'Transient',
    message: `The connection closed after ${filled} of ${length} bytes.`,
  });

/** Transient: the answer has more bytes than the sink was made for (`length`). */
export const longBody = (length: number): LakeFailure =>
  new LakeFailure({
    code: 'Transient',
    message: `The answer has more than the ${length} bytes asked for.`,
  });

/** A sink of one buffer of `length` bytes (a small blob, a test): `body` once `filledBytes` is `length`. */
export function bufferSink(length: number): BodySink & { body: Buffer; filledBytes(): number } {
  const body = Buffer.allocUnsafe(length);
  let at = 0;
  return {
    body,
    filledBytes: () => at,
    region: () => body.subarray(at),
    filled(n) {
      at += n;
      return undefined;
    },
  };
}

/**
 * Reads `stream` to its end into `sink` (the path for HTTPS and proxied answers, whose bytes
 * come as stream chunks). Rejects with `longBody` when the sink is full before the stream
 * ends, with the stream's error, or with the sink's.
 */
export async function pumpInto(
  stream: NodeJS.ReadableStream,
  sink: BodySink,
  length: number,
): Promise<void> {
  for await (const chunk of stream) {
    const c = chunk as Buffer;
    for (let at = 0; at < c.length;) {
      const room = sink.region();
      if (room.length === 0) throw longBody(length);
      const n = Math.min(room.length, c.length - at);
      c.copy(room, 0, at, at + n);
      at += n;
      const drained = sink.filled(n);
      if (drained) await drained;
    }
  }
}
