/**
 * Delta VACUUM and RESTORE as jobs of the Transfers panel (`transfers.enqueueVacuum`,
 * `transfers.enqueueRestore`), run by the transfer engine like uploads, downloads and
 * conversions; progress arrives in `transfers.progress` events as a `DeltaJobSummary`.
 */
import type { RestoreSummary } from './deltaMaintenance.js';
import type { TransferState } from './transfers.js';

/** A Delta table: its connection, container and root folder (holding `_delta_log/`). */
export interface DeltaTableLocation {
  connectionId: string;
  container: string;
  directory: string;
}

/**
 * A VACUUM or a RESTORE as the Transfers panel shows it. VACUUM: `filesDone` of `filesTotal`
 * data files deleted, `bytesDone` of `bytesTotal` their bytes (the plan made when it starts).
 * RESTORE: one commit, `filesDone` 1 of 1 once written. Bytes in bytes, rate in bytes/s (0: a
 * delete moves none), ETA in ms.
 */
export interface DeltaJobSummary {
  id: string;
  batchId: string;
  direction: 'vacuum' | 'restore';
  kind: 'file';
  /** Display name: the table's folder name. */
  name: string;
  table: DeltaTableLocation;
  filesDone: number;
  /** Known once the plan is made. */
  filesTotal?: number;
  bytesDone: number;
  bytesTotal?: number;
  rateBytesPerSec: number;
  etaMs?: number;
  state: TransferState;
  /** What VACUUM deleted, once completed. */
  vacuumed?: { deleted: number; bytes: number };
  /** What RESTORE wrote, once completed. */
  restored?: RestoreSummary;
  /** ISO 8601. */
  createdAt: string;
}
