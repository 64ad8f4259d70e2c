import type { ContainerClient } from '@azure/storage-blob';
import type {
  DeltaJobSummary,
  RestoreSummary,
  TransferState,
} from '../../shared/contract/index.js';
import type { restoreArgsSchema, vacuumArgsSchema } from '../../shared/contract/index.js';
import type { z } from 'zod';
import { toLakeError } from '../storage/toLakeError.js';
import type { RunDeps } from './runJob.js';

/** `transfers.enqueueVacuum`'s arguments after validation. */
export type VacuumJobArgs = z.output<typeof vacuumArgsSchema>;
/** `transfers.enqueueRestore`'s arguments after validation. */
export type RestoreJobArgs = z.output<typeof restoreArgsSchema>;

/** What a VACUUM or RESTORE reports as it goes: totals once planned, files (and their bytes) done. */
export interface DeltaProgress {
  filesTotal?: number;
  bytesTotal?: number;
  filesDone?: number;
  bytesDone?: number;
}

/** What the engine gives a Delta job: its abort signal, a connection's container, a progress report. */
export interface DeltaContext {
  signal: AbortSignal;
  container(connectionId: string, container: string): Promise<ContainerClient>;
  progress(update: DeltaProgress): void;
}

/** Runs VACUUM and RESTORE (src-main/delta); each rejects with a `LakeFailure`. */
export interface DeltaRunner {
  vacuum(args: VacuumJobArgs, ctx: DeltaContext): Promise<{ deleted: number; bytes: number }>;
  restore(args: RestoreJobArgs, ctx: DeltaContext): Promise<RestoreSummary>;
}

/** What a Delta job does: VACUUM or RESTORE, with its arguments. */
export type DeltaWork =
  { direction: 'vacuum'; args: VacuumJobArgs } | { direction: 'restore'; args: RestoreJobArgs };

const lastSegment = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;

/** A VACUUM or RESTORE job in memory (not journaled). */
export class DeltaJob {
  controller = new AbortController();
  runner: Promise<void> | undefined;
  state: TransferState = { kind: 'queued' };
  private readonly createdAt = new Date().toISOString();
  private progressNow: DeltaProgress = {};
  private vacuumed: { deleted: number; bytes: number } | undefined;
  private restored: RestoreSummary | undefined;

  constructor(
    readonly id: string,
    readonly work: DeltaWork,
    private readonly changed: (job: DeltaJob) => void,
  ) {}

  setState(state: TransferState): void {
    this.state = state;
    this.changed(this);
  }

  /** What the panel shows. */
  summary(): DeltaJobSummary {
    const { args } = this.work;
    const p = this.progressNow;
    return {
      id: this.id,
      batchId: this.id,
      direction: this.work.direction,
      kind: 'file',
      name: lastSegment(args.directory),
      table: {
        connectionId: args.connectionId,
        container: args.container,
        directory: args.directory,
      },
      filesDone: p.filesDone ?? 0,
      ...(p.filesTotal !== undefined ? { filesTotal: p.filesTotal } : {}),
      bytesDone: p.bytesDone ?? 0,
      ...(p.bytesTotal !== undefined ? { bytesTotal: p.bytesTotal } : {}),
      rateBytesPerSec: 0,
      state: this.state,
      ...(this.vacuumed ? { vacuumed: this.vacuumed } : {}),
      ...(this.restored ? { restored: this.restored } : {}),
      createdAt: this.createdAt,
    };
  }

  /** Back to the start, for a retry. */
  reset(): void {
    this.progressNow = {};
    this.vacuumed = undefined;
    this.restored = undefined;
  }

  /** Runs the work with `runner` and sets the final state: completed, cancelled or failed. Never rejects. */
  async run(runner: DeltaRunner, deps: RunDeps): Promise<void> {
    const signal = this.controller.signal;
    const ctx: DeltaContext = {
      signal,
      container: deps.resolveContainer,
      progress: (update) => {
        Object.assign(this.progressNow, update);
        this.changed(this);
      },
    };
    try {
      if (this.work.direction === 'vacuum')
        this.vacuumed = await runner.vacuum(this.work.args, ctx);
      else this.restored = await runner.restore(this.work.args, ctx);
      this.setState({ kind: 'completed' });
    } catch (e) {
      const error = toLakeError(e);
      if (signal.aborted || error.code === 'Cancelled') this.setState({ kind: 'cancelled' });
      else this.setState({ kind: 'failed', error });
    }
  }
}
