import { lstat, stat } from 'node:fs/promises';
import { failWith } from '../storage/toLakeError.js';
import type { ActiveUpload } from './jobRecord.js';
import { forEachConcurrent } from './forEachConcurrent.js';
import { linkNotFollowed, walkLocalFiles, type LocalItem } from './localFiles.js';
import { blobPropertiesOrNone, fileFailed, isNewer, type RunEnv } from './runEnv.js';
import { numberedName } from './safeLocalPath.js';
import type { TransferJob } from './transferJob.js';
import { BlobExists, putFolderMarker, uploadFile } from './uploadFile.js';
import { blockSizeFor } from './blockPlan.js';
import { includesOnly, nameFilter } from './nameFilter.js';

const joinBlob = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/** The directory the job writes into: its remote path (the blob or folder written) without the last segment. */
const remoteDirectory = (job: TransferJob): string => {
  const p = job.record.remotePath;
  return p.slice(0, Math.max(0, p.lastIndexOf('/')));
};

async function* sourceFiles(job: TransferJob): AsyncGenerator<LocalItem> {
  const { localPath, rootKind, name, followSymlinks } = job.record;
  if (rootKind === 'file') {
    if (!followSymlinks && (await lstat(localPath)).isSymbolicLink()) {
      yield { kind: 'skipped', relative: name, absolute: localPath, reason: linkNotFollowed };
      return;
    }
    const s = await stat(localPath);
    yield {
      kind: 'file',
      relative: name,
      absolute: localPath,
      size: s.size,
      mtimeMs: s.mtimeMs,
    };
    return;
  }
  const walk = walkLocalFiles(localPath, {
    accept: nameFilter(job.record),
    emptyDirectories: !includesOnly(job.record),
    followSymlinks: followSymlinks ?? false,
  });
  for await (const item of walk) {
    yield { ...item, relative: joinBlob(name, item.relative) };
  }
}

/** A free blob name next to `blobName`: "name (1).ext", "name (2).ext"… */
async function freeBlobName(env: RunEnv, blobName: string): Promise<string> {
  const slash = blobName.lastIndexOf('/');
  const dir = blobName.slice(0, slash + 1);
  const base = blobName.slice(slash + 1);
  for (let n = 1; n < 10_000; n++) {
    const candidate = `${dir}${numberedName(base, n)}`;
    if (!(await blobPropertiesOrNone(env, candidate))) return candidate;
  }
  return failWith('AlreadyExists', `No free name next to "${blobName}".`);
}

type FileItem = Extract<LocalItem, { kind: 'file' }>;

/**
 * Where a file goes after looking for a blob of its name: `skip`, or the blob name to write
 * and whether that write replaces a blob found there (`replaces`; else it must create one).
 */
async function placeFor(
  env: RunEnv,
  item: FileItem,
  blobName: string,
): Promise<'skip' | { blobName: string; replaces: boolean }> {
  const existing = await blobPropertiesOrNone(env, blobName);
  if (!existing) return { blobName, replaces: false };
  const existingMs = existing.lastModified?.getTime() ?? 0;
  const answer = await env.decide({
    path: blobName,
    ...(existing.contentLength !== undefined ? { existingSize: existing.contentLength } : {}),
    existingModified: new Date(existingMs).toISOString(),
    incomingSize: item.size,
    incomingModified: new Date(item.mtimeMs).toISOString(),
  });
  if (answer === 'skip' || (answer === 'ifNewer' && !isNewer(item.mtimeMs, existingMs))) {
    return 'skip';
  }
  if (answer === 'rename') return { blobName: await freeBlobName(env, blobName), replaces: false };
  return { blobName, replaces: true };
}

/**
 * Uploads one file. Unless the job overwrites, its write is `createOnly` (If-None-Match: *)
 * except onto a blob the conflict answer chose to replace. A file that fits one Put Blob, or
 * one resumed, is sent without looking first (one request per new file); only when the write
 * meets a blob does the conflict policy run and the file go where it says. Another new file
 * looks first, so no block is staged for a file that is skipped; meeting a blob at its commit
 * then fails it with `BlobExists` (someone created it meanwhile).
 */
