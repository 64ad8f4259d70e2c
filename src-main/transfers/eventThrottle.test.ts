import { describe, expect, it } from 'vitest';
import type { TransferJobSummary, TransferProgressEvent } from '../../shared/contract/transfers.js';
import { createAdaptiveLimiter } from './adaptiveLimiter.js';
import { aggregateOf, createEventThrottle } from './eventThrottle.js';

const job = (id: string, kind: TransferJobSummary['state']['kind'], done: number, total?: number) =>
  ({
    id,
    state: { kind },
    bytesDone: done,
    ...(total !== undefined ? { bytesTotal: total } : {}),
    rateBytesPerSec: kind === 'running' ? 100 : 0,
  }) as TransferJobSummary;

describe('aggregateOf', () => {
  it('sums unfinished jobs and leaves finished ones out', () => {
    const limiter = createAdaptiveLimiter({ ceiling: 8, initial: 4 });
    const agg = aggregateOf(
      [job('a', 'running', 50, 100), job('b', 'paused', 10), job('c', 'completed', 999, 999)],
      limiter,
    );
    expect(agg).toEqual({
      bytesDone: 60,
      bytesTotal: 110,
      rateBytesPerSec: 100,
      etaMs: 500,
      active: 1,
      concurrency: 4,
      limitedBy: 'none',
    });
  });
});

/** A throttle of `intervalMs` whose jobs are all running, emitting into `events`. */
const throttleInto = (events: TransferProgressEvent[], intervalMs: number) =>
  createEventThrottle({
    intervalMs,
    summaries: (ids) => ids.map((id) => job(id, 'running', 1)),
    allJobs: () => [],
    limiter: createAdaptiveLimiter({ ceiling: 1 }),
    emit: (e) => events.push(e),
  });

describe('createEventThrottle', () => {
  it('coalesces changes into at most one event per interval', async () => {
    const events: TransferProgressEvent[] = [];
    const throttle = throttleInto(events, 50);
    for (let i = 0; i < 100; i++) throttle.changed(i % 2 ? 'a' : 'b');
    throttle.removed('c');
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toHaveLength(1);
    expect(events[0]?.jobs.map((j) => j.id).sort()).toEqual(['a', 'b']);
    expect(events[0]?.removed).toEqual(['c']);
    throttle.changed('a');
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(2);
    throttle.close();
  });

  it('emits a change that must not be missed at once, with what was pending', async () => {
    const events: TransferProgressEvent[] = [];
    const throttle = throttleInto(events, 1_000);
    throttle.changed('a');
    throttle.changedNow('b');
    expect(events.map((e) => e.jobs.map((j) => j.id).sort())).toEqual([['a', 'b']]);
    throttle.changedNow('b');
    expect(events).toHaveLength(2);
    throttle.close();
    throttle.changedNow('c');
    expect(events).toHaveLength(2);
  });
});
