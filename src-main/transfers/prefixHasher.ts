import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const chunkBytes = 1024 * 1024;

/**
 * MD5 of a file's prefix as it grows: as parallel writes complete the prefix, it is read back
 * (from the page cache, in 1 MiB chunks, fixed memory) and hashed in the background, so
 * verifying a finished download costs only its tail instead of a second pass over the file.
 * `fh` must be open for reading.
 */
export class PrefixHasher {
  private readonly md5 = createHash('md5');
  private readonly buf = Buffer.allocUnsafe(chunkBytes);
  private hashed = 0;
  private wanted = 0;
  private running: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly fh: FileHandle) {}

  /** The first `length` bytes are written: hash up to there. */
  advance(length: number): void {
    this.wanted = Math.max(this.wanted, length);
    if (this.running || this.hashed >= this.wanted || this.failure) return;
    this.running = this.loop()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.running = undefined;
        this.advance(this.wanted);
      });
  }

  private async loop(): Promise<void> {
    while (this.hashed < this.wanted) {
      const n = Math.min(chunkBytes, this.wanted - this.hashed);
      const { bytesRead } = await this.fh.read(this.buf, 0, n, this.hashed);
      if (bytesRead === 0)
        throw new Error('The part file is shorter than the bytes written to it.');
      this.md5.update(this.buf.subarray(0, bytesRead));
      this.hashed += bytesRead;
    }
  }

  /** The MD5 of the first `length` bytes (call once, after all writes). Rejects if reading failed. */
  async digest(length: number): Promise<Buffer> {
    this.advance(length);
    while (this.running) await this.running;
    if (this.failure) throw this.failure.error;
    return this.md5.digest();
  }
}
