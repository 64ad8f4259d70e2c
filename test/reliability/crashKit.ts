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
import { startCliChild } from './cliChild.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { tempFolder } from './serviceHarness.js';

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
