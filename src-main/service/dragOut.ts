import type { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  dragOutLimits,
  hasEnded,
  isFileTransfer,
  type JobSummary,
  type TransferJobSummary,
  type TransferProgressEvent,
} from '../../shared/contract/index.js';
import { folderMarkerKey } from '../storage/blobEntry.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { TransferEngine } from '../transfers/createTransferEngine.js';

/** Hands local files to the OS as a native drag (the desktop host's `webContents.startDrag`). */
export type StartDrag = (files: string[]) => void;

export interface DragOutOptions {
  engine: () => Promise<TransferEngine<JobSummary>>;
  container: (connectionId: string, container: string) => Promise<ContainerClient>;
  /** Where the downloads go, one fresh folder per drag (`<data folder>/drag-out`). */
  folder: string;
  /** Absent in browser mode, where the call answers `InvalidInput`. */
  startDrag: StartDrag | undefined;
  /** How long a drag's files are kept after the drag started (the drop copies them); default 10 minutes. */
  keepMs?: number;
  /** Default `dragOutLimits.deadlineMs`. */
  deadlineMs?: number;
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/**
 * Drag out of the window: checks that every path is a file and that they are few and small
 * (`dragOutLimits`), downloads them through the transfer queue into a fresh folder under
 * `folder`, then calls `startDrag` with their local paths. The OS needs the files when the
 * drag starts and no Electron event says when the drop is done, so the download must be
 * quick (the user is holding the mouse): past the deadline the jobs are cancelled and no drag
 * starts. Each drag's folder is removed after `keepMs`, everything under `folder` by
 * `dispose` (quit) and by creation (what a crashed run left). `onProgress` must see every
 * transfer event.
 */
export function createDragOut(options: DragOutOptions) {
  const keepMs = options.keepMs ?? 10 * 60_000;
  const deadlineMs = options.deadlineMs ?? dragOutLimits.deadlineMs;
  const waiting = new Map<string, (job: TransferJobSummary) => void>();
  const timers = new Set<NodeJS.Timeout>();
  const cleared = rm(options.folder, { recursive: true, force: true }).catch(() => undefined);

  const sizeOf = async (client: ContainerClient, blobPath: string): Promise<number> => {
    const props = await client
      .getBlobClient(blobPath)
      .getProperties()
      .catch((e: unknown) => {
        if (toLakeError(e).code !== 'NotFound') throw e;
        return failWith(
          'NotFound',
          `${blobPath} is a folder or no longer exists; only files can be dragged out.`,
        );
      });
    if (props.metadata?.[folderMarkerKey] === 'true')
      failWith('InvalidInput', `${blobPath} is a folder; use Download to copy folders.`);
    return props.contentLength ?? 0;
  };

  const finished = (engine: TransferEngine<JobSummary>, jobIds: string[]) =>
    new Promise<TransferJobSummary[]>((resolve) => {
      const done = new Map<string, TransferJobSummary>();
      const timer = setTimeout(() => {
        for (const id of jobIds) waiting.delete(id);
        resolve([...done.values()]);
      }, deadlineMs);
      const settle = (job: TransferJobSummary) => {
        waiting.delete(job.id);
        done.set(job.id, job);
        if (done.size < jobIds.length) return;
        clearTimeout(timer);
        resolve([...done.values()]);
      };
      for (const id of jobIds) waiting.set(id, settle);
      // A job may have ended before its waiter was registered.
      for (const job of engine.list().filter(isFileTransfer))
        if (waiting.has(job.id) && hasEnded(job.state.kind)) settle(job);
    });

  return {
    async start(args: {
      connectionId: string;
      container: string;
      paths: string[];
    }): Promise<{ files: number; bytes: number }> {
      if (!options.startDrag)
        return failWith(
          'InvalidInput',
          'Dragging files out of the window needs the desktop app; use Download instead.',
        );
      const client = await options.container(args.connectionId, args.container);
      const sizes = await Promise.all(args.paths.map((p) => sizeOf(client, p)));
      const bytes = sizes.reduce((a, b) => a + b, 0);
      if (bytes > dragOutLimits.maxBytes)
        failWith(
          'InvalidInput',
          `${megabytes(bytes)} is too much to drag out (up to ${megabytes(dragOutLimits.maxBytes)}); use Download instead.`,
        );
      await cleared;
      const localDirectory = path.join(options.folder, randomBytes(6).toString('hex'));
      const engine = await options.engine();
      // One folder per file keeps every name, even the same name from two folders (two jobs
      // writing one local name at once would race on its part file).
      const jobIds: string[] = [];
      for (const [index, p] of args.paths.entries()) {
        jobIds.push(
          ...(await engine.enqueueDownload({
            connectionId: args.connectionId,
            container: args.container,
            remotePaths: [{ path: p, kind: 'file' }],
            localDirectory: path.join(localDirectory, String(index + 1)),
            conflict: 'overwrite',
          })),
        );
      }
      const jobs = await finished(engine, jobIds);
      const removeLater = () => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void rm(localDirectory, { recursive: true, force: true });
        }, keepMs);
        timer.unref();
        timers.add(timer);
      };
      const failed = jobs.find((j) => j.state.kind !== 'completed');
      if (failed || jobs.length < jobIds.length) {
        for (const id of jobIds) if (!jobs.some((j) => j.id === id)) await engine.cancel(id);
        removeLater();
        if (failed?.state.kind === 'failed') {
          const { error } = failed.state;
          throw new LakeFailure({
            ...error,
            message: `${failed.name} did not download: ${error.message}`,
          });
        }
        failWith(
          failed ? 'Cancelled' : 'Timeout',
          failed
            ? `${failed.name} did not download (${failed.state.kind}); nothing was dragged.`
            : `The files took over ${deadlineMs / 1000} s to download, so no drag started; use Download instead.`,
        );
      }
      const byRequest = jobIds.map((id) => jobs.find((j) => j.id === id)!.localPath);
      options.startDrag(byRequest);
      removeLater();
      return { files: byRequest.length, bytes };
    },
    onProgress(event: TransferProgressEvent): void {
      for (const job of event.jobs.filter(isFileTransfer))
        if (hasEnded(job.state.kind)) waiting.get(job.id)?.(job);
    },
    async dispose(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await rm(options.folder, { recursive: true, force: true });
    },
  };
}
