import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobLocation } from '../storage/blobUrl.js';
import { cliJobId } from './cliJobs.js';

/**
 * What the CLI keeps while a move runs (`<dataDir>/cli-moves/<id>.json`): the source and
 * destination as URLs without a query (no SAS is written down) and when it started. A move on a
 * flat account copies then deletes blob by blob, so a run killed midway leaves blobs at both
 * places; the journal lets the same `mv` run again go on instead of refusing the destination.
 */
export interface MoveJournal {
  version: 1;
  source: string;
  destination: string;
  /** ISO 8601. */
  startedAt: string;
}

const urlOf = (l: BlobLocation): string => `${l.blobEndpoint}/${l.container}/${l.path}`;

/** The journal file of the move of `source` to `destination` (the same move has the same file). */
export function moveJournalFile(
  dataDir: string,
  source: BlobLocation,
  destination: BlobLocation,
): string {
  const id = cliJobId([urlOf(source)], urlOf(destination));
  return path.join(dataDir, 'cli-moves', `${id}.json`);
}

/** The journal in `file`, or `undefined` when there is none or it cannot be read. */
export async function readMoveJournal(file: string): Promise<MoveJournal | undefined> {
  try {
    const journal = JSON.parse(await readFile(file, 'utf8')) as MoveJournal;
    return journal.version === 1 ? journal : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the journal of the move of `source` to `destination` into `file` (0600). */
export async function writeMoveJournal(
  file: string,
  source: BlobLocation,
  destination: BlobLocation,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const journal: MoveJournal = {
    version: 1,
    source: urlOf(source),
    destination: urlOf(destination),
    startedAt: new Date().toISOString(),
  };
  await writeFile(file, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
}

/** Removes a move's journal (it finished). */
export const removeMoveJournal = (file: string): Promise<void> => rm(file, { force: true });
