/**
 * Transfers: upload and download jobs run by main (STYLE.md example 6). Enqueuing returns job
 * ids; progress arrives as `TransferProgressEvent`s keyed by them; pause, resume, cancel and
 * retry are calls with a job id.
 */
import { z } from 'zod';
import type { ConvertJobSummary } from './convertJob.js';
import type { DeltaJobSummary } from './deltaJob.js';
import type { LakeError } from './errors.js';
import {
  blobPathSchema,
  connectionIdSchema,
  containerNameSchema,
  directoryPathSchema,
} from './paths.js';
import { stagingBatchIdPattern } from './wire.js';

/** Upload: local → blob. Download: blob → local. */
export const transferDirections = ['upload', 'download'] as const;
/** `upload` or `download`. */
export type TransferDirection = (typeof transferDirections)[number];

/**
 * What to do when the target exists (a blob for an upload, a local file for a download):
 * `ask` waits for `resolveConflict`; `rename` writes "name (1).ext", "name (2).ext"…;
 * `ifNewer` transfers only when the source is newer than the target (local mtime against the
 * blob's Last-Modified).
 */
export const conflictPolicies = ['ask', 'overwrite', 'skip', 'rename', 'ifNewer'] as const;
/** One of `conflictPolicies`. */
export type ConflictPolicy = (typeof conflictPolicies)[number];
/** An answer to a conflict: any policy but `ask`. */
export type ConflictAnswer = Exclude<ConflictPolicy, 'ask'>;

/** A conflict a job waits on: the existing target and the incoming source. Sizes in bytes, times ISO 8601. */
export interface ConflictInfo {
  /** The existing target: the blob name (upload) or the local path (download). */
  path: string;
  existingSize?: number;
  existingModified?: string;
  incomingSize: number;
  incomingModified?: string;
}

/** Where a job is. `waiting` holds the conflict it needs an answer to. */
export type TransferState =
  | { kind: 'queued' }
  | { kind: 'running' }
  | { kind: 'waiting'; conflict: ConflictInfo }
  /**
   * Paused by the user, or (`waitingForSignIn`, the reason in words) because the Microsoft
   * Entra ID sign-in of its connection can no longer be refreshed: it runs again by itself
   * once the account signs in again.
   */
  | { kind: 'paused'; waitingForSignIn?: string }
  | { kind: 'completed' }
  | { kind: 'failed'; error: LakeError }
  | { kind: 'cancelled' }
  | { kind: 'skipped'; reason: string };

/** The `kind` of a `TransferState`. */
export type TransferStateKind = TransferState['kind'];

const endedKinds: ReadonlySet<TransferStateKind> = new Set([
  'completed',
  'failed',
  'cancelled',
  'skipped',
]);

/** Whether a job in state `kind` has ended: completed, failed, cancelled or skipped (a failed or cancelled one can still be retried). */
export const hasEnded = (kind: TransferStateKind): boolean => endedKinds.has(kind);

/**
 * A name the job wrote under another name, with the rule that applied: a remote name made a
 * safe local path (download), a collision renamed, or a target that existed renamed
 * "name (1).ext" under the `rename` policy (`from` and `to` are then the blob names, or the
 * local paths).
 */
export interface PathRewrite {
  from: string;
  to: string;
  reason: string;
}

/** One file of a folder job that failed; the job went on. */
export interface FileFailure {
  /** The blob name (download) or the local path (upload). */
  path: string;
  error: LakeError;
}

/** A local entry an upload passed over without transferring it, and why (a symbolic link not followed). */
export interface SkippedEntry {
  /** The local path. */
  path: string;
  reason: string;
}

/**
 * How a download checks a blob's Content-MD5 (azcopy's `--check-md5`): `NoCheck` does not;
 * `LogOnly` keeps a file whose bytes differ and records the mismatch in the job's `warnings`;
 * `FailIfDifferent` (the default) fails such a file and leaves its target untouched, and takes
 * a blob without Content-MD5 unchecked; `FailIfDifferentOrMissing` also fails a blob without one.
 */
export const md5Checks = [
  'NoCheck',
  'LogOnly',
  'FailIfDifferent',
  'FailIfDifferentOrMissing',
] as const;
/** One of `md5Checks`. */
export type Md5Check = (typeof md5Checks)[number];

