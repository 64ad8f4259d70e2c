import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
  /** `http://127.0.0.1:PORT/devstoreaccount1` (path-style). */
  blobEndpoint: string;
  /** `DefaultEndpointsProtocol=http;AccountName=…;AccountKey=…;BlobEndpoint=…;` */
  connectionString: string;
  accountName: typeof emulatorAccount.name;
  accountKey: typeof emulatorAccount.key;
  port: number;
  /** The Azurite process's id (benchmarks read its CPU time). */
  pid: number;
  /** Stops the child process (SIGTERM, SIGKILL after 5 s); idempotent. */
  stop(): Promise<void>;
}

/**
 * A child running a Node script, as the emulator drives it: Node's `ChildProcess` is one; the
 * desktop app adapts Electron's utility process to it.
 */
export interface NodeChild {
  readonly pid?: number | undefined;
  /** The exit code once it exited, else `null`. */
  readonly exitCode: number | null;
  /** The signal that ended it, else `null`. */
  readonly signalCode: NodeJS.Signals | null;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: () => void): unknown;
}

/** Starts `script` (an absolute path) with `args` and `env` in a Node of its own. */
export type NodeScriptRunner = (
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
) => NodeChild;

/** Plain Node's runner: `process.execPath` with the script, output piped. */
export const spawnNodeScript: NodeScriptRunner = (script, args, env) =>
  spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });

export interface AzuriteOptions {
  /** Data folder (persistent, created if missing), or `'memory'`: nothing on disk (tests). */
  location: string;
  /** A fixed port; default: a free one picked by the OS (retried if taken before Azurite binds). */
  blobPort?: number;
  /** Drop Azurite's access log; default true. When false it goes to this process's stdout. */
  silent?: boolean;
  /** Deadline for the service to answer HTTP, in ms; default 30,000. */
  startTimeoutMs?: number;
  /**
   * Serve HTTPS with this PEM certificate and key (files) and accept Entra ID bearer tokens
   * (`--oauth basic`: claims checked, not signatures); `ca` is the PEM file that signed the
   * certificate, for the start-up probe. Tests only.
   */
  oauth?: { certPath: string; keyPath: string; caPath: string };
  /**
   * How Azurite's script is started; default `spawnNodeScript`. The desktop app passes its
   * utility process runner: its binary cannot run as plain Node (the RunAsNode fuse is off).
   */
  runNodeScript?: NodeScriptRunner;
}

/** Attempts when a picked free port is taken before Azurite binds it. */
const portAttempts = 3;

class PortTakenError extends Error {}

/**
 * Azurite's Blob entry script. In a packaged app it is unpacked next to `app.asar`
 * (electron-builder `asarUnpack`), because a child process cannot read inside the archive.
 */
const azuriteBlobMain = (): string =>
  path
    .join(
      path.dirname(createRequire(import.meta.url).resolve('azurite/package.json')),
      'dist/src/blob/main.js',
    )
    .replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);

const answers = (port: number, ca?: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = (ca ? httpsRequest : request)(
      {
        host: '127.0.0.1',
        port,
        path: '/devstoreaccount1?comp=list',
        timeout: 1000,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

const stopChild = (child: NodeChild): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

async function startOnPort(options: AzuriteOptions, port: number): Promise<AzuriteInstance> {
  const silent = options.silent ?? true;
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--disableProductStyleUrl',
    '--loose',
  ];
  if (silent) args.push('--silent');
  if (options.oauth) {
    args.push('--oauth', 'basic', '--cert', options.oauth.certPath, '--key', options.oauth.keyPath);
  }
  const ca = options.oauth ? readFileSync(options.oauth.caPath, 'utf8') : undefined;
  if (options.location === 'memory') args.push('--inMemoryPersistence');
  else {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  }
  const child = (options.runNodeScript ?? spawnNodeScript)(azuriteBlobMain(), args, process.env);
  let output = '';
  const keepTail = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stderr?.on('data', keepTail);
  child.stdout?.on('data', (d: Buffer) => {
    if (!silent) process.stdout.write(d);
    keepTail(d);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(port, ca))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      const message = `Azurite did not start on port ${port}${child.exitCode !== null ? ` (exit code ${child.exitCode})` : ''}: ${output.trim() || 'no output'}`;
      throw output.includes('EADDRINUSE') ? new PortTakenError(message) : new Error(message);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const blobEndpoint = `${options.oauth ? 'https' : 'http'}://127.0.0.1:${port}/${emulatorAccount.name}`;
  return {
    blobEndpoint,
    port,
    pid: child.pid ?? 0,
    accountName: emulatorAccount.name,
    accountKey: emulatorAccount.key,
    connectionString: `DefaultEndpointsProtocol=${options.oauth ? 'https' : 'http'};AccountName=${emulatorAccount.name};AccountKey=${emulatorAccount.key};BlobEndpoint=${blobEndpoint};`,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/**
 * Starts Azurite's Blob service (the npm package, run as a child of this Node process, or in a
 * utility process of the desktop app: `runNodeScript`) on 127.0.0.1 and resolves once it answers HTTP. URLs are path-style
 * (`--disableProductStyleUrl`), telemetry is off, the API version check skipped and
 * unsupported headers ignored (`--loose`). The child is killed when this process exits.
 * Rejects with an Error holding the end of Azurite's output when it exits or does not answer
 * within `startTimeoutMs` (a port taken meanwhile is retried with another free port, up to 3
 * times, unless `blobPort` was given).
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteInstance> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnPort(options, options.blobPort ?? (await findFreePort()));
    } catch (e) {
      const retry =
        e instanceof PortTakenError && options.blobPort === undefined && attempt < portAttempts;
      if (!retry) throw e;
    }
  }
}
