import { useCallback, useEffect, useRef, useState } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { newOperationId, type OperationScope } from './useOperations.js';
import { usePathActions } from './usePathActions.js';

/** What a selection holds, as far as counted. */
export interface SelectionCount {
  /** Files, once every folder is counted. */
  files: number;
  /** Files and folders so far (what a running count reports). */
  items: number;
  /** Bytes. */
  bytes: number;
  /** Some folder is still being counted. */
  counting: boolean;
  /** A count was stopped or failed, so `files` and `bytes` are a lower bound. */
  partial: boolean;
  /** Why a count failed, if one did. */
  error?: string;
  /** Stops the counts still running (resolves when main has been told). */
  stop: () => Promise<void>;
}

interface FolderCount {
  files: number;
  items: number;
  bytes: number;
  state: 'running' | 'completed' | 'stopped' | 'failed';
  error?: string;
}

const running: FolderCount = { files: 0, items: 0, bytes: 0, state: 'running' };

/**
 * Counts the files and bytes of a selection: files from the listing at once, each folder with
 * `paths.stats` under its own operation id, its running totals streaming in from
 * `operations.progress`. Counts stop when the selection changes or the component goes.
 */
export function useFolderCounts(
  scope: OperationScope | undefined,
  entries: PathEntry[],
): SelectionCount {
  const client = useClient();
  const actions = usePathActions();
  const folders = entries.filter((e) => e.kind === 'directory').map((e) => e.path);
  const key = scope ? JSON.stringify([scope.connectionId, scope.container, folders]) : '';
  const [counted, setCounted] = useState<{ key: string; byFolder: Map<string, FolderCount> }>({
    key: '',
    byFolder: new Map(),
  });
  const ids = useRef(new Map<string, string>());
  useEffect(() => {
    if (key === '') return undefined;
    const [connectionId, container, paths] = JSON.parse(key) as [string, string, string[]];
    const mine = new Map(paths.map((p) => [newOperationId(), p]));
    ids.current = mine;
    const update = (id: string, patch: Partial<FolderCount>) =>
      setCounted((s) => {
        const byFolder = s.key === key ? s.byFolder : new Map<string, FolderCount>();
        const folder = mine.get(id)!;
        const before = byFolder.get(folder) ?? running;
        if (before.state !== 'running') return s;
        return { key, byFolder: new Map(byFolder).set(folder, { ...before, ...patch }) };
      });
    const off = client.on('operations.progress', (e) => {
      if (!mine.has(e.operationId)) return;
      update(e.operationId, {
        items: e.done,
        bytes: e.bytes,
        ...(e.state === 'cancelled' ? { state: 'stopped' as const } : {}),
      });
    });
    for (const [id, folder] of mine) {
      actions.count({ connectionId, container }, folder, id).then(
        (stats) =>
          update(id, {
            files: stats.files,
            items: stats.files + stats.directories,
            bytes: stats.bytes,
            state: 'completed',
          }),
        (error: unknown) =>
          update(
            id,
            error instanceof LakeCallError && error.code === 'Cancelled'
              ? { state: 'stopped' }
              : { state: 'failed', error: error instanceof Error ? error.message : String(error) },
          ),
      );
    }
    return () => {
      off();
      for (const id of mine.keys()) void actions.cancel(id).catch(() => undefined);
    };
  }, [key, client, actions]);
  const stop = useCallback(async () => {
    await Promise.all(
      [...ids.current.keys()].map((id) => actions.cancel(id).catch(() => undefined)),
    );
  }, [actions]);
  const byFolder = counted.key === key ? counted.byFolder : new Map<string, FolderCount>();
  const all = folders.map((f) => byFolder.get(f) ?? running);
  const files = entries.flatMap((e) => (e.kind === 'file' ? [e] : []));
  const failed = all.find((c) => c.error);
  return {
    files: files.length + all.reduce((n, c) => n + c.files, 0),
    items: entries.length - all.length + all.reduce((n, c) => n + c.items, 0),
    bytes: files.reduce((n, f) => n + f.size, 0) + all.reduce((n, c) => n + c.bytes, 0),
    counting: all.some((c) => c.state === 'running'),
    partial: all.some((c) => c.state === 'stopped' || c.state === 'failed'),
    ...(failed?.error ? { error: failed.error } : {}),
    stop,
  };
}
