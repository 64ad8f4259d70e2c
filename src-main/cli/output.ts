import type { PathEntry } from '../../shared/contract/index.js';

/** Where the CLI writes; tests pass collectors, the binary passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress lines are drawn only there). */
  stderrIsTTY?: boolean;
}

/** Exit codes of `lakeshore`: 0 success, 1 the operation failed, 2 usage error. */
export const exitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** One line of `ls` text output: `DIR` or the size in bytes, the ISO modified time, the path (directories end in `/`). */
export function formatEntryLine(entry: PathEntry): string {
  if (entry.kind === 'directory') return `${'DIR'.padStart(14)}  ${''.padEnd(24)}  ${entry.path}/`;
  return `${String(entry.size).padStart(14)}  ${entry.lastModified.padEnd(24)}  ${entry.path}`;
}
