import type { LakeError } from '../../shared/contract/index.js';
import type {
  ConflictAnswer,
  ConflictInfo,
  PathRewrite,
  SkippedEntry,
  TransferJobSummary,
  TransferState,
} from '../../shared/contract/transfers.js';
import { LakeFailure } from '../storage/toLakeError.js';
import type { ActiveFile, JobRecord } from './jobRecord.js';
import { createRateMeter, etaMs } from './rateMeter.js';

const maxFailures = 100;
const maxRewrites = 1000;
const maxSkippedEntries = 1000;

/** Where a job reports what changed: for events and the journal. */
export interface JobSink {
  changed(job: TransferJob): void;
  finished(job: TransferJob, key: string): void;
}

/** A pending conflict and the function that answers it. */
interface PendingConflict {
  info: ConflictInfo;
  answer(a: ConflictAnswer): void;
}

/**
 * A job in memory: its journal record, the files in progress, the keys already finished, and
 * the runtime controls (abort, pause gate, requests in flight, conflicts waiting for an answer).
 */
export class TransferJob {
  readonly record: Omit<JobRecord, 'active'>;
  readonly active = new Map<string, ActiveFile>();
  readonly done: Set<string>;
  readonly conflicts: PendingConflict[] = [];
  controller = new AbortController();
  runner: Promise<void> | undefined;
  paused = false;
  private inFlight = 0;
  private settleWaiters: Array<() => void> = [];
  private resumeWaiters: Array<() => void> = [];
  private readonly rate = createRateMeter();
  /** Bytes of finished files an earlier run moved (see `bytesResumed`). */
  private resumedDone: number;
  /** Per file in progress: bytes it found done by an earlier run (staged blocks, a part file's prefix). */
  private readonly resumedFiles = new Map<string, number>();

  /** `resumed`: the record comes from the journal, so the bytes it holds were moved by an earlier run. */
  constructor(
    record: JobRecord,
    done: Set<string>,
    private readonly sink: JobSink,
    resumed = false,
  ) {
    const { active, ...rest } = record;
    this.record = rest;
    this.resumedDone = resumed ? record.bytesCompleted - (record.bytesSkipped ?? 0) : 0;
    for (const a of active) this.active.set(a.key, a);
    this.done = done;
  }

  get id(): string {
    return this.record.id;
  }

  get state(): TransferState {
    return this.record.state;
  }

  setState(state: TransferState): void {
    this.record.state = state;
    this.sink.changed(this);
  }

  /** The journal record now. */
  snapshot(): JobRecord {
    return { ...this.record, active: [...this.active.values()] };
  }

  /** What the panel shows. */
  summary(): TransferJobSummary {
    const r = this.record;
    const bytesDone = r.bytesCompleted + [...this.active.values()].reduce((s, a) => s + a.bytes, 0);
    const rate = r.state.kind === 'running' ? this.rate.rate() : 0;
    const eta = r.bytesTotal === undefined ? undefined : etaMs(r.bytesTotal - bytesDone, rate);
    return {
      id: r.id,
      batchId: r.batchId,
      direction: r.direction,
      kind: r.kind,
      name: r.name,
      localPath: r.localTarget ?? r.localPath,
      connectionId: r.connectionId,
      container: r.container,
      remotePath: r.remoteTarget ?? r.remotePath,
      bytesDone,
      bytesSkipped: r.bytesSkipped ?? 0,
      bytesResumed: this.resumedDone + [...this.resumedFiles.values()].reduce((s, b) => s + b, 0),
      ...(r.bytesTotal !== undefined ? { bytesTotal: r.bytesTotal } : {}),
      filesDone: r.filesDone,
      ...(r.filesTotal !== undefined ? { filesTotal: r.filesTotal } : {}),
      filesSkipped: r.filesSkipped,
      filesFailed: r.filesFailed,
      failures: r.failures,
      warnings: r.warnings ?? [],
      rateBytesPerSec: Math.round(rate),
      ...(eta !== undefined ? { etaMs: eta } : {}),
      state: r.state,
      rewrites: r.rewrites,
      skippedEntries: r.skippedEntries ?? [],
      entriesSkipped: r.entriesSkipped ?? 0,
      createdAt: r.createdAt,
    };
  }

