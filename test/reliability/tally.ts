// The counts each reliability suite measured, written where scripts/reliability.mjs reads them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the suites write their counts, the secrets they used and the folders they stored into. */
export const reliabilityOutDir = (): string =>
  process.env.LAKESHORE_RELIABILITY_DIR ?? path.resolve('test-results', 'reliability');

/** One suite's measured counts; every field is summed into the summary table. */
export interface SuiteTally {
  tried: number;
  faults: number;
  recovered: number;
  failedCleanly: number;
  lost: number;
  corrupted: number;
  /** Extra lines for the summary (what was lost or corrupted, by operation). */
  notes: string[];
  /** Secrets the suite handed to Lakeshore; the redaction check looks for each. */
  secrets: string[];
  /** Folders the suite let Lakeshore write into (data folders, journals, downloads, logs). */
  storedIn: string[];
}

/** A zeroed tally. */
export const newTally = (): SuiteTally => ({
  tried: 0,
  faults: 0,
  recovered: 0,
  failedCleanly: 0,
  lost: 0,
  corrupted: 0,
  notes: [],
  secrets: [],
  storedIn: [],
});

/** Writes `tally` as `<suite>.json` in the reliability folder, replacing an earlier one. */
export function writeTally(suite: string, tally: SuiteTally): void {
  mkdirSync(reliabilityOutDir(), { recursive: true });
  writeFileSync(path.join(reliabilityOutDir(), `${suite}.json`), JSON.stringify(tally, null, 2));
}
