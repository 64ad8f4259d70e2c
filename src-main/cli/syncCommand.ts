import type { CliCredential } from './cliCredential.js';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  EnqueueDownloadArgs,
  EnqueueUploadArgs,
  LakeError,
  TransferJobSummary,
} from '../../shared/contract/index.js';
import { copyPaths } from '../namespace/copyPaths.js';
import { deletePaths } from '../namespace/deletePaths.js';
import { runPool } from '../platform/runPool.js';
import { openAccount } from '../storage/accountAccess.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { createTransferEngine } from '../transfers/createTransferEngine.js';
import { bytesText, count, progressLine, summaryOf } from './cpOutput.js';
import { withProgress } from './openTarget.js';
import { resumeInterruptedSync, syncJournalDir } from './syncJournal.js';
import type { CliIo } from './output.js';
import {
  addLocalHashes,
  checkFolder,
  listSide,
  remotePath,
  sideName,
  type SyncSide,
} from './syncListing.js';
import {
  byDirectory,
  directoryOf,
  planSync,
  safeLocalRelative,
  type SyncCompare,
  type SyncEntry,
} from './syncPlan.js';
import { Interrupted, UsageError } from './usageError.js';

export type { SyncSide } from './syncListing.js';

/** `--delete-destination`: keep destination-only files (count them), delete them, or ask once. */
export type DeleteDestination = 'false' | 'true' | 'prompt';

/** What `lakeshore sync` reads besides its two sides. */
export interface SyncOptions {
  compare: SyncCompare;
  deleteDestination: DeleteDestination;
  dryRun: boolean;
  json: boolean;
  include?: string[];
  exclude?: string[];
  blockSizeBytes?: number;
  concurrency?: number;
  /** The remote side's credential, for the transfer engine (local ⇄ URL). */
  credential?: CliCredential;
}

/** A copy that did not happen: the source path (relative) and why. */
interface CopyFailure {
  path: string;
  error: LakeError;
}

/** What the copies came to. */
interface CopyOutcome {
  copied: number;
  bytes: number;
  failures: CopyFailure[];
}

const cliConnection = 'cli';
/** The engine takes at most this many paths per call (`enqueueUploadArgs`). */
const maxPathsPerCall = 10_000;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

const localPath = (root: string, relative: string): string =>
  relative === '' ? root : path.join(root, ...relative.split('/'));

/** Where a relative path of `s` is, as messages show it. */
const shownAt = (s: SyncSide, relative: string): string =>
  s.side === 'local' ? localPath(s.root, relative) : remotePath(sideName(s), relative);

/** The engine's failures as relative source paths (a one-file job's error names no file). */
function engineFailures(jobs: TransferJobSummary[], toRelative: (p: string) => string) {
  const out: CopyFailure[] = [];
  for (const job of jobs) {
    if (job.state.kind === 'failed') {
      const file = job.direction === 'upload' ? job.localPath : job.remotePath;
      out.push({ path: toRelative(file), error: job.state.error });
    } else for (const f of job.failures) out.push({ path: toRelative(f.path), error: f.error });
  }
  return out;
}

/**
 * Copies `files` (relative paths of the source) between a local folder and a remote one with
 * the transfer engine, replacing what is at their targets: one call per directory, so each
 * file lands at its relative path. The journal is this sync's folder (`syncJournalDir`),
 * removed once the copies ended; a run killed or interrupted leaves it for the next run of the
 * same sync to resume (`resumeInterruptedSync`).
 */
async function engineCopies(
  source: SyncSide,
  destination: SyncSide,
  files: SyncEntry[],
  options: SyncOptions,
  io: CliIo,
): Promise<CopyOutcome> {
  const remote = source.side === 'remote' ? source : destination;
  if (remote.side !== 'remote' || !options.credential) throw new Error('No remote side.');
  const access = openAccount(options.credential, 'transfer');
  const journalDir = syncJournalDir(io, source, destination);
  await mkdir(journalDir, { recursive: true });
  let succeeded = false;
  let drawing = io.stderrIsTTY === true && !options.json;
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: async (_connection, container) => access.container(container),
    resumeOnStart: false,
    ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    onEvent: (event) => {
      if (drawing) io.stderr(`\r${progressLine(event.aggregate)}\x1b[K`);
    },
  });
  const failures: CopyFailure[] = [];
  let interrupted = false;
  try {
    for (const [dir, group] of byDirectory(files)) {
      for (const part of chunks(group, maxPathsPerCall)) {
        if (source.side === 'local' && destination.side === 'remote') {
          const args: EnqueueUploadArgs = {
            connectionId: cliConnection,
            container: destination.location.container,
            remoteDirectory: remotePath(destination.location.path, dir),
            localPaths: part.map((e) => localPath(source.root, e.path)),
            conflict: 'overwrite',
          };
          await engine.enqueueUpload(args);
        } else if (source.side === 'remote' && destination.side === 'local') {
          const args: EnqueueDownloadArgs = {
            connectionId: cliConnection,
            container: source.location.container,
            remotePaths: part.map((e) => ({
              path: remotePath(source.location.path, e.path),
              kind: 'file' as const,
            })),
            localDirectory: localPath(destination.root, dir),
            conflict: 'overwrite',
          };
          await engine.enqueueDownload(args);
        }
      }
    }
    const interruptedNow = new Promise<void>((resolve) => {
      io.onInterrupt?.(() => {
        interrupted = true;
        resolve();
      });
    });
    await Promise.race([engine.whenIdle(), interruptedNow]);
    if (drawing) io.stderr('\r\x1b[K');
    drawing = false;
    if (interrupted)
      throw new Interrupted(
        'Interrupted; nothing was deleted. Run the same sync again to finish it.',
      );
    const jobs = engine.list();
    const toRelative = (p: string): string => {
      if (source.side === 'local') {
        return path.relative(source.root, p).split(path.sep).join('/');
      }
      const prefix = source.side === 'remote' && source.location.path ? source.location.path : '';
      return prefix && p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : p;
    };
    failures.push(...engineFailures(jobs, toRelative));
    const summary = summaryOf(jobs, 0);
    succeeded = true;
    return { copied: summary.files, bytes: summary.bytes, failures };
  } finally {
    drawing = false;
    await engine.close();
    // Kept when interrupted: the same sync run again resumes it (`resumeInterruptedSync`).
    if (succeeded) await rm(journalDir, { recursive: true, force: true });
  }
}

