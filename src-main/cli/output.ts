import type { TokenCredential } from '@azure/core-auth';
import type { PathEntry } from '../../shared/contract/index.js';

/** Where the CLI writes; tests pass collectors, the binary passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress lines are drawn only there). */
  stderrIsTTY?: boolean;
  /** Asks the user a question and resolves to the line typed; present only when stdin and stderr are a terminal. */
  ask?: (question: string) => Promise<string>;
  /** Registers what to do on Ctrl-C (SIGINT) while a command runs; absent in tests that do not interrupt. */
  onInterrupt?: (handler: () => void) => void;
  /** The identity that reads Key Vault secret references; DefaultAzureCredential when absent (tests pass one the Key Vault stand-in accepts). */
  keyVaultCredential?: TokenCredential;
}

/** One line of progress on stderr, redrawn in place. */
export interface TerminalProgress {
  draw(text: string): void;
  /** Erases a drawn line (before a summary or an error is printed); nothing when none is drawn. */
  clear(): void;
}

/**
 * A progress line drawn only where stderr is a terminal (`io.stderrIsTTY`) and `wanted` (not
 * with `--json` or `--quiet`); elsewhere both calls do nothing.
 */
export function terminalProgress(io: CliIo, wanted: boolean): TerminalProgress {
  const shown = wanted && io.stderrIsTTY === true;
  let drawn = false;
  return {
    draw(text) {
      if (!shown) return;
      io.stderr(`\r${text}\x1b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Exit codes of `lakeshore`: 0 success, 1 the operation failed, 2 usage error, 130 interrupted (Ctrl-C). */
export const exitCode = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** One line of `ls` text output: `DIR` or the size in bytes, the ISO modified time, the path (directories end in `/`). */
export function formatEntryLine(entry: PathEntry): string {
  if (entry.kind === 'directory') return `${'DIR'.padStart(14)}  ${''.padEnd(24)}  ${entry.path}/`;
  return `${String(entry.size).padStart(14)}  ${entry.lastModified.padEnd(24)}  ${entry.path}`;
}

/**
 * Rows of cells as text lines, each column as wide as its widest cell plus two spaces (the last
 * is not padded), so long values such as endpoints stay under their heading.
 */
export function formatColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 2))).join(''),
  );
}
