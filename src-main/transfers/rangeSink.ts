import type { FileHandle } from 'node:fs/promises';
import { shortBody, type BodySink } from '../storage/bodySink.js';

/** Bytes of a range gathered before they are written with one call. */
const writeBatchBytes = 1024 * 1024;

/** Batch buffers given back, reused by the next ranges (at most `sparePoolSize` kept). */
const spare: Buffer[] = [];
const sparePoolSize = 32;

/** The most bytes one write call hands to the kernel (see `serialWriter`). */
const writeCallBytes = 128 * 1024;

/** Writes `length` bytes of `buf` at `position` of the file. */
export type PositionalWrite = (buf: Buffer, length: number, position: number) => Promise<void>;

/**
 * Positional writes to `fh` run one at a time, in call order, each in calls of at most 128 KiB
 * (`writeCallBytes`), with more calls if one comes up short. Parallel writes to one file
 * contend for its inode lock: measured on the 2-core VM, four threadpool threads writing one
 * 1 GiB part file spent 2.6 s of CPU (mostly spinning on that lock), one at a time 0.25 s.
 * Calls of 1 MiB copy into the page cache far slower than calls of 128 KiB on these VMs
 * (kernel 6.18, Firecracker): writing 1 GiB from a 1 MiB buffer cost 0.6–2.8 s of system CPU
 * in 1 MiB calls and 0.27–0.50 s in 128 KiB calls (256 KiB: 0.26–0.61 s), a `perf` profile
 * of a download showing half its CPU in `copy_folio_from_iter_atomic`. Each range has at most
 * one write queued, so the queue holds at most one batch per range in flight.
 */
export function serialWriter(fh: FileHandle): PositionalWrite {
  let last: Promise<void> = Promise.resolve();
  return (buf, length, position) => {
    const run = last.then(async () => {
      for (let done = 0; done < length;) {
        const n = Math.min(writeCallBytes, length - done);
        done += (await fh.write(buf, done, n, position + done)).bytesWritten;
      }
    });
    last = run.catch(() => undefined);
    return run;
  };
}

/**
 * The sink of one range of `length` bytes written at `offset` through `write`: the body lands
 * in 1 MiB batch buffers (`writeBatchBytes`, pooled), each written with one call while the
 * other fills, so memory stays at 2 MiB a range whatever the block size. A full batch whose
 * twin is still being written makes the reader wait (`filled` returns that write). `finished`
 * waits for the last write and tells the ms spent waiting for the disk; `dispose` must follow
 * in every case, so that no write lands after the range is given up (a retry rewrites the same
 * bytes; the file may close).
 */
export class RangeSink implements BodySink {
  private readonly size: number;
  private batch: Buffer;
  private other: Buffer | undefined;
  private batchStart = 0;
  private used = 0;
  private got = 0;
  /** The last batch write (the one of the buffer the next bytes go to after a swap). */
  private lastWrite: { promise: Promise<void>; done: boolean } = {
    promise: Promise.resolve(),
    done: true,
  };
  private diskMs = 0;

  constructor(
    private readonly write: PositionalWrite,
    private readonly offset: number,
    private readonly length: number,
  ) {
    this.size = Math.min(writeBatchBytes, length);
    this.batch = this.take();
  }

  region(): Buffer {
    const room = Math.min(this.size - this.used, this.length - this.got);
    return this.batch.subarray(this.used, this.used + room);
  }

  filled(n: number): Promise<void> | undefined {
    this.used += n;
    this.got += n;
    if (this.used < this.size && this.got < this.length) return undefined;
    const full = this.batch;
    const bytes = this.used;
    const position = this.offset + this.batchStart;
    // The next bytes go to the twin buffer, free once its write (the last one) is done.
    const previous = this.lastWrite;
    this.batch = this.other ?? (this.got === this.length ? full : this.take());
    this.other = full;
    this.batchStart = this.got;
    this.used = 0;
    const write = {
      promise: previous.promise.then(() => this.write(full, bytes, position)),
      done: false,
    };
    // A failed write rejects `finished` (or the wait below); until then it is not unhandled.
    write.promise.then(
      () => (write.done = true),
      () => undefined,
    );
    this.lastWrite = write;
    if (previous.done) return undefined;
    const t = performance.now();
    return previous.promise.then(() => {
      this.diskMs += performance.now() - t;
    });
  }

  /** Waits for the last write; the ms spent waiting for the disk. Rejects with a write's error, or `shortBody` when fewer than `length` bytes came. */
  async finished(): Promise<number> {
    const t = performance.now();
    await this.lastWrite.promise;
    this.diskMs += performance.now() - t;
    if (this.got !== this.length) throw shortBody(this.got, this.length);
    return this.diskMs;
  }

  /** Waits for writes in flight (their errors ignored) and gives the batch buffers back. */
  async dispose(): Promise<void> {
    await this.lastWrite.promise.catch(() => undefined);
    for (const b of new Set([this.batch, this.other])) {
      if (b && b.length === writeBatchBytes && spare.length < sparePoolSize) spare.push(b);
    }
  }

  private take(): Buffer {
    return (this.size === writeBatchBytes && spare.pop()) || Buffer.allocUnsafe(this.size);
  }
}
