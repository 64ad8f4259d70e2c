import { createHash } from 'node:crypto';
import { open, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import type { LakeError } from '../../shared/contract/index.js';
import type { Md5Check } from '../../shared/contract/transfers.js';
import { smallRequestBytes } from './adaptiveLimiter.js';
import type { BlobTransport } from '../storage/blobTransport.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { createSlotTasks } from './slotTasks.js';
import { PrefixHasher } from './prefixHasher.js';
import { renameFile, writeSmallFile } from './smallFileIo.js';
import type { TransferIo } from './transferIo.js';

/** The suffix of a download in progress; renamed onto the target only when complete and verified. */
export const partSuffix = '.lakeshore-part';

/** A blob to download: size in bytes, its ETag, and its Content-MD5 when known beforehand. */
export interface RemoteFile {
  name: string;
  size: number;
  etag: string;
  lastModified?: Date;
  contentMD5?: Uint8Array;
}

/** Progress callbacks of one download, and what an earlier attempt left. */
export interface DownloadHooks {
  /** The bytes of this file written so far (including a resumed prefix). */
  onBytes(bytes: number): void;
  /** The length of the part file's prefix that is completely written (for the journal). */
  onVerified(bytes: number): void;
  /** Resume: told of the part file's prefix kept from an earlier attempt, in bytes (not fetched again). */
  onResumed?(bytes: number): void;
  /** Resume: bytes of the part file already written for the same ETag. */
  resumeFrom?: { etag: string; bytes: number };
  /** How the Content-MD5 is checked; default `FailIfDifferent` (see `md5Checks`). */
  checkMd5?: Md5Check;
  /** `LogOnly`: told of a mismatch (a `Conflict` error saying so); the file is kept. */
  onMismatch?(error: LakeError): void;
}

const noMd5 = (name: string): LakeFailure =>
  new LakeFailure({
    code: 'Conflict',
    message: `"${name}" has no Content-MD5, so its bytes cannot be checked (checkMd5 FailIfDifferentOrMissing). The target was left untouched; download it with another check mode.`,
  });

/**
 * Applies `hooks.checkMd5` to the MD5 of the bytes received (`actual`, computed only when
 * `expected` is known and the mode checks) against the blob's `expected` Content-MD5: throws
 * `badChecksum` or `noMd5` when the mode fails the file, reports a `LogOnly` mismatch.
 */
async function checkDigest(
  name: string,
  expected: Uint8Array | undefined,
  actual: () => Promise<Buffer>,
  hooks: DownloadHooks,
): Promise<void> {
  const mode = hooks.checkMd5 ?? 'FailIfDifferent';
  if (mode === 'NoCheck') return;
  if (!expected || expected.length === 0) {
    if (mode === 'FailIfDifferentOrMissing') throw noMd5(name);
    return;
  }
  const got = await actual();
  if (got.equals(expected)) return;
  const failure = badChecksum(name, got, expected);
  if (mode !== 'LogOnly') throw failure;
  hooks.onMismatch?.(toLakeError(failure));
}

const tampered = (name: string): LakeFailure =>
  new LakeFailure({
    code: 'Conflict',
    status: 412,
    message: `"${name}" changed on the service while it was being downloaded (its ETag no longer matches); the download stopped and the target was left untouched. Download it again.`,
  });

/** Bytes of a range gathered before they are written with one call. */
const writeBatchBytes = 1024 * 1024;

/** Batch buffers given back, reused by the next ranges (at most `sparePoolSize` kept). */
const spare: Buffer[] = [];
const sparePoolSize = 32;

/** Writes `length` bytes of `buf` at `position` of the file. */
type PositionalWrite = (buf: Buffer, length: number, position: number) => Promise<void>;

/**
 * Positional writes to `fh` run one at a time, in call order, each with more calls if one
 * comes up short. Parallel writes to one file contend for its inode lock: measured on the
 * 2-core VM, four threadpool threads writing one 1 GiB part file spent 2.6 s of CPU (mostly
 * spinning on that lock), one at a time 0.25 s. Each range has at most one write queued, so
 * the queue holds at most one batch per range in flight.
 */
function serialWriter(fh: FileHandle): PositionalWrite {
  let last: Promise<void> = Promise.resolve();
  return (buf, length, position) => {
    const run = last.then(async () => {
      for (let done = 0; done < length;) {
        done += (await fh.write(buf, done, length - done, position + done)).bytesWritten;
      }
    });
    last = run.catch(() => undefined);
    return run;
  };
}

/**
 * Writes a range's body through `write` at `offset` as it arrives, copied into 1 MiB batch buffers
 * (`writeBatchBytes`, pooled) written with one call each, one write in flight while the next
 * batch fills, so memory stays at 2 MiB a range whatever the block size and the socket's
 * chunks die young. Reads the body to its end like `readBody`, keeping the socket for the next
 * request. Rejects with `Transient` when the connection ends early, so the range is
 * fetched again; positional writes make the retry overwrite the same bytes. Returns ms spent
 * waiting for the disk.
 */
async function writeBody(
  stream: NodeJS.ReadableStream | undefined,
  write: PositionalWrite,
  offset: number,
  length: number,
): Promise<number> {
  const size = Math.min(writeBatchBytes, length);
  const take = () => (size === writeBatchBytes && spare.pop()) || Buffer.allocUnsafe(size);
  let filled = 0;
  let diskMs = 0;
  let batch = take();
  let batchStart = 0;
  let used = 0;
  let other: Buffer | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const t = performance.now();
    await writing;
    diskMs += performance.now() - t;
    writing = write(batch, used, offset + batchStart);
    // A failed write rejects the awaited `writing` below; until then it is not unhandled.
    writing.catch(() => undefined);
    [batch, other] = [other ?? take(), batch];
    batchStart = filled;
    used = 0;
  };
  try {
    for await (const chunk of stream ?? []) {
      const c = chunk as Buffer;
      for (let at = 0; at < c.length && filled < length;) {
        const n = Math.min(c.length - at, length - filled, size - used);
        c.copy(batch, used, at, at + n);
        at += n;
        used += n;
        filled += n;
        if (used === size) await flush();
      }
    }
    if (used > 0) await flush();
    const t = performance.now();
    await writing;
    diskMs += performance.now() - t;
  } finally {
    // No write may land after the range is given up (a retry rewrites it; the file may close).
    await writing.catch(() => undefined);
    for (const b of [batch, other]) {
      if (b && b.length === writeBatchBytes && spare.length < sparePoolSize) spare.push(b);
    }
  }
  if (filled !== length) throw shortBody(filled, length);
  return diskMs;
}

