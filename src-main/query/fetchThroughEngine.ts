import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTransferEngine } from '../transfers/createTransferEngine.js';
import { LakeFailure } from '../storage/toLakeError.js';
import type { CacheFill } from './sourceCache.js';

/**
 * Downloads the cache's missing blobs of `container` through Lakeshore's transfer engine (ranged
 * parallel Get Blob, If-Match on the ETag, Content-MD5 checked, `.lakeshore-part` renamed only
 * when complete), one download job per blob, all under the engine's shared request limit. Its
 * journal lives in a temporary folder removed at the end. Rejects with the first failed job's
 * error, or `Cancelled` when `signal` aborts (every job cancelled, no part file left).
 */
export async function fetchThroughEngine(
  container: ContainerClient,
  fills: CacheFill[],
  signal?: AbortSignal,
): Promise<void> {
  const journalDir = await mkdtemp(path.join(os.tmpdir(), 'lakeshore-query-fetch-'));
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: () => Promise.resolve(container),
    resumeOnStart: false,
  });
  const cancelAll = () => void Promise.all(engine.list().map((j) => engine.cancel(j.id)));
  signal?.addEventListener('abort', cancelAll, { once: true });
  try {
    for (const fill of fills) {
      await engine.enqueueDownload({
        connectionId: 'query',
        container: container.containerName,
        remotePaths: [{ path: fill.blob.blobName, kind: 'file' }],
        localDirectory: path.dirname(fill.localPath),
        localName: path.basename(fill.localPath),
        conflict: 'overwrite',
      });
    }
    await engine.whenIdle();
    if (signal?.aborted)
      throw new LakeFailure({ code: 'Cancelled', message: 'The query was cancelled.' });
    for (const job of engine.list()) {
      if (job.state.kind === 'failed') throw new LakeFailure(job.state.error);
      if (job.state.kind !== 'completed')
        throw new LakeFailure({
          code: 'Unknown',
          message: `Fetching ${job.remotePath} for the query ended ${job.state.kind}.`,
        });
    }
  } finally {
    signal?.removeEventListener('abort', cancelAll);
    await engine.close();
    await rm(journalDir, { recursive: true, force: true });
  }
}
