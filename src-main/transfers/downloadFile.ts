import { createHash } from 'node:crypto';
import { open, rename, rm, stat, utimes } from 'node:fs/promises';
import type { LakeError } from '../../shared/contract/index.js';
import type { Md5Check } from '../../shared/contract/transfers.js';
import { smallRequestBytes } from './adaptiveLimiter.js';
import { defaultBlockSizeBytes, rangeSizeFor } from './blockPlan.js';
import type { BlobTransport } from '../storage/blobTransport.js';
import { bufferSink, shortBody } from '../storage/bodySink.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { createSlotTasks } from './slotTasks.js';
import { PrefixHasher } from './prefixHasher.js';
import { preallocate } from './preallocate.js';
import { RangeSink, serialWriter } from './rangeSink.js';
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
 * takes a quarter slot. A larger blob is fetched in ranges (`rangeSizeFor`: the block size asked
 * for, else 8–32 MiB by the blob's size) in parallel (`x-ms-range`), each range's body written at its offset as it arrives in 1 MiB batches, so
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
    if (remote.size <= Math.min(smallRequestBytes, io.blockSizeBytes ?? defaultBlockSizeBytes)) {
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
        const sink = bufferSink(remote.size);
        const res = await transport.download(remote.name, 0, undefined, {
          ifMatch: remote.etag,
          abortSignal: io.signal,
          sink,
        });
        contentMD5 ??= res.contentMD5 ?? res.blobContentMD5;
        if (sink.filledBytes() !== remote.size) throw shortBody(sink.filledBytes(), remote.size);
        return sink.body;
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
  const checks = hooks.checkMd5 !== 'NoCheck';
  // The hashing thread costs ~0.2 s of CPU to start: not started when nothing is checked.
  const hasher = checks ? new PrefixHasher(part) : undefined;
  let contentMD5 = remote.contentMD5;
  try {
    if (start > 0) {
      await fh.truncate(start);
      hooks.onResumed?.(start);
    }
    await preallocate(part, remote.size);
    hooks.onBytes(start);
    const blockSize = rangeSizeFor(remote.size, io.blockSizeBytes);
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
            const sink = new RangeSink(write, offset, count);
            try {
              const res = await transport.download(remote.name, offset, count, {
                ifMatch: remote.etag,
                abortSignal: io.signal,
                sink,
              });
              contentMD5 ??=
                res.blobContentMD5 ?? (count === remote.size ? res.contentMD5 : undefined);
              return await sink.finished();
            } finally {
              await sink.dispose();
            }
          });
          io.moved(count, diskMs, performance.now() - t0 - diskMs);
          done.add(offset);
          while (done.has(verified)) {
            done.delete(verified);
            verified = Math.min(remote.size, verified + blockSize);
          }
          if (contentMD5) hasher?.advance(verified);
          hooks.onVerified(verified);
          hooks.onBytes((written += count));
        });
      }
    } finally {
      await tasks.wait();
    }
    tasks.throwIfFailed();
    await checkDigest(remote.name, contentMD5, () => hasher!.digest(remote.size), hooks);
  } finally {
    hasher?.close();
    await fh.close();
  }
}