const shortBody = (filled: number, length: number): LakeFailure =>
  new LakeFailure({
    code: 'Transient',
    message: `The connection closed after ${filled} of ${length} bytes.`,
  });

/**
 * A whole body of `length` bytes in one buffer; rejects with `Transient` when the connection
 * ends early. Bodies are read to their end, never left with `break`: leaving the loop destroys
 * the response before its end is seen, and with it the keep-alive socket (a new TCP
 * connection for every file).
 */
async function readBody(
  stream: NodeJS.ReadableStream | undefined,
  length: number,
): Promise<Buffer> {
  const body = Buffer.allocUnsafe(length);
  let filled = 0;
  for await (const chunk of stream ?? []) {
    const c = chunk as Buffer;
    const n = Math.min(c.length, length - filled);
    c.copy(body, filled, 0, n);
    filled += n;
  }
  if (filled !== length) throw shortBody(filled, length);
  return body;
}

const badChecksum = (name: string, actual: Buffer, expected: Uint8Array): LakeFailure =>
  new LakeFailure({
    code: 'Conflict',
    message: `"${name}" failed its integrity check: the downloaded bytes have MD5 ${actual.toString('base64')} but the blob's Content-MD5 is ${Buffer.from(expected).toString('base64')}. The target was left untouched; download it again.`,
  });

/**
 * Downloads `remote` to `target` through `<target>.lakeshore-part`; `target`'s directory must
 * exist. A blob of at most `smallRequestBytes` (1 MiB) and one block is one Get Blob without a range
 * (https://learn.microsoft.com/rest/api/storageservices/get-blob), held in memory, checked
 * against its Content-MD5 (from the listing, else the response) and written with one call
 * through file descriptors (`writeSmallFile`, cheaper than a FileHandle); it
 * takes a quarter slot. A larger blob is fetched in ranges of `io.blockSizeBytes` in parallel
 * (`x-ms-range`), each range's body written at its offset as it arrives in 1 MiB batches, so
 * memory stays at 2 MiB per request in flight whatever the block size; with a Content-MD5
 * (known beforehand or returned as `x-ms-blob-content-md5` with a range) the part file is
 * hashed on a worker thread as its written prefix grows (`PrefixHasher`) and compared at the
 * end. Every request
 * is conditional on the blob's ETag (If-Match), so a blob rewritten mid-download fails with
 * `Conflict` instead of mixing versions; an MD5 mismatch fails with `Conflict` too, or as
 * `hooks.checkMd5` says: not checked, only reported, or with `FailIfDifferentOrMissing` a blob
 * whose `remote.contentMD5` is unknown fails (`Conflict`) before any request. Only then
 * is the part file renamed onto the target (replacing it) and given the blob's Last-Modified
 * as mtime. With `resumeFrom` for the same ETag, a ranged download keeps that prefix of the
 * part file and continues after it. On failure or cancel the part file is removed (kept only
 * while the engine closes); the target is never touched.
 */
