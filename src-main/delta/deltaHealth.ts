import type { ContainerClient } from '@azure/storage-blob';
import type { DeltaHistoryEntry } from '../../shared/contract/preview.js';
import type { LogFile } from '../preview/delta/deltaLog.js';
import { historyEntry } from '../preview/delta/replay.js';
import { readTableAtVersion } from '../preview/delta/tableAtVersion.js';

/** Reader features this reader (the preview, query and maintenance) handles; any other is reported as unsupported. */
export const supportedReaderFeatures = new Set(['columnMapping', 'timestampNtz']);

/** Thresholds of the health warnings (Databricks' and delta.io's guidance on file sizes and partitioning). */
export const healthLimits = {
  /** A median active file under this many bytes: many small files. */
  smallFileBytes: 8 * 1024 * 1024,
  /** More partitions than this: over-partitioned. */
  maxPartitions: 10_000,
  /** Partitions smaller than this on average: over-partitioned. */
  smallPartitionBytes: 1024 * 1024,
  /** A partition column with more distinct values than this: high cardinality. */
  highCardinality: 1_000,
} as const;

/** One partition: its values (column → value), files and bytes. */
export interface PartitionStats {
  values: Record<string, string | null>;
  files: number;
  bytes: number;
}

/** A problem found, by kind. */
export type HealthWarning =
  | { kind: 'smallFiles'; medianBytes: number; files: number }
  | { kind: 'tooManyPartitions'; partitions: number }
  | { kind: 'smallPartitions'; averageBytes: number; partitions: number }
  | { kind: 'highCardinality'; column: string; distinctValues: number }
  | { kind: 'unsupportedFeature'; feature: string };

/** `lakeshore delta health`: the table at its latest version. Sizes in bytes. */
export interface DeltaHealth {
  version: number;
  protocol: {
    minReaderVersion: number;
    minWriterVersion: number;
    readerFeatures: string[];
    writerFeatures: string[];
  };
  files: { path: string; size: number }[];
  totalBytes: number;
  medianFileBytes: number;
  partitionColumns: string[];
  partitions: PartitionStats[];
  warnings: HealthWarning[];
}

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The health of the Delta table at `directory`: active files with sizes, per-partition file
 * counts and bytes, and warnings for many small files (median under 8 MiB), over-partitioning
 * (over 10,000 partitions, or under 1 MiB per partition on average), a partition column of
 * over 1,000 values, and reader features this reader does not support (deletion vectors, v2
 * checkpoints, …; Delta protocol "Table Features",
 * https://github.com/delta-io/delta/blob/master/PROTOCOL.md#table-features). Throws what the
 * log replay throws.
 */
export async function deltaHealth(
  container: ContainerClient,
  directory: string,
  signal: AbortSignal,
): Promise<DeltaHealth> {
  const { plan, state } = await readTableAtVersion(container, directory, {
    signal,
    withHistory: false,
  });
  const adds = [...state.files.values()];
  const columns = state.metaData?.partitionColumns ?? [];
  const byKey = new Map<string, PartitionStats>();
  for (const add of adds) {
    const values = Object.fromEntries(columns.map((c) => [c, add.partitionValues[c] ?? null]));
    const key = JSON.stringify(values);
    const p = byKey.get(key) ?? { values, files: 0, bytes: 0 };
    p.files++;
    p.bytes += add.size;
    byKey.set(key, p);
  }
  const partitions = columns.length > 0 ? [...byKey.values()] : [];
  const totalBytes = adds.reduce((n, a) => n + a.size, 0);
  const medianFileBytes = median(adds.map((a) => a.size));
  const protocol = state.protocol;
  const readerFeatures = protocol?.readerFeatures ?? [];
  const writerFeatures =
    (protocol as { writerFeatures?: string[] } | undefined)?.writerFeatures ?? [];
  const warnings: HealthWarning[] = [];
  if (adds.length > 1 && medianFileBytes < healthLimits.smallFileBytes)
    warnings.push({ kind: 'smallFiles', medianBytes: medianFileBytes, files: adds.length });
  if (partitions.length > healthLimits.maxPartitions)
    warnings.push({ kind: 'tooManyPartitions', partitions: partitions.length });
  if (partitions.length > 1 && totalBytes / partitions.length < healthLimits.smallPartitionBytes)
    warnings.push({
      kind: 'smallPartitions',
      averageBytes: Math.round(totalBytes / partitions.length),
      partitions: partitions.length,
    });
  for (const column of columns) {
    const distinct = new Set(partitions.map((p) => p.values[column])).size;
    if (distinct > healthLimits.highCardinality)
      warnings.push({ kind: 'highCardinality', column, distinctValues: distinct });
  }
  const hasDeletionVectors = adds.some((a) => a.deletionVector);
  for (const feature of new Set([
    ...readerFeatures,
    ...(hasDeletionVectors ? ['deletionVectors'] : []),
  ]))
    if (!supportedReaderFeatures.has(feature))
      warnings.push({ kind: 'unsupportedFeature', feature });
  return {
    version: plan.version,
    protocol: {
      minReaderVersion: protocol?.minReaderVersion ?? 1,
      minWriterVersion: protocol?.minWriterVersion ?? 2,
      readerFeatures,
      writerFeatures,
    },
    files: adds.map((a) => ({ path: a.path, size: a.size })),
    totalBytes,
    medianFileBytes,
    partitionColumns: columns,
    partitions,
    warnings,
  };
}

/** The table's history, newest first (at most the newest 100 commits), from each commit's `commitInfo` and actions. */
export async function deltaHistory(
  container: ContainerClient,
  directory: string,
  signal: AbortSignal,
): Promise<DeltaHistoryEntry[]> {
  const { plan, listing, commitActions } = await readTableAtVersion(container, directory, {
    signal,
    withHistory: true,
  });
  return plan.history.map((v) =>
    historyEntry(v, commitActions.get(v) ?? [], (listing.commits.get(v) as LogFile).lastModified),
  );
}

/** A warning as a sentence. */
export function warningText(w: HealthWarning): string {
  const mib = (n: number) =>
    n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
  switch (w.kind) {
    case 'smallFiles':
      return `Many small files: the median of ${w.files} files is ${mib(w.medianBytes)} (under 8 MiB); compact them (OPTIMIZE).`;
    case 'tooManyPartitions':
      return `Over-partitioned: ${w.partitions} partitions (over 10,000).`;
    case 'smallPartitions':
      return `Over-partitioned: ${w.partitions} partitions of ${mib(w.averageBytes)} on average (under 1 MiB).`;
    case 'highCardinality':
      return `Partition column ${w.column} has ${w.distinctValues} values (over 1,000): partition by a coarser column.`;
    case 'unsupportedFeature':
      return `Table feature ${w.feature} is not supported by Lakeshore's reader: previews, queries and maintenance may be wrong.`;
  }
}