/** Server-side copies between two remote folders (`copyPaths`, replacing what exists), 8 at a time; failures are collected. */
async function remoteCopies(
  source: Extract<SyncSide, { side: 'remote' }>,
  destination: Extract<SyncSide, { side: 'remote' }>,
  files: SyncEntry[],
  io: CliIo,
): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { copied: 0, bytes: 0, failures: [] };
  await withProgress(io, 'copy', 'Copying', (context) =>
    runPool(files, 8, async (e) => {
      try {
        const done = await copyPaths(
          source.target,
          [{ path: remotePath(source.location.path, e.path), kind: 'file' }],
          {
            ...destination.target,
            directory: remotePath(destination.location.path, directoryOf(e.path)),
          },
          context,
          { existing: 'overwrite' },
        );
        outcome.copied += done.copied;
        outcome.bytes += done.bytes;
      } catch (error) {
        if (toLakeError(error).code === 'Cancelled') throw error;
        outcome.failures.push({ path: e.path, error: toLakeError(error) });
      }
    }),
  );
  return outcome;
}

/** Deletes destination files (relative paths): Blob Batch or DFS deletes remotely, unlink locally. */
async function deleteFiles(destination: SyncSide, files: SyncEntry[], io: CliIo): Promise<number> {
  if (destination.side === 'local') {
    for (const e of files) await rm(localPath(destination.root, e.path), { force: true });
    return files.length;
  }
  const refs = files.map((e) => ({
    path: remotePath(destination.location.path, e.path),
    kind: 'file' as const,
  }));
  const { deleted } = await withProgress(io, 'delete', 'Deleting', (c) =>
    deletePaths(destination.target, refs, c),
  );
  return deleted;
}

/**
 * `lakeshore sync <src> <dst>` with azcopy's sync semantics: the contents of the source folder
 * are mirrored into the destination folder (both directions, or blob-to-blob server-side).
 * Lists both sides, plans with `planSync`, prints the destination-only files (`would delete …`,
 * before anything changes) unless `--delete-destination false`, asks once for `prompt`, copies
 * what changed (replacing its target), then deletes, only when every copy succeeded. Rejects
 * with `NotFound` for a missing source, `UsageError` for a file on either side, and a failure
 * naming the first copy that failed (nothing deleted then).
 */
