import type { CliIo } from '../../src-main/cli/output.js';
import { runCli } from '../../src-main/cli/runCli.js';

/** What one `lakeshore` run printed and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lakeshore argv` in-process with `env` (and any other `CliIo` member), collecting its output. */
export async function runCliCollecting(
  argv: string[],
  env: NodeJS.ProcessEnv,
  extra: Partial<Omit<CliIo, 'stdout' | 'stderr' | 'env'>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    ...extra,
  });
  return { code, stdout, stderr };
}
