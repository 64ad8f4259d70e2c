import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findFreePort } from '../platform/freePort.js';

/** Azurite's account and Microsoft's published well-known development key (not a secret). */
export const emulatorAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
} as const;

/** A running Azurite Blob service on 127.0.0.1. */
export interface AzuriteInstance {
  /** `http://127.0.0.1:PORT/devstoreaccount1` */
  blobEndpoint: string;
  connectionString: string;
  port: number;
  /** Stops the child process; idempotent. */
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Data folder (persistent), or `'memory'` to keep everything in memory (tests). */
  location: string | 'memory';
  /** Deadline for the service to answer, in ms; default 30,000. */
  startTimeoutMs?: number;
}

const azuriteBlobMain = (): string =>
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('azurite/package.json')),
    'dist/src/blob/main.js',
  );

const answers = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/devstoreaccount1?comp=list', timeout: 1000 },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

/**
 * Starts Azurite's Blob service (the npm package, run as a child of this Node or Electron
 * process) on a free loopback port and resolves once it answers HTTP. Telemetry is off and
 * the API version check skipped. The child is killed when this process exits.
 * Rejects with an Error holding the end of Azurite's stderr when it exits or does not answer
 * within `startTimeoutMs`.
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteInstance> {
  const port = await findFreePort();
  const args = [
    azuriteBlobMain(),
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    '--loose',
  ];
  if (options.location === 'memory') args.push('--inMemoryPersistence');
  else {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  }
  // Under Electron, process.execPath is the app binary; ELECTRON_RUN_AS_NODE makes it plain Node.
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      throw new Error(
        `Azurite did not start on port ${port}${child.exitCode !== null ? ` (exit code ${child.exitCode})` : ''}: ${stderr.trim() || 'no output'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const blobEndpoint = `http://127.0.0.1:${port}/${emulatorAccount.name}`;
  return {
    blobEndpoint,
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${emulatorAccount.name};AccountKey=${emulatorAccount.key};BlobEndpoint=${blobEndpoint};`,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}