export async function syncCommand(
  source: SyncSide,
  destination: SyncSide,
  options: SyncOptions,
  io: CliIo,
): Promise<void> {
  const started = performance.now();
  await checkFolder(source, 'source');
  await checkFolder(destination, 'destination');
  if (
    !options.dryRun &&
    options.credential &&
    (source.side === 'local') !== (destination.side === 'local')
  ) {
    const access = openAccount(options.credential, 'transfer');
    await resumeInterruptedSync(syncJournalDir(io, source, destination), access, options, io);
  }
  const [from, to] = await Promise.all([listSide(source), listSide(destination)]);
  const unreadable = from.errors[0];
  if (unreadable)
    throw new LakeFailure({
      ...unreadable.error,
      message: `Could not read ${shownAt(source, unreadable.relative)}: ${unreadable.error.message}; nothing was copied or deleted.`,
    });
  // A link not followed is not part of the source, but it is not missing either: its
  // counterpart at the destination is left alone.
  const linked = (p: string) => from.skippedLinks.some((l) => p === l || p.startsWith(`${l}/`));
  const destinationEntries = to.entries.filter((e) => !linked(e.path));
  if (options.compare === 'md5') {
    if (source.side === 'local')
      await addLocalHashes(source.root, from.entries, destinationEntries, localPath);
    if (destination.side === 'local')
      await addLocalHashes(destination.root, destinationEntries, from.entries, localPath);
  }
  const plan = planSync(from.entries, destinationEntries, {
    compare: options.compare,
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
  const out = options.json ? io.stderr : io.stdout;
  for (const link of from.skippedLinks)
    io.stderr(`Skipped symbolic link ${shownAt(source, link)} (not followed)\n`);
  const copyBytes = plan.copies.reduce((n, c) => n + c.entry.size, 0);
  const deleting = options.deleteDestination !== 'false';
  const doomed = deleting ? plan.onlyAtDestination : [];
  const onlyThere = plan.onlyAtDestination.length;
  if (options.dryRun) {
    if (options.json) {
      io.stdout(
        `${JSON.stringify({
          dryRun: true,
          copies: plan.copies.map((c) => ({ path: c.entry.path, reason: c.reason })),
          deletions: doomed.map((e) => e.path),
          copied: 0,
          deleted: 0,
          skipped: plan.upToDate.length,
          bytes: copyBytes,
          onlyAtDestination: onlyThere,
        })}\n`,
      );
      return;
    }
    for (const c of plan.copies)
      io.stdout(
        `would copy ${c.entry.path} (${c.reason}) → ${shownAt(destination, c.entry.path)}\n`,
      );
    for (const e of doomed) io.stdout(`would delete ${shownAt(destination, e.path)}\n`);
    const kept =
      !deleting && onlyThere > 0
        ? `; ${count(onlyThere, 'file')} only at the destination would be kept`
        : '';
    io.stdout(
      `Dry run: would copy ${count(plan.copies.length, 'file')} (${bytesText(copyBytes)} bytes) and delete ${count(doomed.length, 'file')}, ${plan.upToDate.length} up to date${kept}; nothing was changed.\n`,
    );
    return;
  }
  for (const e of doomed) out(`would delete ${shownAt(destination, e.path)}\n`);
  let approved = options.deleteDestination === 'true';
  if (options.deleteDestination === 'prompt' && doomed.length > 0) {
    if (!io.ask)
      throw new UsageError(
        '--delete-destination prompt needs a terminal to ask on; pass true or false.',
      );
    const reply = await io.ask(
      `Delete these ${count(doomed.length, 'file')} from ${sideName(destination)} once the copies succeed? [y/N] `,
    );
    approved = /^y/i.test(reply.trim());
  }

  // Remote names that cannot be written inside the local folder are failed copies.
  const unsafe: CopyFailure[] = [];
  let copies = plan.copies.map((c) => c.entry);
  if (destination.side === 'local') {
    for (const e of copies.filter((c) => !safeLocalRelative(c.path)))
      unsafe.push({
        path: e.path,
        error: {
          code: 'InvalidInput',
          message: 'the name cannot be written inside the local folder',
        },
      });
    copies = copies.filter((c) => safeLocalRelative(c.path));
  }
  const outcome: CopyOutcome =
    copies.length === 0
      ? { copied: 0, bytes: 0, failures: [] }
      : source.side === 'remote' && destination.side === 'remote'
        ? await remoteCopies(source, destination, copies, io)
        : await engineCopies(source, destination, copies, options, io);
  const failures = [...unsafe, ...outcome.failures].sort((a, b) => (a.path < b.path ? -1 : 1));

  let deleted = 0;
  if (failures.length === 0 && approved && doomed.length > 0)
    deleted = await deleteFiles(destination, doomed, io);
  const seconds = (performance.now() - started) / 1000;
  const result = {
    copied: outcome.copied,
    deleted,
    skipped: plan.upToDate.length,
    bytes: outcome.bytes,
    failed: failures.length,
    onlyAtDestination: onlyThere - deleted,
    seconds,
    copies: plan.copies.map((c) => ({ path: c.entry.path, reason: c.reason })),
    deletions: deleted > 0 ? doomed.map((e) => e.path) : [],
  };
  if (options.json) io.stdout(`${JSON.stringify(result)}\n`);
  else {
    const kept =
      result.onlyAtDestination > 0
        ? `; ${count(result.onlyAtDestination, 'file')} only at the destination ${
            deleting ? 'kept' : 'kept (--delete-destination true deletes them)'
          }`
        : '';
    io.stdout(
      `${bytesText(result.copied)} copied (${bytesText(result.bytes)} bytes), ${bytesText(result.skipped)} up to date, ${bytesText(deleted)} deleted, ${bytesText(failures.length)} failed in ${seconds.toFixed(1)} s${kept}\n`,
    );
  }
  const first = failures[0];
  if (first) {
    const held = doomed.length > 0 && approved ? ' Nothing was deleted.' : '';
    throw new LakeFailure({
      ...first.error,
      message: `${count(failures.length, 'file')} failed to copy; the first, ${shownAt(source, first.path)}: ${first.error.message}.${held}`,
    });
  }
}
