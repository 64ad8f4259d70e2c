import type { ContainerClient } from '@azure/storage-blob';

/**
 * The view each recent query registered as `t`, by container URL, path and Delta version,
 * for `runQuery` to start the next query on the same source at once, while the source is
 * resolved again (see `runQuery`). At most `limit` are kept, the least recently set dropped.
 */
export interface RecentViews {
  get(container: ContainerClient, path: string, version: number | undefined): string | undefined;
  set(container: ContainerClient, path: string, version: number | undefined, viewSql: string): void;
}

/** An empty `RecentViews` holding at most `limit` views (default 64). */
export function createRecentViews(limit = 64): RecentViews {
  const views = new Map<string, string>();
  const keyOf = (container: ContainerClient, path: string, version: number | undefined) =>
    `${container.url}\n${path}\n${version ?? ''}`;
  return {
    get: (container, path, version) => views.get(keyOf(container, path, version)),
    set(container, path, version, viewSql) {
      const key = keyOf(container, path, version);
      views.delete(key);
      views.set(key, viewSql);
      if (views.size > limit) views.delete(views.keys().next().value!);
    },
  };
}
