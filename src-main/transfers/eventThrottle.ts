import type {
  TransferAggregate,
  JobSummary,
  TransferProgressEvent,
} from '../../shared/contract/transfers.js';
import type { AdaptiveLimiter } from './adaptiveLimiter.js';
import { etaMs } from './rateMeter.js';

/** Where the throttle reads job summaries and the limiter state, and where it emits. */
export interface EventThrottleOptions {
  /** At least this long between two events, in ms (100 → at most 10 a second). */
  intervalMs: number;
  summaries(ids: string[]): JobSummary[];
  allJobs(): JobSummary[];
  limiter: AdaptiveLimiter;
  emit?: (event: TransferProgressEvent) => void;
}

/** Collects job changes and removals and emits them as one `TransferProgressEvent` per interval. */
export interface EventThrottle {
  changed(id: string): void;
  /**
   * Like `changed`, but emits at once with whatever is pending: for a change a viewer must see
   * even when the next one follows within the interval (a conversion entering its next phase).
   */
  changedNow(id: string): void;
  removed(id: string): void;
  /** Emits what is pending and stops. */
  close(): void;
}

const activeKinds = new Set(['queued', 'running', 'waiting']);

/** The aggregate over unfinished jobs (queued, running, waiting, paused). */
export function aggregateOf(jobs: JobSummary[], limiter: AdaptiveLimiter): TransferAggregate {
  let bytesDone = 0;
  let bytesTotal = 0;
  let rate = 0;
  let active = 0;
  for (const j of jobs) {
    if (!activeKinds.has(j.state.kind) && j.state.kind !== 'paused') continue;
    if (activeKinds.has(j.state.kind)) active++;
    bytesDone += j.bytesDone;
    bytesTotal += j.bytesTotal ?? j.bytesDone;
    rate += j.rateBytesPerSec;
  }
  const eta = etaMs(bytesTotal - bytesDone, rate);
  return {
    bytesDone,
    bytesTotal,
    rateBytesPerSec: rate,
    ...(eta !== undefined ? { etaMs: eta } : {}),
    active,
    concurrency: limiter.limit,
    limitedBy: active === 0 ? 'none' : limiter.limitedBy(),
  };
}

/** Creates the throttle (see `EventThrottle`). Without `emit` it does nothing. */
export function createEventThrottle(options: EventThrottleOptions): EventThrottle {
  const changed = new Set<string>();
  const removed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  let closed = false;

  const emit = () => {
    timer = undefined;
    last = Date.now();
    if (!options.emit || (changed.size === 0 && removed.size === 0)) return;
    const ids = [...changed];
    changed.clear();
    const gone = [...removed];
    removed.clear();
    options.emit({
      jobs: options.summaries(ids),
      removed: gone,
      aggregate: aggregateOf(options.allJobs(), options.limiter),
    });
  };

  const schedule = () => {
    if (timer || closed || !options.emit) return;
    timer = setTimeout(emit, Math.max(0, last + options.intervalMs - Date.now()));
    timer.unref();
  };

  return {
    changed(id) {
      changed.add(id);
      schedule();
    },
    changedNow(id) {
      changed.add(id);
      if (closed) return;
      if (timer) clearTimeout(timer);
      emit();
    },
    removed(id) {
      changed.delete(id);
      removed.add(id);
      schedule();
    },
    close() {
      if (timer) clearTimeout(timer);
      emit();
      closed = true;
    },
  };
}
