import { lastSegment } from '../storage/blobEntry.js';
import { nameFilter, type NameFilters } from '../transfers/nameFilter.js';

/**
 * One file of a sync listing: its path relative to the synced folder (`/`-separated, no
 * leading `/`), size in bytes, last-modified time in ms since the epoch, and its Content-MD5
 * (base64) when known.
 */
export interface SyncEntry {
  path: string;
  size: number;
  lastModified: number;
  md5?: string;
}

/** How a source file is compared with the destination's file of the same path. */
export type SyncCompare = 'metadata' | 'md5';

/** Why a source file is copied. */
export type CopyReason = 'missing' | 'newer' | 'size' | 'md5';

/** What `planSync` decides. Every list is sorted by path. */
export interface SyncPlan {
  /** Source files to copy onto the destination (replacing what is there), and why. */
  copies: Array<{ entry: SyncEntry; reason: CopyReason }>;
  /** Destination files the source lacks (deleted only with `--delete-destination true`). */
  onlyAtDestination: SyncEntry[];
  /** Source files the destination already holds. */
  upToDate: SyncEntry[];
}

/** What `planSync` compares by and which names it takes (on both sides). */
export interface SyncPlanOptions extends NameFilters {
  compare: SyncCompare;
}

/**
 * Last-modified times are compared in whole seconds: the Blob service keeps and lists them to
 * the second (RFC 1123 dates), while local files carry milliseconds, so a file uploaded in the
 * same second it was written would otherwise look newer than its blob forever.
 */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Why `source` must replace `destination`, or `undefined` when the destination holds it. */
export function copyReason(
  source: SyncEntry,
  destination: SyncEntry | undefined,
  compare: SyncCompare,
): CopyReason | undefined {
  if (!destination) return 'missing';
  if (source.size !== destination.size) return 'size';
  if (compare === 'md5') {
    // A side without a hash cannot be shown equal: copy, so the destination ends up with one.
    return source.md5 !== undefined && source.md5 === destination.md5 ? undefined : 'md5';
  }
  return seconds(source.lastModified) > seconds(destination.lastModified) ? 'newer' : undefined;
}

/**
 * azcopy `sync`'s comparison, on listings of the source and destination folders: a source file
 * is copied when the destination lacks it or its size differs, and then (by `compare`) when the
 * source was modified later (`metadata`, the default; a destination that is newer is kept) or
 * their Content-MD5 differ or one is unknown (`md5`). Destination files the source lacks are
 * listed in `onlyAtDestination`. Files whose name (the last path segment) the include/exclude
 * patterns leave out are left alone on both sides: neither copied nor listed for deletion.
 */
export function planSync(
  source: readonly SyncEntry[],
  destination: readonly SyncEntry[],
  options: SyncPlanOptions,
): SyncPlan {
  const taken = nameFilter(options);
  const accept = (e: SyncEntry) => taken(lastSegment(e.path));
  const byPath = (a: SyncEntry, b: SyncEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const sources = source.filter(accept).sort(byPath);
  const destinations = new Map(destination.filter(accept).map((e) => [e.path, e]));
  const plan: SyncPlan = { copies: [], onlyAtDestination: [], upToDate: [] };
  const seen = new Set<string>();
  for (const entry of sources) {
    seen.add(entry.path);
    const reason = copyReason(entry, destinations.get(entry.path), options.compare);
    if (reason) plan.copies.push({ entry, reason });
    else plan.upToDate.push(entry);
  }
  plan.onlyAtDestination = [...destinations.values()].filter((e) => !seen.has(e.path)).sort(byPath);
  return plan;
}

/** The directory part of a relative path (`''` for a top-level file). */
export const directoryOf = (relative: string): string =>
  relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';

/** `entries` grouped by their directory, in path order (one transfer call per directory). */
export function byDirectory<T extends { path: string }>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    const dir = directoryOf(e.path);
    const list = groups.get(dir) ?? [];
    list.push(e);
    groups.set(dir, list);
  }
  return groups;
}

/**
 * Whether a remote relative path can be written under a local folder: no empty, `.` or `..`
 * segment and no `\` (which Windows reads as a separator), so the file stays inside the folder.
 */
export const safeLocalRelative = (relative: string): boolean =>
  !relative.includes('\\') && relative.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
