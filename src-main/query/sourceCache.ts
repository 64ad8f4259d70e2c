import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { defaultQuerySettings } from '../../shared/contract/querySettings.js';
import { readJsonFile, writeFileAtomic } from '../platform/atomicFile.js';
import { failWith } from '../storage/toLakeError.js';
import { safeLocalPath } from '../transfers/safeLocalPath.js';

/** A remote file a query reads: its URL (account, container and name), ETag, bytes and blob name. */
export interface CachedBlob {
  url: string;
  etag: string;
  size: number;
  blobName: string;
}

/** A blob missing from the cache and the local file it must be written to. */
export interface CacheFill {
  blob: CachedBlob;
  localPath: string;
}

/** How `acquire` fetches the missing blobs: writes each `localPath` whole, or rejects (nothing is kept then). */
export type FetchMissing = (fills: CacheFill[]) => Promise<void>;

/** What `acquire` gives: local paths in the order asked, and what came from where. */
export interface Acquired {
  localPaths: string[];
  /** Blobs fetched now, and their bytes. */
  fetched: number;
  fetchedBytes: number;
  /** Blobs found in the cache. */
  hits: number;
}

/** A bounded cache of the files queries read, on local disk. */
export interface SourceCache {
  /**
   * The local copies of `blobs`: those cached under the same URL and ETag are reused, the rest
   * are fetched with `fetch` into `<directory>/<hash of URL and ETag>/<blob name>` (the blob's
   * folders kept, so hive-style `key=value` folders read as partitions), then least recently
   * used entries not in `blobs` are evicted until the cache fits `maxBytes`. Rejects with
   * `InvalidInput` when `blobs` alone are over `maxBytes` or a blob name cannot be a local path,
   * and with what `fetch` rejects with. When every blob is a hit, their use times are written
   * to the index once `options.saveAfter` settles (runQuery passes its DuckDB run, so the write
   * does not take the cores from it: 0–0.7 ms of a 10–15 ms count, in three A/Bs over
   * bench:query's file), and the answer does not wait for the write.
   */
  acquire(
    blobs: CachedBlob[],
    fetch: FetchMissing,
    options?: { saveAfter?: Promise<unknown> },
  ): Promise<Acquired>;
  /** Bytes held now. */
  usedBytes(): number;
}

/** Where the app and the command line keep the query cache: `<dataDir>/query-cache`. */
export const queryCacheDir = (dataDir: string): string => path.join(dataDir, 'query-cache');

/** The cache's size when none is set (Settings' default): 10 GiB. */
export const defaultCacheBytes = defaultQuerySettings.cacheMiB * 1024 * 1024;

interface Entry {
  key: string;
  /** Relative to the cache directory. */
  file: string;
  bytes: number;
  /** Milliseconds since the epoch. */
  lastUsed: number;
}

const keyOf = (blob: CachedBlob) =>
  createHash('sha256').update(`${blob.url}\n${blob.etag}`).digest('hex').slice(0, 24);

const mib = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MiB`;

/**
 * Opens the cache in `directory` (created when absent), whose index (`index.json`) survives
 * restarts; `maxBytes` bounds what it keeps.
 */
export async function openSourceCache(directory: string, maxBytes: number): Promise<SourceCache> {
  await mkdir(directory, { recursive: true });
  const indexFile = path.join(directory, 'index.json');
  const saved = await readJsonFile<{ entries?: Entry[] }>(indexFile, {}).catch(
    (): { entries?: Entry[] } => ({}),
  );
  const entries = new Map<string, Entry>((saved.entries ?? []).map((e) => [e.key, e]));
  let clock = Math.max(Date.now(), ...[...entries.values()].map((e) => e.lastUsed + 1));
  const used = () => [...entries.values()].reduce((n, e) => n + e.bytes, 0);
  // Writes of the index follow one another; a hit does not wait for its own (its use times
  // only order evictions, and a lost one costs an earlier eviction at most).
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    const write = () =>
      writeFileAtomic(indexFile, JSON.stringify({ entries: [...entries.values()] }));
    saving = saving.then(write, write);
    return saving;
  };

  const localFile = (blob: CachedBlob, key: string): string => {
    const safe = safeLocalPath(blob.blobName);
    if (!safe.ok) failWith('InvalidInput', `"${blob.blobName}" cannot be cached: ${safe.reason}`);
    return path.join(key, ...(safe.ok ? safe.segments : []));
  };

  return {
    usedBytes: used,
    async acquire(blobs, fetch, options = {}) {
      const needed = blobs.reduce((n, b) => n + b.size, 0);
      if (needed > maxBytes)
        failWith(
          'InvalidInput',
          `The query reads ${mib(needed)}, more than the query cache holds (${mib(maxBytes)}); raise the cache size in Settings (or --cache-mib).`,
        );
      const keys = blobs.map(keyOf);
      const fills: CacheFill[] = [];
      const fresh: Entry[] = [];
      blobs.forEach((blob, i) => {
        const key = keys[i]!;
        const entry = entries.get(key);
        if (entry) entry.lastUsed = clock++;
        else if (!fresh.some((e) => e.key === key)) {
          const file = localFile(blob, key);
          fresh.push({ key, file, bytes: blob.size, lastUsed: clock++ });
          fills.push({ blob, localPath: path.join(directory, file) });
        }
      });
      if (fills.length > 0) {
        const wanted = new Set(keys);
        const evictable = [...entries.values()]
          .filter((e) => !wanted.has(e.key))
          .sort((a, b) => a.lastUsed - b.lastUsed);
        let total = used() + fresh.reduce((n, e) => n + e.bytes, 0);
        for (const e of evictable) {
          if (total <= maxBytes) break;
          entries.delete(e.key);
          total -= e.bytes;
          await rm(path.join(directory, e.key), { recursive: true, force: true });
        }
        for (const f of fills) await mkdir(path.dirname(f.localPath), { recursive: true });
        try {
          await fetch(fills);
        } catch (error) {
          for (const e of fresh)
            await rm(path.join(directory, e.key), { recursive: true, force: true });
          await save();
          throw error;
        }
        for (const e of fresh) entries.set(e.key, e);
        await save();
      } else {
        const after = options.saveAfter ?? Promise.resolve();
        void after.then(save, save).catch(() => undefined);
      }
      return {
        localPaths: keys.map((k) => path.join(directory, entries.get(k)!.file)),
        fetched: fills.length,
        fetchedBytes: fills.reduce((n, f) => n + f.blob.size, 0),
        hits: blobs.length - fills.length,
      };
    },
  };
}