/** An upload or a download as the Transfers panel shows it. Bytes in bytes, rate in bytes/s, ETA in ms. */
export interface TransferJobSummary {
  id: string;
  /** Jobs of one enqueue call share a batch; an `applyToAll` answer covers the batch. */
  batchId: string;
  direction: TransferDirection;
  /** `file`: one file; `folder`: a directory expanded recursively. */
  kind: 'file' | 'folder';
  /** Display name: the file or folder name. */
  name: string;
  /** Upload: the local source. Download: the local file or folder written. */
  localPath: string;
  connectionId: string;
  container: string;
  /** Upload: the blob or directory written. Download: the blob or directory read. */
  remotePath: string;
  bytesDone: number;
  /** The part of `bytesDone` that belongs to skipped files: counted so progress reaches its total, but not moved. */
  bytesSkipped: number;
  /**
   * The part of `bytesDone` that was already on the target when this engine took the job over
   * from the journal, moved by an earlier run: its finished files (skipped ones excluded), a
   * download's part-file prefix kept, an upload's blocks found staged. 0 for a job enqueued in
   * this run. `bytesDone - bytesSkipped - bytesResumed` is what this run moved.
   */
  bytesResumed: number;
  /** Absent while a folder is still being enumerated. */
  bytesTotal?: number;
  filesDone: number;
  filesTotal?: number;
  filesSkipped: number;
  filesFailed: number;
  /** The first 100 failed files. */
  failures: FileFailure[];
  /** Files transferred despite a problem that did not fail them (a Content-MD5 mismatch under `checkMd5: 'LogOnly'`), the first 100. */
  warnings: FileFailure[];
  rateBytesPerSec: number;
  etaMs?: number;
  state: TransferState;
  /** Names rewritten into safe local paths, and collisions renamed (the first 1,000). */
  rewrites: PathRewrite[];
  /** Upload: local entries not transferred, such as symbolic links without `followSymlinks` (the first 1,000); neither files nor bytes of the totals. */
  skippedEntries: SkippedEntry[];
  /** How many entries were skipped so (all of them, not only those in `skippedEntries`). */
  entriesSkipped: number;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * A job of the Transfers panel, by `direction`: an upload or a download (`TransferJobSummary`),
 * a conversion (`ConvertJobSummary`), or a Delta VACUUM or RESTORE (`DeltaJobSummary`). All have an id, a batch, a name, bytes done and total,
 * a rate, an ETA and a `TransferState`.
 */
export type JobSummary = TransferJobSummary | ConvertJobSummary | DeltaJobSummary;

/** Whether `job` is an upload or a download (not a conversion, a VACUUM or a RESTORE). */
export const isFileTransfer = (job: JobSummary): job is TransferJobSummary =>
  job.direction === 'upload' || job.direction === 'download';

/** What limits the speed now: local disk, the network, the service throttling (429/503), this computer's CPU (the transfer engine's event loop is busy), or nothing runs. */
export type TransferLimit = 'disk' | 'network' | 'throttling' | 'cpu' | 'none';

/** All jobs together. `concurrency` is the adaptive limit of requests in flight now. */
export interface TransferAggregate {
  bytesDone: number;
  bytesTotal: number;
  rateBytesPerSec: number;
  etaMs?: number;
  /** Jobs queued, running or waiting. */
  active: number;
  concurrency: number;
  limitedBy: TransferLimit;
}

/**
 * Pushed at most 10 times a second: the jobs that changed since the last event, and the
 * aggregate. `J` narrows the jobs for an engine that runs only uploads and downloads (the CLI's).
 */
export interface TransferProgressEvent<J extends JobSummary = JobSummary> {
  jobs: J[];
  /** Ids of jobs removed (cleared) since the last event. */
  removed: string[];
  aggregate: TransferAggregate;
}

const connectionId = connectionIdSchema;

/** An absolute local path (POSIX `/…`, Windows `C:\…` or `\\server\…`), without NUL, at most 4,096 chars. */
export const localPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), { message: 'An absolute local path' })
  .refine((p) => !p.includes('\0'), { message: 'A path cannot contain NUL' });

/** Validates a `ConflictPolicy`. */
export const conflictPolicySchema = z.enum(conflictPolicies);
/** Validates a `ConflictAnswer`. */
export const conflictAnswerSchema = z.enum(['overwrite', 'skip', 'rename', 'ifNewer']);

/** One path segment: the name a single file or folder takes at its target (no `/`, `\\`, NUL; not `.` or `..`). */
export const targetNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', {
    message: 'A name is one path segment',
  });

/**
 * A glob matched against a file's name, its last path segment (azcopy's `--include-pattern` /
 * `--exclude-pattern`): `*` any run of characters, `?` one character; a leading dot is matched
 * like any other character. 1–1,024 chars, without NUL, `/` (a name has none, so the pattern
 * could never match) or `\\` (which globs read as an escape, Windows users as a separator).
 */
export const namePatternSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !/[/\\\0]/.test(p), {
    message: 'A pattern matches a file name: no /, \\ or NUL',
  });

/**
 * Name filters of a folder job: a file is taken when its name matches any `include` pattern (or
 * no `include` is given, or it is empty) and no `exclude` pattern. At most 100 patterns each. Files filtered out
 * are neither transferred nor counted in the job's totals; with `include` given, empty folders
 * (folder markers) are not transferred either. A single file job ignores them.
 */
