import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { createTransferEngine } from '../transfers/createTransferEngine.js';

/**
 * Uploads `localFile` as the blob `blobName` of `container` through Lakeshore's transfer engine
 * (one job, overwriting; Put Block per block, then Put Block List, so the blob appears under
 * its name only when complete — https://learn.microsoft.com/rest/api/storageservices/put-block-list).
 * The engine's journal lives in a temporary folder removed at the end. `onBytesSent` is told the
 * bytes of the file staged so far, at most 10 times a second (the engine's events). Rejects with
 * the job's error, or `Cancelled` (message `cancelledMessage`) when `signal` aborts, also when it
 * aborted before the job was enqueued.
 */
export async function uploadThroughEngine(
  container: ContainerClient,
  localFile: string,
  blobName: string,
  signal: AbortSignal,
  cancelledMessage = 'Cancelled; nothing was written.',
  onBytesSent?: (bytesSent: number) => void,
): Promise<void> {
  const journalDir = await mkdtemp(path.join(os.tmpdir(), 'lakeshore-query-upload-'));
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: () => Promise.resolve(container),
    resumeOnStart: false,
    ...(onBytesSent ? { onEvent: (e) => e.jobs.forEach((job) => onBytesSent(job.bytesDone)) } : {}),
  });
  const cancelAll = () => void Promise.all(engine.list().map((j) => engine.cancel(j.id)));
  signal.addEventListener('abort', cancelAll, { once: true });
  try {
    if (signal.aborted) throw new LakeFailure({ code: 'Cancelled', message: cancelledMessage });
    const slash = blobName.lastIndexOf('/');
    await engine.enqueueUpload({
      connectionId: 'query',
      container: container.containerName,
      remoteDirectory: slash < 0 ? '' : blobName.slice(0, slash),
      remoteName: blobName.slice(slash + 1),
      localPaths: [localFile],
      conflict: 'overwrite',
    });
    // An abort while the job was being enqueued found no job to cancel.
    if (signal.aborted) cancelAll();
    await engine.whenIdle();
    if (signal.aborted) throw new LakeFailure({ code: 'Cancelled', message: cancelledMessage });
    for (const job of engine.list()) {
      if (job.state.kind === 'failed') throw new LakeFailure(toLakeError(job.state.error));
      if (job.state.kind !== 'completed')
        failWith('Unknown', `Uploading ${blobName} ended ${job.state.kind}.`);
    }
  } finally {
    signal.removeEventListener('abort', cancelAll);
    await engine.close();
    await rm(journalDir, { recursive: true, force: true });
  }
}
