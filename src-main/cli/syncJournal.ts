import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveDataDir } from '../platform/dataDir.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { createTransferEngine } from '../transfers/createTransferEngine.js';
import { cliJobId } from './cliJobs.js';
import { bytesText, count } from './cpOutput.js';
import type { CliIo } from './output.js';
import type { SyncSide } from './syncListing.js';

/** A side as the journal names it: a local folder absolute, a remote one as a URL without its query (no SAS). */
const sideName = (side: SyncSide): string =>
  side.side === 'local'
    ? path.resolve(side.root)
    : `${side.location.blobEndpoint}/${side.location.container}/${side.location.path}`;

/**
 * The transfer journal folder of the sync of `source` to `destination`
 * (`<dataDir>/cli-sync/<id>`): the same sync run again has the same one, so a run that was
 * killed or interrupted leaves its journal where the next run finds it.
 */
export const syncJournalDir = (io: CliIo, source: SyncSide, destination: SyncSide): string =>
  path.join(
    resolveDataDir(io.env),
    'cli-sync',
    cliJobId([`sync ${sideName(source)}`], sideName(destination)),
  );

/**
 * Goes on with the copies an interrupted run of this sync left in `journalDir`, before the
 * sides are listed again: the transfer engine resumes them from its journal (an upload's blocks
 * already staged are not sent again), says so on stderr ("Resuming an interrupted sync: N files,
 * M bytes already sent"), and the journal is removed once they ended. A copy that fails here is
 * left to the new run's plan, which finds it still different. Does nothing without a journal.
 */
export async function resumeInterruptedSync(
  journalDir: string,
  access: AccountAccess,
  options: { concurrency?: number; blockSizeBytes?: number },
  io: CliIo,
): Promise<void> {
  const kept = await readdir(journalDir).catch(() => [] as string[]);
  if (kept.length === 0) return;
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: async (_connection, container) => access.container(container),
    resumeOnStart: true,
    ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
  });
  try {
    const jobs = engine.list();
    if (jobs.length > 0) {
      const sent = jobs.reduce((n, j) => n + j.bytesDone - j.bytesSkipped, 0);
      io.stderr(
        `Resuming an interrupted sync: ${count(jobs.length, 'file')}, ${bytesText(sent)} bytes already sent\n`,
      );
      for (const j of jobs) {
        if (j.state.kind === 'failed' || j.state.kind === 'cancelled') engine.retry(j.id);
        else if (j.state.kind === 'paused') engine.resume(j.id);
      }
      await engine.whenIdle();
    }
  } finally {
    await engine.close();
  }
  await rm(journalDir, { recursive: true, force: true });
}
