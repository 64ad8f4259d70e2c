import { metrics, type Counter, type Histogram } from '@opentelemetry/api';
import type {
  DiagnosticsSummary,
  OperationStats,
  StorageActivity,
} from '../../shared/contract/index.js';

/** Durations kept per operation for its percentiles (the newest). */
const samplesKept = 2_048;

interface Tally {
  count: number;
  failed: number;
  retries: number;
  durations: number[];
}

interface Instruments {
  operations: Counter;
  errors: Counter;
  retries: Counter;
  duration: Histogram;
}

const startedAt = new Date().toISOString();
const tallies = new Map<string, Tally>();
const errorCounts = new Map<string, number>();
let instruments: Instruments | undefined;

/**
 * Creates the OpenTelemetry instruments on the global meter, after telemetry registered its
 * provider (instruments made before are no-ops for good): counters `lakeshore.operations`,
 * `lakeshore.operation.errors`, `lakeshore.operation.retries` and the histogram
 * `lakeshore.operation.duration` (ms), each with the attribute `operation` (`<area>.<op>`),
 * names after the reference's `<connector>.<op>.count|errors|latency_ms`.
 */
export function createOperationInstruments(): void {
  const meter = metrics.getMeter('lakeshore');
  instruments = {
    operations: meter.createCounter('lakeshore.operations', { description: 'Storage operations' }),
    errors: meter.createCounter('lakeshore.operation.errors', {
      description: 'Failed storage operations',
    }),
    retries: meter.createCounter('lakeshore.operation.retries', {
      description: 'Tries beyond the first',
    }),
    duration: meter.createHistogram('lakeshore.operation.duration', {
      description: 'Duration of a storage operation, all tries included',
      unit: 'ms',
    }),
  };
}

/** Counts `entry` in the OpenTelemetry instruments (when created) and in the process's own tallies that `diagnosticsSummary` reads. */
export function recordOperationMetrics(entry: StorageActivity): void {
  const operation = `${entry.area}.${entry.operation}`;
  const tally = tallies.get(operation) ?? { count: 0, failed: 0, retries: 0, durations: [] };
  tallies.set(operation, tally);
  tally.count += 1;
  tally.retries += entry.attempts - 1;
  tally.durations.push(entry.durationMs);
  if (tally.durations.length > samplesKept) tally.durations.shift();
  const failed = entry.outcome === 'failed';
  if (failed) {
    tally.failed += 1;
    const code = `${entry.errorCode ?? 'Unknown'}${entry.azureCode ? `/${entry.azureCode}` : ''}`;
    errorCounts.set(code, (errorCounts.get(code) ?? 0) + 1);
  }
  if (!instruments) return;
  const attributes = { operation, outcome: entry.outcome };
  instruments.operations.add(1, attributes);
  if (failed) instruments.errors.add(1, { operation, 'error.class': entry.errorCode ?? 'Unknown' });
  if (entry.attempts > 1) instruments.retries.add(entry.attempts - 1, { operation });
  instruments.duration.record(entry.durationMs, attributes);
}

/** The nearest-rank percentile `p` (0–100) of `sorted` (ascending), 0 when empty. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** Latency, retries and errors per operation since the process started, busiest first. */
export function operationStats(): Pick<
  DiagnosticsSummary,
  'since' | 'operations' | 'errorsByCode'
> {
  const operations: OperationStats[] = [...tallies].map(([operation, t]) => {
    const sorted = [...t.durations].sort((a, b) => a - b);
    return {
      operation,
      count: t.count,
      failed: t.failed,
      retries: t.retries,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
    };
  });
  operations.sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation));
  const errorsByCode = [...errorCounts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { since: startedAt, operations, errorsByCode };
}
