import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EnqueueDownloadArgs, EnqueueUploadArgs } from '../../shared/contract/transfers.js';
import type { JobRecord } from './jobRecord.js';
import { isSymbolicLink, linkNotFollowed } from './localFiles.js';

type Fields = Pick<
  JobRecord,
  | 'batchId'
  | 'direction'
  | 'kind'
  | 'rootKind'
  | 'name'
  | 'connectionId'
  | 'container'
  | 'localPath'
  | 'remotePath'
  | 'conflict'
  | 'include'
  | 'exclude'
  | 'followSymlinks'
  | 'checkMd5'
>;

/** The name filters of `args` as a record keeps them (absent when not given or empty). */
const filtersOf = (args: { include?: string[]; exclude?: string[] }) => ({
  ...(args.include?.length ? { include: args.include } : {}),
  ...(args.exclude?.length ? { exclude: args.exclude } : {}),
});

const newRecord = (fields: Fields): JobRecord => ({
  version: 1,
  id: randomUUID(),
  createdAt: new Date().toISOString(),
  state: { kind: 'queued' },
  bytesCompleted: 0,
  filesDone: 0,
  filesSkipped: 0,
  filesFailed: 0,
  failures: [],
  rewrites: [],
  active: [],
  ...fields,
});

/**
 * One queued upload record per local path, in one new batch: a folder job for a directory, a
 * file job (with its size as total) for a file, and a job already failed with `NotFound` for a
 * path that does not exist; without `followSymlinks`, a path that is a symbolic link is a job
 * already skipped, the link reported in its `skippedEntries`. The remote path is `<remoteDirectory>/<name>`, the name being
 * `remoteName` when given, else the local file's or folder's own. Name filters (`include`,
 * `exclude`) are kept on the records.
 */
export async function uploadRecords(args: EnqueueUploadArgs): Promise<JobRecord[]> {
  const batchId = randomUUID();
  const records: JobRecord[] = [];
  for (const localPath of args.localPaths) {
    const link = !args.followSymlinks && (await isSymbolicLink(localPath));
    const s = await stat(localPath).catch(() => undefined);
    const name = args.remoteName ?? path.basename(localPath);
    const folder = !link && (s?.isDirectory() ?? false);
    const record = newRecord({
      batchId,
      direction: 'upload',
      kind: folder ? 'folder' : 'file',
      rootKind: folder ? 'directory' : 'file',
      name,
      connectionId: args.connectionId,
      container: args.container,
      localPath,
      remotePath: args.remoteDirectory === '' ? name : `${args.remoteDirectory}/${name}`,
      conflict: args.conflict,
      ...filtersOf(args),
      ...(args.followSymlinks ? { followSymlinks: true } : {}),
    });
    if (link) {
      record.state = { kind: 'skipped', reason: `${localPath}: ${linkNotFollowed}` };
      record.skippedEntries = [{ path: localPath, reason: linkNotFollowed }];
      record.entriesSkipped = 1;
      record.bytesTotal = 0;
      record.filesTotal = 0;
    } else if (!s) {
      record.state = {
        kind: 'failed',
        error: { code: 'NotFound', message: `${localPath} does not exist.` },
      };
    } else if (!folder) {
      record.bytesTotal = s.size;
      record.filesTotal = 1;
    }
    records.push(record);
  }
  return records;
}

/** One queued download record per remote path, in one new batch; its `name` (the local file or folder written) is `localName` when given, else the blob's or directory's own. */
export function downloadRecords(args: EnqueueDownloadArgs): JobRecord[] {
  const batchId = randomUUID();
  return args.remotePaths.map((p) =>
    newRecord({
      batchId,
      direction: 'download',
      kind: p.kind === 'file' ? 'file' : 'folder',
      rootKind: p.kind,
      name: args.localName ?? (p.path.slice(p.path.lastIndexOf('/') + 1) || args.container),
      connectionId: args.connectionId,
      container: args.container,
      localPath: args.localDirectory,
      remotePath: p.path,
      conflict: args.conflict,
      ...filtersOf(args),
      ...(args.checkMd5 ? { checkMd5: args.checkMd5 } : {}),
    }),
  );
}

/**
 * A record read back from the journal: an unfinished job (queued, running, waiting) becomes
 * queued with `resumeOnStart`, paused otherwise; paused and finished jobs stay as they were.
 * Bytes of files in progress restart from what is known on disk (a download's written prefix)
 * or are recounted (an upload's blocks).
 */
export function restoredRecord(record: JobRecord, resumeOnStart: boolean): JobRecord {
  const unfinished = ['queued', 'running', 'waiting'].includes(record.state.kind);
  return {
    ...record,
    state: unfinished ? { kind: resumeOnStart ? 'queued' : 'paused' } : record.state,
    active: record.active.map((f) => ({
      ...f,
      bytes: f.kind === 'download' ? f.verifiedBytes : 0,
    })),
  };
}
