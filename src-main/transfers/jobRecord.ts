import type {
  ConflictPolicy,
  FileFailure,
  Md5Check,
  PathRewrite,
  SkippedEntry,
  TransferDirection,
  TransferState,
} from '../../shared/contract/transfers.js';

/** An upload file in progress: where it goes and the block size its staged blocks were cut with. */
export interface ActiveUpload {
  kind: 'upload';
  key: string;
  localPath: string;
  blobName: string;
  size: number;
  mtimeMs: number;
  blockSize?: number;
  /** The conflict answer chose to replace a blob found at `blobName` (else the upload may only create it). */
  replaces?: boolean;
  /** Bytes on the service so far (not persisted meaningfully: recounted on resume). */
  bytes: number;
}

/** A download file in progress: its target, the ETag it reads, and the written prefix of its part file. */
export interface ActiveDownload {
  kind: 'download';
  key: string;
  remotePath: string;
  target: string;
  size: number;
  etag: string;
  verifiedBytes: number;
  bytes: number;
}

/** A file in progress, by direction. */
export type ActiveFile = ActiveUpload | ActiveDownload;

/**
 * A job as the journal keeps it (JSON). `key`s name files relative to the job's root (the file
 * name for a file job). Bytes in bytes, times ISO 8601.
 */
export interface JobRecord {
  version: 1;
  id: string;
  batchId: string;
  direction: TransferDirection;
  kind: 'file' | 'folder';
  /** The name the file or folder takes at its target (upload: the last segment of `remotePath`; download: the local file or folder written in `localPath`). */
  name: string;
  connectionId: string;
  container: string;
  /** Upload: the local file or folder. Download: the local directory chosen. */
  localPath: string;
  /** Upload: the remote directory. Download: the blob or directory. */
  remotePath: string;
  /** What `remotePath` (download) or `localPath` (upload) names: one file or a directory. */
  rootKind: 'file' | 'directory';
  conflict: ConflictPolicy;
  /** Folder jobs: glob patterns on a file's name; only files matching one are taken (see `nameFilter`). */
  include?: string[];
  /** Folder jobs: glob patterns on a file's name; files matching one are left out. */
  exclude?: string[];
  /** Download: how Content-MD5 is checked (absent: `FailIfDifferent`). */
  checkMd5?: Md5Check;
  /** Upload: follow symbolic links (absent: skip and report them). */
  followSymlinks?: boolean;
  createdAt: string;
  state: TransferState;
  /** Bytes of finished (or skipped) files. */
  bytesCompleted: number;
  /** The part of `bytesCompleted` that was skipped, not moved; absent in journals written before it was kept (read as 0). */
  bytesSkipped?: number;
  bytesTotal?: number;
  filesDone: number;
  filesTotal?: number;
  filesSkipped: number;
  filesFailed: number;
  failures: FileFailure[];
  /** Files kept despite a problem (a Content-MD5 mismatch under `LogOnly`), the first 100; absent in older journals. */
  warnings?: FileFailure[];
  rewrites: PathRewrite[];
  /** Upload: entries of the last walk not transferred (symbolic links), the first 1,000; absent in older journals. */
  skippedEntries?: SkippedEntry[];
  /** How many entries the last walk skipped so. */
  entriesSkipped?: number;
  /** Where the job writes locally once known (download: the file or folder created, or the name a one-file job was kept under, "x (1).csv"). */
  localTarget?: string;
  /** Upload of one file: the blob it was written to when that is not `remotePath` (kept under another name, "x (1).csv"). */
  remoteTarget?: string;
  active: ActiveFile[];
}
