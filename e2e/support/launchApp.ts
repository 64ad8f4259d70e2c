import { _electron, chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A running Lakeshore and the page showing its window. */
export interface LakeshoreApp {
  page: Page;
  mode: 'electron' | 'browser';
  close(): Promise<void>;
  /**
   * Browser mode only: stop the backend process (the page stays open), and start it again on
   * the same port and token with the same data folder, as a user restarting it would.
   */
  backend?: { stop(): Promise<void>; start(): Promise<void> };
}

export interface LaunchOptions {
  dataDir: string;
  /** Blobs in samples/many on first seeding (the app's default is 10,000). */
  sampleMany?: number;
}

/** Chromium flags for this machine: root needs --no-sandbox; the closed network refuses background requests. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The OS's Chromium (`apt-get install chromium`), or `CHROMIUM_PATH`. */
export const chromiumPath = (): string => {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate))
    throw new Error(
      `Chromium not found at ${candidate}: run "apt-get install -y chromium" or set CHROMIUM_PATH.`,
    );
  return candidate;
};

/** Launches Chromium once per worker for browser mode. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

const appEnv = (options: LaunchOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  LAKESHORE_DATA_DIR: options.dataDir,
  // Downloads land in the test's own folder, never the user's.
  XDG_DOWNLOAD_DIR: path.join(options.dataDir, 'downloads'),
  ...(options.sampleMany !== undefined
    ? { LAKESHORE_SAMPLE_MANY: String(options.sampleMany) }
    : {}),
});

/** Starts the browser-mode host and resolves to the URL it prints. Rejects if it exits first or prints none in 60 s. */
function startWebHost(
  options: LaunchOptions,
  fixed: { port: string; token: string } | undefined = undefined,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/main/web.mjs')], {
    env: {
      ...appEnv(options),
      ...(fixed ? { LAKESHORE_PORT: fixed.port, LAKESHORE_TOKEN: fixed.token } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The web host printed no URL in 60 s. stderr: ${stderr}`)),
      60_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`The web host exited with ${code}. stderr: ${stderr}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

/**
 * Starts Lakeshore on a fresh data folder: under `_electron` when LAKESHORE_E2E_ELECTRON=1 and
 * the binary exists, otherwise the browser-mode host opened in `browser`.
 */
export async function launchApp(
  browser: () => Promise<Browser>,
  options: LaunchOptions,
): Promise<LakeshoreApp> {
  const electronBinary =
    process.env.LAKESHORE_E2E_ELECTRON === '1' ? findElectronBinary(root) : undefined;
  if (electronBinary) {
    const app = await _electron.launch({
      executablePath: electronBinary,
      args: [root],
      env: appEnv(options) as Record<string, string>,
    });
    const page = await app.firstWindow();
    return { page, mode: 'electron', close: () => app.close() };
  }
  const started = await startWebHost(options);
  const { url } = started;
  let child = started.child;
  const fixed = {
    port: new URL(url).port,
    token: /#token=([0-9a-f]+)/.exec(url)![1]!,
  };
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    mode: 'browser',
    async close() {
      await context.close();
      await stopChild(child);
    },
    backend: {
      stop: () => stopChild(child),
      async start() {
        child = (await startWebHost(options, fixed)).child;
      },
    },
  };
}
