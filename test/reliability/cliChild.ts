// The real `lakeshore` CLI as a child process, bundled from the sources for the run.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** What one child run did. */
export interface ChildRun {
  /** The exit code, or `null` when it was killed. */
  code: number | null;
  killed: boolean;
  /** ms from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
}

let bundled: Promise<string> | undefined;

/**
 * Bundles src-main/cli/main.ts (packages left external, resolved from the repository's
 * node_modules) into dist/reliability/cli.mjs once per run, so the child runs today's sources.
 */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.resolve('dist', 'reliability', 'cli.mjs');
    mkdirSync(path.dirname(outfile), { recursive: true });
    await build({
      entryPoints: [path.resolve('src-main/cli/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

/** A running child: `kill` sends SIGKILL (no handler runs, nothing is flushed: a crash). */
export interface CliChild {
  kill(): void;
  done: Promise<ChildRun>;
}

/** Starts `lakeshore argv` in a child Node process with `env` added. */
export function startCliChild(argv: string[], env: NodeJS.ProcessEnv): CliChild {
  let kill = () => {};
  let killed = false;
  const done = cliBundle().then((cli) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, ...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    kill = () => {
      killed = child.kill('SIGKILL') || killed;
    };
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise<ChildRun>((resolve) =>
      child.on('exit', (code) =>
        resolve({
          code,
          killed: killed && code === null,
          ms: Date.now() - started,
          stdout,
          stderr,
        }),
      ),
    );
  });
  return { kill: () => kill(), done };
}

/** Runs `lakeshore argv` to its end. */
export const runCliChild = (argv: string[], env: NodeJS.ProcessEnv): Promise<ChildRun> =>
  startCliChild(argv, env).done;