export async function downloadFile(
  io: TransferIo,
  transport: BlobTransport,
  remote: RemoteFile,
  target: string,
  hooks: DownloadHooks,
): Promise<void> {
  const part = `${target}${partSuffix}`;
  // The blob's Content-MD5 property comes with the listing or Get Blob Properties: a blob
  // without one fails before any byte is fetched.
  if (hooks.checkMd5 === 'FailIfDifferentOrMissing' && !remote.contentMD5?.length) {
    throw noMd5(remote.name);
  }
  try {
    if (remote.size <= Math.min(smallRequestBytes, io.blockSizeBytes)) {
      await downloadWhole(io, transport, remote, part, hooks);
      await renameFile(part, target);
    } else {
      await downloadRanges(io, transport, remote, part, hooks);
      await rename(part, target);
      if (remote.lastModified) await utimes(target, remote.lastModified, remote.lastModified);
    }
  } catch (error) {
    if (!io.keepPartial()) await rm(part, { force: true });
    throw toLakeError(error).status === 412 ? tampered(remote.name) : error;
  }
}

/** One Get Blob for the whole (small) blob, none for an empty one; one write, dated before the part file closes (`writeSmallFile`). */
async function downloadWhole(
  io: TransferIo,
  transport: BlobTransport,
  remote: RemoteFile,
  part: string,
  hooks: DownloadHooks,
): Promise<void> {
  let body: Buffer = Buffer.alloc(0);
  let contentMD5 = remote.contentMD5;
  if (remote.size > 0) {
    const release = await io.slot(remote.size);
    try {
      await io.pace(remote.size);
      const t0 = performance.now();
      body = await io.call(async () => {
        const res = await transport.download(remote.name, 0, undefined, {
          ifMatch: remote.etag,
          abortSignal: io.signal,
        });
        contentMD5 ??= res.contentMD5 ?? res.blobContentMD5;
        return readBody(res.readableStreamBody, remote.size);
      });
      io.moved(remote.size, 0, performance.now() - t0);
    } finally {
      release();
    }
  }
  await checkDigest(
    remote.name,
    contentMD5,
    () => Promise.resolve(createHash('md5').update(body).digest()),
    hooks,
  );
  await writeSmallFile(part, body, remote.lastModified);
  hooks.onVerified(remote.size);
  hooks.onBytes(remote.size);
}

/** Parallel ranged Get Blobs written in place, resuming a part file's prefix. */
async function downloadRanges(
  io: TransferIo,
  transport: BlobTransport,
  remote: RemoteFile,
  part: string,
  hooks: DownloadHooks,
): Promise<void> {
  let start = 0;
  if (hooks.resumeFrom?.etag === remote.etag) {
    const existing = await stat(part).catch(() => undefined);
    start = Math.min(hooks.resumeFrom.bytes, existing?.size ?? 0, remote.size);
  }
  // A new part file is created empty ('w+'); a resumed one is cut to its verified prefix.
  const fh = await open(part, start > 0 ? 'r+' : 'w');
  const write = serialWriter(fh);
  const hasher = new PrefixHasher(part);
  let contentMD5 = remote.contentMD5;
  const checks = hooks.checkMd5 !== 'NoCheck';
  try {
    if (start > 0) {
      await fh.truncate(start);
      hooks.onResumed?.(start);
    }
    hooks.onBytes(start);
    const blockSize = io.blockSizeBytes;
    const done = new Set<number>();
    let verified = start;
    let written = start;
    const tasks = createSlotTasks();
    try {
      for (let offset = start; offset < remote.size && !tasks.failed; offset += blockSize) {
        const count = Math.min(blockSize, remote.size - offset);
        const release = await io.slot();
        tasks.run(release, async () => {
          await io.pace(count);
          const t0 = performance.now();
          const diskMs = await io.call(async () => {
            const res = await transport.download(remote.name, offset, count, {
              ifMatch: remote.etag,
              abortSignal: io.signal,
            });
            contentMD5 ??=
              res.blobContentMD5 ?? (count === remote.size ? res.contentMD5 : undefined);
            return writeBody(res.readableStreamBody, write, offset, count);
          });
          io.moved(count, diskMs, performance.now() - t0 - diskMs);
          done.add(offset);
          while (done.has(verified)) {
            done.delete(verified);
            verified = Math.min(remote.size, verified + blockSize);
          }
          if (contentMD5 && checks) hasher.advance(verified);
          hooks.onVerified(verified);
          hooks.onBytes((written += count));
        });
      }
    } finally {
      await tasks.wait();
    }
    tasks.throwIfFailed();
    await checkDigest(remote.name, contentMD5, () => hasher.digest(remote.size), hooks);
  } finally {
    hasher.close();
    await fh.close();
  }
}
