import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { lastSegment } from '../storage/blobEntry.js';
import { failWith } from '../storage/toLakeError.js';
import { downloadFile, partSuffix, type RemoteFile } from './downloadFile.js';
import { forEachConcurrent } from './forEachConcurrent.js';
import { listRemote } from './listRemote.js';
import type { ActiveDownload } from './jobRecord.js';
import { includesOnly, nameFilter } from './nameFilter.js';
import { blobPropertiesOrNone, fileFailed, isNewer, type RunEnv } from './runEnv.js';
import { collisionKey, numberedName, safeLocalPath } from './safeLocalPath.js';
import type { TransferJob } from './transferJob.js';

/** A blob to download and the local file it goes to. */
interface DownloadItem {
  key: string;
  remote: RemoteFile;
  target: string;
}

const exists = (p: string) =>
  stat(p).then(
    (s) => s,
    () => undefined,
  );

/** Local targets already taken in this job, case-insensitively (so names differing in case do not overwrite each other). */
class Claims {
  private readonly taken = new Set<string>();
  claim(p: string): boolean {
    const k = collisionKey([p]);
    if (this.taken.has(k)) return false;
    this.taken.add(k);
    return true;
  }
  /** A free name beside `target`, "name (1).ext"…, unclaimed and absent on disk when `onDisk`. */
  async free(target: string, onDisk: boolean): Promise<string> {
    const dir = path.dirname(target);
    const base = path.basename(target);
    for (let n = 1; n < 10_000; n++) {
      const candidate = path.join(dir, numberedName(base, n));
      if (onDisk && ((await exists(candidate)) || (await exists(candidate + partSuffix)))) continue;
      if (this.claim(candidate)) return candidate;
    }
    return failWith('AlreadyExists', `No free name next to "${target}".`);
  }
}

/** `segments` under `root`, checked once more to be inside it. */
function inside(root: string, segments: string[]): string {
  const target = path.resolve(root, ...segments);
  if (!target.startsWith(root + path.sep)) {
    failWith('InvalidInput', `"${segments.join('/')}" would land outside ${root}.`);
  }
  return target;
}

/**
 * The local directories of one job run: each is created once (with its parents), however many
 * files land in it. `fresh` is set when the job created its root folder itself.
 */
class Directories {
  fresh = false;
  private readonly made = new Map<string, Promise<unknown>>();
  ensure(dir: string): Promise<unknown> {
    let p = this.made.get(dir);
    if (!p) {
      p = mkdir(dir, { recursive: true });
      this.made.set(dir, p);
      p.catch(() => this.made.delete(dir));
    }
    return p;
  }
}

async function* items(
  job: TransferJob,
  env: RunEnv,
  claims: Claims,
  dirs: Directories,
): AsyncGenerator<DownloadItem> {
  const { remotePath, localPath } = job.record;
  const rootSafe = safeLocalPath(job.record.name);
  if (!rootSafe.ok) return failWith('InvalidInput', rootSafe.reason);
  rootSafe.rewrites.forEach((r) => job.addRewrite(r));
  const localRoot = path.resolve(localPath);
  if (job.record.rootKind === 'file') {
    const props = await blobPropertiesOrNone(env, remotePath);
    if (!props) return failWith('NotFound', `"${remotePath}" does not exist.`);
    const target = inside(localRoot, rootSafe.segments);
    claims.claim(target);
    job.record.localTarget = target;
    job.record.bytesTotal = props.contentLength ?? 0;
    job.record.filesTotal = 1;
    yield {
      key: remotePath,
      target,
      remote: {
        name: remotePath,
        size: props.contentLength ?? 0,
        etag: props.etag ?? '',
        ...(props.lastModified ? { lastModified: props.lastModified } : {}),
        ...(props.contentMD5 ? { contentMD5: props.contentMD5 } : {}),
      },
    };
    return;
  }
  const root = inside(localRoot, rootSafe.segments);
  job.record.localTarget = root;
  await dirs.ensure(path.dirname(root));
  // Into a folder this job created itself (mkdir is atomic: one creator wins) no file can be in
  // the way, so a first run's targets need no stat.
  const created = await mkdir(root).then(
    () => true,
    (e: NodeJS.ErrnoException) => (e.code === 'EEXIST' ? false : Promise.reject(e)),
  );
  dirs.fresh = created && job.active.size === 0 && job.done.size === 0;
  await dirs.ensure(root);
  const prefix = remotePath === '' ? '' : `${remotePath}/`;
  const accept = nameFilter(job.record);
  const folders = !includesOnly(job.record);
  for await (const entry of listRemote(env.io, env.transport, remotePath)) {
    if (entry.kind === 'directory' ? !folders : !accept(lastSegment(entry.path))) continue;
    const safe = safeLocalPath(entry.path.slice(prefix.length));
    if (!safe.ok) {
      job.fileFailed(entry.path, entry.path, { code: 'InvalidInput', message: safe.reason });
      continue;
    }
    let target = inside(root, safe.segments);
    if (entry.kind === 'directory') {
      await dirs.ensure(target);
      continue;
    }
    if (!claims.claim(target)) {
      const renamed = await claims.free(target, false);
      job.addRewrite({
        from: entry.path,
        to: path.relative(root, renamed).split(path.sep).join('/'),
        reason: 'collides with another name (case or rewrite)',
      });
      target = renamed;
    } else {
      safe.rewrites.forEach((r) => job.addRewrite(r));
    }
    yield {
      key: entry.path,
      target,
      remote: {
        name: entry.path,
        size: entry.size,
        etag: entry.etag,
        lastModified: entry.lastModified,
        ...(entry.contentMD5 ? { contentMD5: entry.contentMD5 } : {}),
      },
    };
  }
}

