import type { BlobGetPropertiesResponse, ContainerClient } from '@azure/storage-blob';
import type { ErrorCode } from '../../shared/contract/index.js';
import type { ConflictAnswer, ConflictInfo } from '../../shared/contract/transfers.js';
import type { BlobTransport } from '../storage/blobTransport.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { TransferIo } from './transferIo.js';
import type { TransferJob } from './transferJob.js';

/** What a job runner gets from the engine. */
export interface RunEnv {
  io: TransferIo;
  container: ContainerClient;
  /** Get Blob and Put Blob for the container's blobs. */
  transport: BlobTransport;
  /** Files of one folder job in progress at once (their requests still share the global limit). */
  fileConcurrency: number;
  decide(info: ConflictInfo): Promise<ConflictAnswer>;
  /** True when the job overwrites without asking, so no existence check is needed. */
  overwrites(): boolean;
}

/** Errors that no other file of the job would escape: the job stops instead of failing file after file. */
const fatal = new Set<ErrorCode>(['AuthFailed', 'PermissionDenied', 'Unreachable', 'Cancelled']);

/**
 * Records a file's failure on the job and lets the job go on, or rethrows when the error
 * stops the whole job (`fatal` codes, plus `extraFatal`).
 */
export function fileFailed(
  job: TransferJob,
  key: string,
  path: string,
  thrown: unknown,
  extraFatal: ErrorCode[] = [],
): void {
  const error = toLakeError(thrown);
  if (fatal.has(error.code) || extraFatal.includes(error.code)) throw new LakeFailure(error);
  job.fileFailed(key, path, error);
}

/** A blob's properties (Get Blob Properties, one slot, retried), or undefined when it does not exist. */
export async function blobPropertiesOrNone(
  env: RunEnv,
  blobName: string,
): Promise<BlobGetPropertiesResponse | undefined> {
  const release = await env.io.slot();
  try {
    return await env.io.call(() =>
      env.container.getBlockBlobClient(blobName).getProperties({ abortSignal: env.io.signal }),
    );
  } catch (e) {
    if (toLakeError(e).code === 'NotFound') return undefined;
    throw e;
  } finally {
    release();
  }
}

/** Whether `source` is newer than `existing` (ms since the epoch), comparing at whole seconds as Last-Modified does. */
export const isNewer = (sourceMs: number, existingMs: number): boolean =>
  Math.floor(sourceMs / 1000) > Math.floor(existingMs / 1000);