  /** Bytes moved over the network (for the rate). */
  moved(bytes: number): void {
    this.rate.add(bytes);
    this.sink.changed(this);
  }

  /** A file (re)starts: what an earlier attempt of it reported resumed is forgotten (it reports again). */
  startFile(file: ActiveFile): void {
    this.resumedFiles.delete(file.key);
    this.active.set(file.key, file);
    this.sink.changed(this);
  }

  /** Updates a file in progress (bytes, plan) and marks the job changed. */
  updateFile(key: string, update: (file: ActiveFile) => void): void {
    const file = this.active.get(key);
    if (!file) return;
    update(file);
    this.sink.changed(this);
  }

  /** A file in progress found `bytes` already on the target from an earlier run (they count in `bytesResumed`). */
  fileResumed(key: string, bytes: number): void {
    this.resumedFiles.set(key, (this.resumedFiles.get(key) ?? 0) + bytes);
    this.sink.changed(this);
  }

  fileDone(key: string, size: number): void {
    this.resumedDone += this.resumedFiles.get(key) ?? 0;
    this.resumedFiles.delete(key);
    this.active.delete(key);
    this.done.add(key);
    this.record.filesDone++;
    this.record.bytesCompleted += size;
    this.sink.finished(this, key);
  }

  fileSkipped(key: string, size: number): void {
    this.resumedFiles.delete(key);
    this.active.delete(key);
    this.done.add(key);
    this.record.filesSkipped++;
    this.record.bytesCompleted += size;
    this.record.bytesSkipped = (this.record.bytesSkipped ?? 0) + size;
    this.sink.finished(this, key);
  }

  fileFailed(key: string, path: string, error: LakeError): void {
    this.resumedFiles.delete(key);
    this.active.delete(key);
    this.record.filesFailed++;
    if (this.record.failures.length < maxFailures) this.record.failures.push({ path, error });
    this.sink.changed(this);
  }

  /** Records a problem with a file that was transferred all the same (the first 100 are kept). */
  fileWarning(path: string, error: LakeError): void {
    const warnings = (this.record.warnings ??= []);
    if (warnings.length < maxFailures) warnings.push({ path, error });
    this.sink.changed(this);
  }

  /** Reports a local entry passed over (not a file of the totals): kept in the first 1,000, counted always. */
  entrySkipped(entry: SkippedEntry): void {
    const list = (this.record.skippedEntries ??= []);
    if (list.length < maxSkippedEntries) list.push(entry);
    this.record.entriesSkipped = (this.record.entriesSkipped ?? 0) + 1;
    this.sink.changed(this);
  }

  /** Forgets the skipped entries of an earlier walk, before a new one. */
  clearSkippedEntries(): void {
    this.record.skippedEntries = [];
    this.record.entriesSkipped = 0;
  }

  /** Reports a rewrite once (a resumed job meets its names again). */
  addRewrite(rewrite: PathRewrite): void {
    const rewrites = this.record.rewrites;
    if (rewrites.length >= maxRewrites) return;
    if (rewrites.some((r) => r.from === rewrite.from && r.to === rewrite.to)) return;
    rewrites.push(rewrite);
    this.sink.changed(this);
  }

  /** Waits while paused; rejects with `Cancelled` once the job is aborted. */
  async gate(): Promise<void> {
    const signal = this.controller.signal;
    while (this.paused && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.resumeWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (signal.aborted) {
      throw new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' });
    }
  }

  /** Opens the gate. */
  unpause(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((w) => w());
  }

  /** Counts the job's requests in flight (+1 on a slot taken, -1 on release). */
  trackInFlight(delta: 1 | -1): void {
    this.inFlight += delta;
    if (this.inFlight === 0) {
      const waiters = this.settleWaiters;
      this.settleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** Resolves when none of the job's requests is in flight. */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }
}
