import type { BlockBlobClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { contentTypeFor } from '../platform/contentType.js';
import { folderMarkerKey } from '../storage/blobEntry.js';
import type { BlobTransport } from '../storage/blobTransport.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { blockCount, blockId, blockLength, blockSizeFor } from './blockPlan.js';
import { createSlotTasks } from './slotTasks.js';
import type { TransferIo } from './transferIo.js';

/** A local file to write to a block blob. `size` in bytes and `mtimeMs` as stat'ed when enumerated. */
export interface UploadSource {
  localPath: string;
  size: number;
  mtimeMs: number;
}

/** Where an upload goes: the blob's name, Put Blob through `transport`, and the SDK client of the blob (made only for staged uploads). */
export interface UploadTarget {
  blobName: string;
  transport: BlobTransport;
  blockBlob(): BlockBlobClient;
}

/** Progress callbacks of one upload, and what an earlier attempt left. */
export interface UploadHooks {
  /** The block size chosen, before any block is staged (to journal it). */
  onPlan(blockSize: number): void;
  /** The bytes of this file now on the service (staged, found staged, or put). */
  onBytes(bytes: number): void;
  /** Resume: told of the bytes of each block found staged by an earlier attempt (not sent again). */
  onResumed?(bytes: number): void;
  /** Resume: block size of an earlier attempt whose uncommitted blocks may be reused. */
  resumeBlockSize?: number;
  /**
   * Write only if no blob has the name yet (`If-None-Match: *` on Put Blob and Put Block
   * List): a blob created meanwhile is left as it is and the upload rejects with `BlobExists`
   * (a retry that meets this upload's own earlier attempt, applied but unanswered, is confirmed
   * by the storage layer's lost-answer rules).
   */
  createOnly?: boolean;
}

/** Why a `createOnly` upload wrote nothing: a blob with its name exists. */
export class BlobExists extends LakeFailure {
  constructor(blobName: string) {
    super({
      code: 'Conflict',
      status: 409,
      message: `"${blobName}" was created by someone else while it was being uploaded; it was left as it is. Upload again to choose whether to replace it.`,
    });
  }
}

/**
 * One write through `io.call` (retried), conditional when `createOnly`, its failure then mapped to
 * `BlobExists`. A conditional write retried after its first try took effect (its answer lost)
 * is confirmed as this upload's own by the storage layer's lost-answer rules
 * (storage/lostAnswer: the blob's Content-MD5, or its committed block list, is the one sent).
 */
async function writeOnce(
  io: TransferIo,
  blobName: string,
  createOnly: boolean | undefined,
  write: (conditions: { ifNoneMatch?: '*' }) => Promise<unknown>,
): Promise<void> {
  if (!createOnly) return void (await io.call(() => write({})));
  try {
    await io.call(() => write({ ifNoneMatch: '*' }));
  } catch (e) {
    const error = toLakeError(e);
    if (error.code !== 'AlreadyExists' && error.status !== 412) throw e;
    throw new BlobExists(blobName);
  }
}

/**
 * Whether `blob` now holds the content whose MD5 is `md5` (Get Blob Properties' Content-MD5,
 * https://learn.microsoft.com/rest/api/storageservices/get-blob-properties): a Put Blob cancelled
 * while its answer was on its way may have been applied, and is then this upload's, whole. Not
 * aborted; false when the blob is missing or the lookup fails.
 */
async function holdsContent(blob: BlockBlobClient, md5: Buffer): Promise<boolean> {
  try {
    const props = await blob.getProperties();
    return props.contentMD5 !== undefined && Buffer.from(props.contentMD5).equals(md5);
  } catch {
    return false;
  }
}

const changed = (localPath: string): never =>
  failWith('Conflict', `${localPath} changed while it was being uploaded; upload it again.`);

async function readExactly(fh: FileHandle, buf: Buffer, position: number, path: string) {
  let filled = 0;
  while (filled < buf.length) {
    const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position + filled);
    if (bytesRead === 0) changed(path);
    filled += bytesRead;
  }
}

/**
 * Uploads `source` to `target`. Up to one block (`io.blockSizeBytes`, raised by `blockSizeFor`)
 * it is one Put Blob (https://learn.microsoft.com/rest/api/storageservices/put-blob) with
 * Content-Type from the extension and the whole-file Content-MD5, which the service checks.
 * Larger files are read once, in order, hashing as they go, while their blocks are staged in
 * parallel (Put Block with a transactional MD5 per block,
 * https://learn.microsoft.com/rest/api/storageservices/put-block), each block holding a slot
 * from its read until the service answers, so memory stays within slots × block size. Put Block
 * List (https://learn.microsoft.com/rest/api/storageservices/put-block-list) commits them last
 * with the whole-file MD5 as the blob's Content-MD5
 * (https://learn.microsoft.com/rest/api/storageservices/get-blob-properties). With
 * `resumeBlockSize` equal to the plan, blocks already uncommitted on the service with the same
 * id and size (Get Block List, https://learn.microsoft.com/rest/api/storageservices/get-block-list)
 * are hashed but not sent again. An upload cancelled before its commit commits nothing (its
 * staged blocks expire with the service's garbage collection); once sent, the commit runs to
 * its answer, and a Put Blob cancelled while it was answered that the blob holds (its
 * Content-MD5) counts as done, so a cancelled upload never leaves a blob it does not report.
 * Rejects with a `LakeFailure` (Conflict when the file
 * changed meanwhile; `BlobExists` when `createOnly` met a blob).
 */