async function downloadOne(
  job: TransferJob,
  env: RunEnv,
  item: DownloadItem,
  claims: Claims,
  dirs: Directories,
) {
  const { key, remote } = item;
  const resume = job.active.get(key) as ActiveDownload | undefined;
  let target = resume?.target ?? item.target;
  try {
    await dirs.ensure(path.dirname(target));
    const existing = resume || dirs.fresh ? undefined : await exists(target);
    if (existing) {
      const answer = await env.decide({
        path: target,
        existingSize: existing.size,
        existingModified: existing.mtime.toISOString(),
        incomingSize: remote.size,
        ...(remote.lastModified ? { incomingModified: remote.lastModified.toISOString() } : {}),
      });
      const newer = isNewer(remote.lastModified?.getTime() ?? 0, existing.mtimeMs);
      if (answer === 'skip' || (answer === 'ifNewer' && !newer)) {
        job.fileSkipped(key, remote.size);
        return;
      }
      if (answer === 'rename') {
        const renamed = await claims.free(target, true);
        job.addRewrite({ from: target, to: renamed, reason: 'a file of that name existed' });
        target = renamed;
        // A one-file job reports the path it wrote.
        if (job.record.rootKind === 'file') job.record.localTarget = renamed;
      }
    }
    job.startFile({
      kind: 'download',
      key,
      remotePath: remote.name,
      target,
      size: remote.size,
      etag: remote.etag,
      verifiedBytes: resume?.etag === remote.etag ? resume.verifiedBytes : 0,
      bytes: 0,
    });
    await downloadFile(env.io, env.transport, remote, target, {
      ...(resume ? { resumeFrom: { etag: resume.etag, bytes: resume.verifiedBytes } } : {}),
      ...(job.record.checkMd5 ? { checkMd5: job.record.checkMd5 } : {}),
      onMismatch: (error) => job.fileWarning(remote.name, error),
      onBytes: (bytes) => job.updateFile(key, (f) => void (f.bytes = bytes)),
      onResumed: (bytes) => job.fileResumed(key, bytes),
      onVerified: (bytes) =>
        job.updateFile(key, (f) => void ((f as ActiveDownload).verifiedBytes = bytes)),
    });
    job.fileDone(key, remote.size);
  } catch (e) {
    fileFailed(job, key, remote.name, e);
  }
}

/**
 * Runs a download job: the blob to `<localDirectory>/<name>`, or every blob under the
 * directory (List Blobs, streamed page by page with retries) to `<localDirectory>/<directory name>/<relative path>`,
 * `fileConcurrency` files at a time, only the blobs whose names pass the job's `include` /
 * `exclude` patterns (folder markers too only without `include`). Remote names become safe local paths (`safeLocalPath`);
 * rewrites and collisions (names equal but for case, or equal after rewriting) are reported on
 * the job and collisions renamed "name (1).ext". Conflicts (the local file exists) follow the
 * job's policy. Content-MD5 is checked as the job's `checkMd5` says (a `LogOnly` mismatch goes
 * to the job's `warnings`). A file that fails (a name GET cannot reach, a changed blob, a bad MD5) is
 * recorded and the job goes on; AuthFailed, PermissionDenied, Unreachable and Cancelled stop it.
 */
export async function runDownloadJob(job: TransferJob, env: RunEnv): Promise<void> {
  const claims = new Claims();
  const dirs = new Directories();
  let files = 0;
  let bytes = 0;
  await forEachConcurrent(items(job, env, claims, dirs), env.fileConcurrency, async (item) => {
    files++;
    bytes += item.remote.size;
    if (!job.done.has(item.key)) await downloadOne(job, env, item, claims, dirs);
  });
  job.record.filesTotal = files;
  job.record.bytesTotal = bytes;
}