async function uploadOne(job: TransferJob, env: RunEnv, item: FileItem): Promise<void> {
  const key = item.relative;
  const resume = job.active.get(key) as ActiveUpload | undefined;
  let blobName = resume?.blobName ?? joinBlob(remoteDirectory(job), item.relative);
  let replaces = env.overwrites() || resume?.replaces === true;
  const sameFile = resume?.size === item.size && resume.mtimeMs === item.mtimeMs;
  const send = async () => {
    job.startFile({
      kind: 'upload',
      key,
      localPath: item.absolute,
      blobName,
      size: item.size,
      mtimeMs: item.mtimeMs,
      bytes: 0,
      ...(replaces ? { replaces } : {}),
    });
    await uploadFile(
      env.io,
      {
        blobName,
        transport: env.transport,
        blockBlob: () => env.container.getBlockBlobClient(blobName),
      },
      { localPath: item.absolute, size: item.size, mtimeMs: item.mtimeMs },
      {
        ...(sameFile && resume?.blockSize ? { resumeBlockSize: resume.blockSize } : {}),
        ...(replaces ? {} : { createOnly: true }),
        onPlan: (blockSize) =>
          job.updateFile(key, (f) => void ((f as ActiveUpload).blockSize = blockSize)),
        onBytes: (bytes) => job.updateFile(key, (f) => void (f.bytes = bytes)),
        onResumed: (bytes) => job.fileResumed(key, bytes),
      },
    );
  };
  const place = async () => {
    const found = await placeFor(env, item, blobName);
    if (found !== 'skip' && found.blobName !== blobName) {
      job.addRewrite({ from: blobName, to: found.blobName, reason: 'a blob of that name existed' });
      // A one-file job reports the blob it wrote.
      if (job.record.rootKind === 'file') job.record.remoteTarget = found.blobName;
    }
    if (found !== 'skip') ({ blobName, replaces } = found);
    return found !== 'skip';
  };
  try {
    const oneRequest = item.size <= blockSizeFor(item.size, env.io.blockSizeBytes);
    const lookFirst = !replaces && !resume && !oneRequest;
    if (lookFirst && !(await place())) return job.fileSkipped(key, item.size);
    try {
      await send();
    } catch (e) {
      if (replaces || lookFirst || !(e instanceof BlobExists)) throw e;
      if (!(await place())) return job.fileSkipped(key, item.size);
      await send();
    }
    job.fileDone(key, item.size);
  } catch (e) {
    fileFailed(job, key, item.absolute, e, ['NotFound']);
  }
}

/**
 * Runs an upload job: the file, or every file under the folder (streamed, uploaded as found,
 * `fileConcurrency` at a time) to `<remoteDirectory>/<folder name>/<relative path>`; empty
 * folders become folder markers (`putFolderMarker`) and count as files. Only files whose names
 * pass the job's `include` / `exclude` patterns are taken or counted (no empty folders with an
 * `include`). Symbolic links are skipped and listed in the job's `skippedEntries` unless it
 * follows them (`followSymlinks`). Files
 * finished before (journal) are skipped; files in progress resume. Conflicts (the blob exists)
 * follow the job's policy. A file that fails is recorded and the job goes on; AuthFailed,
 * PermissionDenied, Unreachable, NotFound (container) and Cancelled stop the job (rejects).
 */
export async function runUploadJob(job: TransferJob, env: RunEnv): Promise<void> {
  let files = 0;
  let bytes = 0;
  job.clearSkippedEntries();
  await forEachConcurrent(sourceFiles(job), env.fileConcurrency, async (item) => {
    if (item.kind === 'skipped') {
      job.entrySkipped({ path: item.absolute, reason: item.reason });
      return;
    }
    if (item.kind === 'error') {
      files++;
      if (!job.done.has(item.relative)) fileFailed(job, item.relative, item.absolute, item.error);
      return;
    }
    files++;
    if (item.kind === 'emptyDirectory') {
      const key = `${item.relative}/`;
      if (job.done.has(key)) return;
      try {
        const blob = env.container.getBlockBlobClient(
          joinBlob(remoteDirectory(job), item.relative),
        );
        await putFolderMarker(env.io, blob);
        job.fileDone(key, 0);
      } catch (e) {
        fileFailed(job, key, item.absolute, e, ['NotFound']);
      }
      return;
    }
    bytes += item.size;
    if (job.done.has(item.relative)) return;
    await uploadOne(job, env, item);
  });
  job.record.filesTotal = files;
  job.record.bytesTotal = bytes;
}