const nameFilterFields = {
  include: z.array(namePatternSchema).max(100).optional(),
  exclude: z.array(namePatternSchema).max(100).optional(),
};

/**
 * Upload local files and folders (recursively, structure kept) into `remoteDirectory`, each
 * under its own name, or with `remoteName` one path under that name (`cp a.csv …/dir/b.csv`);
 * folders filtered by name with `include` / `exclude` (see `nameFilterFields`).
 * One call is one batch.
 */
export const enqueueUploadArgs = z
  .object({
    connectionId,
    container: containerNameSchema,
    remoteDirectory: directoryPathSchema,
    localPaths: z.array(localPathSchema).min(1).max(10_000),
    remoteName: targetNameSchema.optional(),
    ...nameFilterFields,
    /**
     * Follow symbolic links, to files and to folders (a link to a folder it is inside of is
     * skipped, not followed: a cycle); default false: every link, a local path given included,
     * is skipped and reported in the job's `skippedEntries`.
     */
    followSymlinks: z.boolean().optional(),
    conflict: conflictPolicySchema,
  })
  .strict()
  .refine((a) => a.remoteName === undefined || a.localPaths.length === 1, {
    message: 'remoteName names one local path',
    path: ['remoteName'],
  });
/** `enqueueUploadArgs` after validation. */
export type EnqueueUploadArgs = z.output<typeof enqueueUploadArgs>;

/**
 * Download blobs and directories (recursively) into `localDirectory`, each under its own name,
 * or with `localName` one path under that name (`cp …/a.csv ./b.csv`); directories filtered by
 * blob name with `include` / `exclude` (see `nameFilterFields`). One call is one batch.
 */
export const enqueueDownloadArgs = z
  .object({
    connectionId,
    container: containerNameSchema,
    remotePaths: z
      .array(
        z
          .object({ path: directoryPathSchema, kind: z.enum(['file', 'directory']) })
          .strict()
          .refine((p) => p.kind === 'directory' || p.path !== '', {
            message: 'A file path cannot be empty',
          }),
      )
      .min(1)
      .max(10_000),
    localDirectory: localPathSchema,
    localName: targetNameSchema.optional(),
    ...nameFilterFields,
    /** How each blob's Content-MD5 is checked (see `md5Checks`); default `FailIfDifferent`. */
    checkMd5: z.enum(md5Checks).optional(),
    conflict: conflictPolicySchema,
  })
  .strict()
  .refine((a) => a.localName === undefined || a.remotePaths.length === 1, {
    message: 'localName names one remote path',
    path: ['localName'],
  });
/** `enqueueDownloadArgs` after validation. */
export type EnqueueDownloadArgs = z.output<typeof enqueueDownloadArgs>;

/** The argument of pause, resume, cancel and retry. */
export const transferJobArgs = z.object({ jobId: z.string().min(1).max(64) }).strict();
/** `transferJobArgs` after validation. */
export type TransferJobArgs = z.output<typeof transferJobArgs>;

/** Answers the conflict a job waits on; `applyToAll` answers every later conflict of its batch too. */
export const resolveConflictArgs = z
  .object({
    jobId: z.string().min(1).max(64),
    answer: conflictAnswerSchema,
    applyToAll: z.boolean(),
  })
  .strict();
/** `resolveConflictArgs` after validation. */
export type ResolveConflictArgs = z.output<typeof resolveConflictArgs>;

/**
 * Upload what the browser staged under `batchId` (see `stagingPath` in wire.ts) into
 * `remoteDirectory`: with `names`, only those top-level entries of the drop (the ones the user
 * did not cancel while they were being sent), else all of them.
 */
export const stagedUploadArgs = z
  .object({
    connectionId,
    container: containerNameSchema,
    remoteDirectory: directoryPathSchema,
    batchId: z.string().regex(stagingBatchIdPattern, 'Not a staging batch id'),
    names: z.array(z.string().min(1).max(1024)).min(1).max(10_000).optional(),
    conflict: conflictPolicySchema,
  })
  .strict();

/**
 * What a native drag out of the window carries: its files are downloaded while the user holds
 * the mouse (the OS needs local files when the drag starts), so only a few small files.
 */
export const dragOutLimits = {
  maxFiles: 20,
  maxBytes: 32 * 1024 * 1024,
  /** Main stops waiting for the download after this and starts no drag. */
  deadlineMs: 10_000,
} as const;

/** Files (not folders) of one container to drag out of the window (`paths.dragOut`). */
export const dragOutArgs = z
  .object({
    connectionId,
    container: containerNameSchema,
    paths: z
      .array(blobPathSchema)
      .min(1)
      .max(
        dragOutLimits.maxFiles,
        `Drag up to ${dragOutLimits.maxFiles} files at once; use Download for more.`,
      ),
  })
  .strict();
