// What the crash suites share: an account reached by the real CLI through a counting proxy,
// and a SIGKILL at a random request of a command.
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { startChaosProxy, type ChaosProxy } from './chaosProxy.js';
import { runCliChild, startCliChild, type ChildRun } from './cliChild.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { tempFolder } from './serviceHarness.js';
import type { SuiteTally } from './tally.js';

/** A container the CLI reaches through `proxy`, with the CLI's environment and data folder. */
export interface CrashWorld {
  container: ContainerClient;
  /** The URL of `p` in the container, through the proxy. */
  url(p: string): string;
  env: NodeJS.ProcessEnv;
  proxy: ChaosProxy;
  dataDir: string;
}

/**
 * Makes container `containerName` at `endpoint` (an account URL: Azurite's, or the DFS test
 * server's for HNS) directly, and a pass-through proxy in front of it that counts the CLI's
 * requests; the CLI gets a connection string through the proxy and a fresh data folder.
 */
export async function startCrashWorld(
  endpoint: string,
  name: string,
  key: string,
  containerName: string,
): Promise<CrashWorld> {
  const service = new BlobServiceClient(endpoint, new StorageSharedKeyCredential(name, key));
  const container = service.getContainerClient(containerName);
  await container.create();
  const proxy = await startChaosProxy(new URL(endpoint).origin);
  const viaProxy = `${proxy.origin}${new URL(endpoint).pathname}`.replace(/\/$/, '');
  const dataDir = tempFolder('crash-data');
  return {
    container,
    url: (p) => `${viaProxy}/${container.containerName}/${p}`,
    env: {
      AZURE_STORAGE_CONNECTION_STRING: relConnectionString(name, key, viaProxy),
      LAKESHORE_DATA_DIR: dataDir,
    },
    proxy,
    dataDir,
  };
}

/** Every file under `root`, relative with `/`. */
export const localFiles = (root: string): string[] =>
  existsSync(root)
    ? (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    : [];

/**
 * Runs the command `prepare` sets up against `world` and kills it with SIGKILL while its n-th
 * request is in flight, n drawn from 1..`estimate` with `random`; a run that ends first tells
 * how many requests it made, and the next try (prepared afresh) draws below that. Resolves to
 * the argv that was killed.
 */
export async function killSomewhere(
  world: CrashWorld,
  random: () => number,
  prepare: () => Promise<string[]>,
  estimate: number,
): Promise<string[]> {
  for (let tries = 0; tries < 6; tries++) {
    const argv = await prepare();
    const at = 1 + Math.floor(random() * estimate);
    const child = startCliChild(argv, world.env);
    let seen = 0;
    world.proxy.plan = () => {
      if (++seen === at) child.kill();
      return undefined;
    };
    const run = await child.done;
    world.proxy.plan = undefined;
    if (run.killed) return argv;
    expect(run.code, run.stderr).toBe(0);
    estimate = Math.max(1, seen - 1);
  }
  throw new Error('the command always finished before the kill');
}

/** A crash suite's bookkeeping: its tally, its kills per scenario, and how it holds an invariant. */
export interface CrashBook {
  tally: Pick<SuiteTally, 'tried' | 'recovered'>;
  kills: Record<string, number>;
  /** Records a broken invariant; returns whether it held. */
  hold(cond: boolean, kind: 'lost' | 'corrupted', what: string): boolean;
}

/** One kill-and-rerun round of a crash scenario. */
export interface CrashRound {
  /** The key of `CrashBook.kills` this round counts into. */
  scenario: string;
  /** Names the round in a broken invariant ("upload 2"). */
  label: string;
  /** Sets the command up (again for each try) and returns its argv; see `killSomewhere`. */
  prepare: () => Promise<string[]>;
  /** Requests the command makes at most, as `killSomewhere` takes it. */
  estimate: number;
  /** Checks what the kill left, before the rerun. */
  afterKill?: () => Promise<void>;
  /** Whether the rerun ended the command; default: it exited 0. */
  finished?: (rerun: ChildRun) => boolean;
}

/**
 * One round of a crash scenario against `world`: kills the command `round` prepares at a
 * random request (`killSomewhere`), counts the kill and the try in `book`, runs `afterKill`,
 * then runs the same argv again to its end. A rerun that did not finish is held as `lost`
 * with its exit code and stderr; one that did is counted recovered. Resolves with the argv,
 * the rerun and whether it finished (the caller's checks after the rerun).
 */
export async function killAndRerun(
  world: CrashWorld,
  random: () => number,
  book: CrashBook,
  round: CrashRound,
): Promise<{ argv: string[]; rerun: ChildRun; finished: boolean }> {
  const argv = await killSomewhere(world, random, round.prepare, round.estimate);
  book.kills[round.scenario] = (book.kills[round.scenario] ?? 0) + 1;
  book.tally.tried += 1;
  await round.afterKill?.();
  const rerun = await runCliChild(argv, world.env);
  const finished = book.hold(
    (round.finished ?? ((r: ChildRun) => r.code === 0))(rerun),
    'lost',
    `${round.label}: rerun exit ${rerun.code}: ${rerun.stderr}`,
  );
  if (finished) book.tally.recovered += 1;
  return { argv, rerun, finished };
}
