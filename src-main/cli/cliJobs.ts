import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The options of a copy that its journal was made with; a resumed run must ask the same. */
export interface ResumableOptions {
  /** `--overwrite` as azcopy names it (true, false, prompt, ifSourceNewer, rename). */
  overwrite: string;
  recursive: boolean;
  blockSizeMiB?: number;
  include?: string[];
  exclude?: string[];
  checkMd5?: string;
  followSymlinks?: boolean;
}

/**
 * What the CLI keeps beside a copy's journal (`<dataDir>/cli-transfers/<id>/job.json`, the
 * journal in `journal/` beside it) so
 * `lakeshore jobs` can show and resume it: the arguments as given (URLs without their query,
 * so no SAS is written down) and the options. Never holds a credential.
 */
export interface CliJobInfo {
  version: 1;
  /** 16 hex digits derived from the direction, sources and destination. */
  id: string;
  sources: string[];
  destination: string;
  options: ResumableOptions;
  /** ISO 8601. */
  startedAt: string;
}

const infoFile = 'job.json';

/** `<dataDir>/cli-transfers`: one folder per copy that has not finished. */
export const cliJobsRoot = (dataDir: string): string => path.join(dataDir, 'cli-transfers');

/** The folder of job `id`: its `job.json` and its engine journal (`journal/`). */
export const cliJobDir = (dataDir: string, id: string): string =>
  path.join(cliJobsRoot(dataDir), id);

/** The transfer engine's journal folder of job `id`. */
export const cliJournalDir = (dataDir: string, id: string): string =>
  path.join(cliJobDir(dataDir, id), 'journal');

/** A URL or local path as the job keeps it: URLs without their query (a SAS), local paths absolute. */
export const jobArgument = (arg: string, isUrl: boolean): string =>
  isUrl ? arg.replace(/\?.*$/, '') : path.resolve(arg);

/** The id of the copy of `sources` to `destination` (as `jobArgument` keeps them): the same copy run again has the same id. */
export const cliJobId = (sources: string[], destination: string): string =>
  createHash('sha256')
    .update(JSON.stringify([sources, destination]))
    .digest('hex')
    .slice(0, 16);

/** Writes `info` into its job folder (created when missing). */
export async function writeJobInfo(dataDir: string, info: CliJobInfo): Promise<void> {
  const dir = cliJobDir(dataDir, info.id);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, infoFile), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** The info of job `id`, or `undefined` when there is none (or it cannot be read). */
export async function readJobInfo(dataDir: string, id: string): Promise<CliJobInfo | undefined> {
  try {
    const info = JSON.parse(
      await readFile(path.join(cliJobDir(dataDir, id), infoFile), 'utf8'),
    ) as CliJobInfo;
    return info.version === 1 && info.id === id ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Every job folder's info, oldest first; folders without a readable `job.json` come back with `info` absent. */
export async function listJobInfos(
  dataDir: string,
): Promise<Array<{ id: string; info?: CliJobInfo }>> {
  const ids = await readdir(cliJobsRoot(dataDir)).catch(() => [] as string[]);
  const jobs = await Promise.all(
    ids.map(async (id) => {
      const info = await readJobInfo(dataDir, id);
      return info ? { id, info } : { id };
    }),
  );
  return jobs.sort((a, b) => (a.info?.startedAt ?? '').localeCompare(b.info?.startedAt ?? ''));
}

/** Removes job `id`'s folder (its journal and info). */
export const removeJob = (dataDir: string, id: string): Promise<void> =>
  rm(cliJobDir(dataDir, id), { recursive: true, force: true });

/**
 * How `requested` differs from the options a job was started with, as `--name old → new`
 * phrases; empty when a run may resume the job.
 */
export function optionDifferences(
  started: ResumableOptions,
  requested: ResumableOptions,
): string[] {
  const keys = new Set([...Object.keys(started), ...Object.keys(requested)]) as Set<
    keyof ResumableOptions
  >;
  const flag: Record<keyof ResumableOptions, string> = {
    overwrite: '--overwrite',
    recursive: '--recursive',
    blockSizeMiB: '--block-size',
    include: '--include-pattern',
    exclude: '--exclude-pattern',
    checkMd5: '--check-md5',
    followSymlinks: '--follow-symlinks',
  };
  const shown = (v: unknown) => (v === undefined ? '(not given)' : JSON.stringify(v));
  return [...keys]
    .filter((k) => JSON.stringify(started[k]) !== JSON.stringify(requested[k]))
    .map((k) => `${flag[k]} ${shown(started[k])} → ${shown(requested[k])}`);
}
