import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isFileTransfer, type JobSummary } from '../../shared/contract/index.js';
import type { TransferEngine } from '../transfers/createTransferEngine.js';
import { failWith } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

/** The transfer calls but a folder conversion's, which lists the folder first (convertFolder.ts). */
type TransferCalls = Exclude<
  Extract<keyof Handlers, `transfers.${string}`>,
  'transfers.enqueueConvertFolder'
>;

/** Shows a local file or folder selected in the OS file manager (Electron `shell.showItemInFolder`). */
export type ShowItemInFolder = (localPath: string) => void;

/**
 * The transfer calls over the engine. Staged uploads (browser-mode drops) upload the top-level
 * entries of `<stagingDir>/<batchId>` (only those named, when names are given); clearing
 * finished jobs also removes staging batches no job still reads from. "Show in folder" hands a
 * completed download's path to
 * `showItemInFolder`; without it (browser mode) the call answers `InvalidInput` naming where
 * the download was saved, and `NotFound` for an unknown job.
 */
export function createTransferHandlers(
  engine: () => Promise<TransferEngine<JobSummary>>,
  stagingDir: string,
  showItemInFolder?: ShowItemInFolder,
): Pick<Handlers, TransferCalls> {
  const done = async (work: (e: TransferEngine<JobSummary>) => unknown) => {
    await work(await engine());
    return null;
  };
  const removeUnusedStaging = async (e: TransferEngine<JobSummary>) => {
    const inUse = new Set(
      e
        .list()
        .filter(isFileTransfer)
        .filter((j) => j.localPath.startsWith(stagingDir + path.sep))
        .map((j) => path.relative(stagingDir, j.localPath).split(path.sep)[0]),
    );
    const batches = await readdir(stagingDir).catch(() => [] as string[]);
    await Promise.all(
      batches
        .filter((b) => !inUse.has(b))
        .map((b) => rm(path.join(stagingDir, b), { recursive: true, force: true })),
    );
  };
  return {
    'transfers.list': async () => (await engine()).list(),
    'transfers.enqueueUpload': async (args) => ({
      jobIds: await (await engine()).enqueueUpload(args),
    }),
    'transfers.enqueueStagedUpload': async ({ batchId, names, ...target }) => {
      const batchDir = path.join(stagingDir, batchId);
      const staged = await readdir(batchDir).catch(() =>
        failWith('NotFound', 'Nothing was staged for this drop; drop the files again.'),
      );
      // A name cancelled while it was sent may still be on disk (its partial file is removed
      // after the request ends), so only the names asked for are uploaded.
      const entries = names ? staged.filter((e) => names.includes(e)) : staged;
      if (entries.length === 0)
        failWith('NotFound', 'Nothing was staged for this drop; drop the files again.');
      return {
        jobIds: await (
          await engine()
        ).enqueueUpload({ ...target, localPaths: entries.map((e) => path.join(batchDir, e)) }),
      };
    },
    'transfers.enqueueDownload': async (args) => ({
      jobIds: await (await engine()).enqueueDownload(args),
    }),
    'transfers.enqueueConvert': async (args) => ({
      jobIds: await (await engine()).enqueueConvert(args),
    }),
    'transfers.enqueueVacuum': async (args) => ({
      jobIds: await (await engine()).enqueueVacuum(args),
    }),
    'transfers.enqueueRestore': async (args) => ({
      jobIds: await (await engine()).enqueueRestore(args),
    }),
    'transfers.pause': ({ jobId }) => done((e) => e.pause(jobId)),
    'transfers.resume': ({ jobId }) => done((e) => e.resume(jobId)),
    'transfers.cancel': ({ jobId }) => done((e) => e.cancel(jobId)),
    'transfers.retry': ({ jobId }) => done((e) => e.retry(jobId)),
    'transfers.showInFolder': async ({ jobId }) => {
      const job =
        (await engine()).list().find((j) => j.id === jobId) ??
        failWith('NotFound', `No transfer job ${jobId}.`);
      if (job.direction !== 'download' || job.state.kind !== 'completed')
        return failWith('InvalidInput', 'Only a finished download can be shown in its folder.');
      if (!showItemInFolder)
        failWith(
          'InvalidInput',
          `Showing a download in its folder needs the desktop app; it was saved to ${job.localPath}.`,
        );
      showItemInFolder!(job.localPath);
      return null;
    },
    'transfers.clearFinished': () =>
      done(async (e) => {
        await e.clearFinished();
        await removeUnusedStaging(e);
      }),
    'transfers.resolveConflict': (args) => done((e) => e.resolveConflict(args)),
  };
}
