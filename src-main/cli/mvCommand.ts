import type { CliCredential } from './cliCredential.js';
import { renamePath } from '../namespace/renamePath.js';
import { resolvePathKind } from '../namespace/resolvePathKind.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { resolveDataDir } from '../platform/dataDir.js';
import {
  moveJournalFile,
  readMoveJournal,
  removeMoveJournal,
  writeMoveJournal,
} from './moveJournal.js';
import type { CliIo } from './output.js';
import { openTarget, withProgress, needPath } from './openTarget.js';
import { pathsAt, printDryRun, plural, type ChangeOptions } from './dryRun.js';

const exists = (target: Awaited<ReturnType<typeof openTarget>>, p: string): Promise<boolean> =>
  resolvePathKind(target, p).then(
    () => true,
    (e: unknown) => (toLakeError(e).code === 'NotFound' ? false : Promise.reject(e)),
  );

/**
 * `lakeshore mv <src> <dst>`: rename or move within one container (atomic on HNS, copy then
 * delete per blob on flat); with `dryRun` it checks the source and that the destination is
 * free, prints what would move, and changes nothing. While it runs a move journal
 * (`moveJournal`) is kept in the data folder: the same `mv` run again after a kill goes on
 * where it stopped (blobs already at the destination are checked to be this move's copies)
 * instead of refusing the destination, and says so on stderr. Rejects with `InvalidInput` when the
 * URLs name different containers or accounts, `AlreadyExists` when the destination exists,
 * `NotFound` for a missing source.
 */
export async function mvCommand(
  source: BlobLocation,
  destination: BlobLocation,
  credential: CliCredential,
  options: ChangeOptions,
  io: CliIo,
) {
  if (
    source.blobEndpoint !== destination.blobEndpoint ||
    source.container !== destination.container
  ) {
    failWith('InvalidInput', 'mv moves within one container; use cp to copy between containers.');
  }
  const target = await openTarget(source, credential);
  const to = needPath(destination, 'mv');
  const journalFile = moveJournalFile(resolveDataDir(io.env), source, destination);
  const journal = options.dryRun ? undefined : await readMoveJournal(journalFile);
  const found = await resolvePathKind(target, needPath(source, 'mv')).catch(async (e: unknown) => {
    // Interrupted after its last change: the source is gone, the destination there.
    if (journal && toLakeError(e).code === 'NotFound' && (await exists(target, to)))
      return undefined;
    throw e;
  });
  if (journal) {
    io.stderr(
      `Resuming the move of ${journal.source} to ${journal.destination} started ${journal.startedAt} (interrupted; its journal was kept).\n`,
    );
  }
  if (!found) {
    await removeMoveJournal(journalFile);
    if (options.json) io.stdout(`${JSON.stringify({ moved: source.path, to, paths: 0 })}\n`);
    else io.stdout(`Moved ${source.path} to ${to} (nothing was left to move)\n`);
    return;
  }
  const ref = found;
  if (options.dryRun) {
    const taken = await resolvePathKind(target, to).then(
      () => true,
      (e: unknown) => (toLakeError(e).code === 'NotFound' ? false : Promise.reject(e)),
    );
    if (taken)
      failWith(
        'AlreadyExists',
        `"${to}" already exists in container "${target.container}"; mv never replaces it.`,
      );
    printDryRun(io, `move to ${to}:`, await pathsAt(target, ref), options.json, {
      from: ref.path,
      to,
    });
    return;
  }
  const moved = await withProgress(io, 'rename', 'Moving', (c) =>
    renamePath(target, ref, to, c, {
      resume: journal !== undefined,
      onStart: () => writeMoveJournal(journalFile, source, destination),
    }),
  );
  await removeMoveJournal(journalFile);
  if (options.json) io.stdout(`${JSON.stringify({ moved: ref.path, to, paths: moved })}\n`);
  else io.stdout(`Moved ${ref.path} to ${to} (${plural(moved, 'path')})\n`);
}