export async function uploadFile(
  io: TransferIo,
  target: UploadTarget,
  source: UploadSource,
  hooks: UploadHooks,
): Promise<void> {
  const blockSize = blockSizeFor(source.size, io.blockSizeBytes);
  hooks.onPlan(blockSize);
  const headers = { blobContentType: contentTypeFor(source.localPath) };
  const fh = await open(source.localPath, 'r');
  try {
    if (source.size <= blockSize) {
      const release = await io.slot(source.size);
      try {
        const t0 = performance.now();
        const buf = Buffer.allocUnsafe(source.size);
        await readExactly(fh, buf, 0, source.localPath);
        const md5 = createHash('md5').update(buf).digest();
        await io.pace(buf.length);
        const t1 = performance.now();
        await writeOnce(io, target.blobName, hooks.createOnly, (conditions) =>
          target.transport.upload(target.blobName, buf, {
            contentType: headers.blobContentType,
            contentMD5: md5,
            ...(conditions.ifNoneMatch ? { ifNoneMatch: '*' } : {}),
            abortSignal: io.signal,
          }),
        ).catch(async (e: unknown) => {
          if (!io.signal.aborted || !(await holdsContent(target.blockBlob(), md5))) throw e;
        });
        io.moved(buf.length, t1 - t0, performance.now() - t1);
        hooks.onBytes(buf.length);
      } finally {
        release();
      }
    } else {
      await stageAndCommit(io, target.blockBlob(), fh, source, blockSize, hooks, headers);
    }
    const after = await stat(source.localPath);
    if (after.size !== source.size || after.mtimeMs !== source.mtimeMs) changed(source.localPath);
  } finally {
    await fh.close();
  }
}

async function stageAndCommit(
  io: TransferIo,
  blob: BlockBlobClient,
  fh: FileHandle,
  source: UploadSource,
  blockSize: number,
  hooks: UploadHooks,
  headers: { blobContentType: string },
): Promise<void> {
  const count = blockCount(source.size, blockSize);
  const staged = new Map<string, number>();
  if (hooks.resumeBlockSize === blockSize) {
    // A blob that neither exists nor has uncommitted blocks answers 404 BlobNotFound: the
    // blocks of the earlier attempt are gone (garbage-collected after a week, or the container
    // was recreated), so every block is staged again.
    const list = await io
      .call(() => blob.getBlockList('uncommitted', { abortSignal: io.signal }))
      .catch((e: unknown) => {
        if (toLakeError(e).code === 'NotFound') return { uncommittedBlocks: [] };
        throw e;
      });
    for (const b of list.uncommittedBlocks ?? []) staged.set(b.name, b.size);
  }
  const md5 = createHash('md5');
  const tasks = createSlotTasks();
  let bytes = 0;
  const done = (n: number) => hooks.onBytes((bytes += n));
  try {
    for (let i = 0; i < count && !tasks.failed; i++) {
      const release = await io.slot();
      const length = blockLength(i, source.size, blockSize);
      const id = blockId(i);
      const t0 = performance.now();
      const buf = Buffer.allocUnsafe(length);
      try {
        await readExactly(fh, buf, i * blockSize, source.localPath);
      } catch (e) {
        release();
        throw e;
      }
      md5.update(buf);
      const diskMs = performance.now() - t0;
      if (staged.get(id) === length) {
        release();
        hooks.onResumed?.(length);
        done(length);
        continue;
      }
      tasks.run(release, async () => {
        await io.pace(length);
        const t1 = performance.now();
        await io.call(() =>
          blob.stageBlock(id, buf, length, {
            transactionalContentMD5: createHash('md5').update(buf).digest(),
            abortSignal: io.signal,
          }),
        );
        io.moved(length, diskMs, performance.now() - t1);
        done(length);
      });
    }
  } finally {
    await tasks.wait();
  }
  tasks.throwIfFailed();
  const ids = Array.from({ length: count }, (_, i) => blockId(i));
  const blobContentMD5 = md5.digest();
  const release = await io.slot();
  try {
    // The commit is not aborted: a cancel that came while it was on its way cannot know whether
    // the service applied it, so it runs to its answer and the upload ends as that answer says.
    await writeOnce(io, blob.name, hooks.createOnly, (conditions) =>
      blob.commitBlockList(ids, { blobHTTPHeaders: { ...headers, blobContentMD5 }, conditions }),
    );
  } finally {
    release();
  }
}

/**
 * Writes `blob` as a folder marker: a zero-length blob with metadata `hdi_isfolder=true`, as
 * ADLS Gen2 and Storage Explorer mark folders on flat accounts (one Put Blob, If-None-Match: *,
 * a quarter slot). A blob already there (a marker or a file) is left as it is. Rejects with a
 * `LakeFailure` for any other error.
 */
export async function putFolderMarker(io: TransferIo, blob: BlockBlobClient): Promise<void> {
  const release = await io.slot(0);
  try {
    await writeOnce(io, blob.name, true, (conditions) =>
      blob.upload('', 0, {
        metadata: { [folderMarkerKey]: 'true' },
        conditions,
        abortSignal: io.signal,
      }),
    );
  } catch (e) {
    if (!(e instanceof BlobExists)) throw e;
  } finally {
    release();
  }
}
