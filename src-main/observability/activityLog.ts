import type { ActivityPage, StorageActivity } from '../../shared/contract/index.js';

/** How many entries the activity log keeps in memory; older ones are only in the log file. */
export const activityRingSize = 10_000;

/** What `ActivityLog.list` filters by (see `activityQuerySchema`). */
export interface ActivityQuery {
  outcome?: StorageActivity['outcome'];
  operation?: string;
  text?: string;
  limit?: number;
}

/** The log of storage operations: a bounded ring in memory, each entry also handed to `onEntry` (the log file, the window). */
export interface ActivityLog {
  record(entry: StorageActivity): void;
  /** Newest first. `operation` matches `op` or `area.op`; `text` is found case-insensitively in the connection, operation, target, URL, status, codes, message and request ids. */
  list(query?: ActivityQuery): ActivityPage;
  /** Every entry in the ring, oldest first. */
  all(): StorageActivity[];
  /** Calls `listener` with each new entry; returns the unsubscribe. */
  subscribe(listener: (entry: StorageActivity) => void): () => void;
}

const searchable = (e: StorageActivity): string =>
  [
    e.connection,
    `${e.area}.${e.operation}`,
    e.account,
    e.container,
    e.path,
    e.url,
    e.status,
    e.errorCode,
    e.azureCode,
    e.message,
    e.requestId,
    e.clientRequestId,
  ]
    .filter((v) => v !== undefined && v !== '')
    .join('\n')
    .toLowerCase();

/** An `ActivityLog` of at most `capacity` entries (default `activityRingSize`); the oldest is dropped first. */
export function createActivityLog(capacity = activityRingSize): ActivityLog {
  const ring: StorageActivity[] = new Array<StorageActivity>(capacity);
  let next = 0;
  let size = 0;
  const listeners = new Set<(entry: StorageActivity) => void>();
  const all = (): StorageActivity[] => {
    const start = (next - size + capacity) % capacity;
    return Array.from({ length: size }, (_, i) => ring[(start + i) % capacity]!);
  };
  return {
    record(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      for (const listener of listeners) listener(entry);
    },
    all,
    list({ outcome, operation, text, limit = 500 } = {}) {
      const needle = text?.toLowerCase();
      const entries: StorageActivity[] = [];
      const items = all();
      for (let i = items.length - 1; i >= 0 && entries.length < limit; i -= 1) {
        const e = items[i]!;
        if (outcome && e.outcome !== outcome) continue;
        if (operation && e.operation !== operation && `${e.area}.${e.operation}` !== operation) {
          continue;
        }
        if (needle && !searchable(e).includes(needle)) continue;
        entries.push(e);
      }
      return { entries, total: size };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
