import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  hasEnded,
  isFileTransfer,
  type JobSummary,
  type TransferProgressEvent,
} from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';
import type { TransferEngine } from '../transfers/createTransferEngine.js';

/** Opens a local file with the OS's default app; resolves to an error message, `''` on success (Electron `shell.openPath`). */
export type OpenPath = (file: string) => Promise<string>;

/**
 * "Open with default app": downloads the blob through the transfer queue into a fresh folder
 * under the OS temp folder, then opens it once its job completes. Without `openPath` (browser
 * mode) the call answers `InvalidInput`. `onProgress` must see every transfer event.
 */
export function createOpener(
  engine: () => Promise<TransferEngine<JobSummary>>,
  openPath: OpenPath | undefined,
  report: (message: string) => void,
) {
  const waiting = new Set<string>();
  return {
    async open(args: {
      connectionId: string;
      container: string;
      path: string;
    }): Promise<{ jobId: string }> {
      if (!openPath)
        return failWith(
          'InvalidInput',
          'Opening files with their default app needs the desktop app; use Download instead.',
        );
      const localDirectory = path.join(
        os.tmpdir(),
        'lakeshore-open',
        randomBytes(6).toString('hex'),
      );
      const [jobId] = await (
        await engine()
      ).enqueueDownload({
        connectionId: args.connectionId,
        container: args.container,
        remotePaths: [{ path: args.path, kind: 'file' }],
        localDirectory,
        conflict: 'overwrite',
      });
      waiting.add(jobId!);
      return { jobId: jobId! };
    },
    onProgress(event: TransferProgressEvent): void {
      for (const job of event.jobs.filter(isFileTransfer)) {
        if (!waiting.has(job.id) || !hasEnded(job.state.kind)) continue;
        waiting.delete(job.id);
        if (job.state.kind !== 'completed') continue;
        void openPath!(job.localPath).then(
          (error) => error && report(`Could not open ${job.name}: ${error}`),
        );
      }
    },
  };
}
