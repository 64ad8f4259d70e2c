import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { PathRef } from '../../../shared/contract/index.js';
import { invalidateContainer, queryKeys, useClient } from '../../api/hooks.js';
import { LakeCallError, unwrap } from '../../api/lakeCallError.js';
import type { BrowseLocation } from '../shell/location.js';
import { askAboutPaste, type PasteAnswer } from './pasteConflicts.js';
import { newOperationId, useOperations, type OperationScope } from './useOperations.js';
import { joinPath } from './validateName.js';

/** Which link of an entry to copy: its blob URL or its `abfss://` path. */
export type LinkKind = 'url' | 'abfss';

/**
 * The path operations as promises that reject with a `LakeCallError`: each long one takes the
 * operation id its caller picked (to show progress and cancel), is tracked so the container's
 * listings refresh when it ends, and refreshes them again when the call returns.
 */
export function usePathActions() {
  const client = useClient();
  const queryClient = useQueryClient();
  const { track } = useOperations();
  return useMemo(() => {
    const refresh = (scope: OperationScope) =>
      invalidateContainer(queryClient, scope.connectionId, scope.container);
    // The contract's schemas are strict: a listing entry's other fields must not go along.
    const refOf = (r: PathRef): PathRef => ({ path: r.path, kind: r.kind });
    const scopeOf = (l: OperationScope): OperationScope => ({
      connectionId: l.connectionId,
      container: l.container,
    });
    return {
      /** Creates `name` in the location's directory and refreshes its listing. */
      async createFolder(location: BrowseLocation, name: string): Promise<void> {
        unwrap(
          await client.call('paths.createDirectory', {
            ...scopeOf(location),
            path: joinPath(location.directory, name),
          }),
        );
        await queryClient.invalidateQueries({
          queryKey: queryKeys.directory(
            location.connectionId,
            location.container,
            location.directory,
          ),
        });
      },
      /** Moves one file or folder to `destination` (a full path in the same container). */
      async move(
        scope: OperationScope,
        source: PathRef,
        destination: string,
        operationId: string,
      ): Promise<{ moved: number }> {
        track(operationId, scopeOf(scope));
        try {
          return unwrap(
            await client.call('paths.rename', {
              ...scopeOf(scope),
              source: refOf(source),
              destination,
              operationId,
            }),
          );
        } finally {
          void refresh(scope);
        }
      },
      /** Deletes files and folders (folders with everything below them). */
      async remove(
        scope: OperationScope,
        paths: PathRef[],
        operationId: string,
      ): Promise<{ deleted: number; bytes: number }> {
        track(operationId, scopeOf(scope));
        try {
          return unwrap(
            await client.call('paths.delete', {
              ...scopeOf(scope),
              paths: paths.map(refOf),
              operationId,
            }),
          );
        } finally {
          void refresh(scope);
        }
      },
      /**
       * Copies files and folders of `source` into the location's directory (any container of
       * any connection), server-side; copies between HNS accounts keep their ACLs. Names that
       * exist there follow `existing`; by default (`fail`) the service refuses before copying
       * anything, and the window asks Replace / Keep both / Skip (`askAboutPaste`) and copies
       * again as answered (a cancel copies nothing and resolves to zero).
       */
      async copy(
        source: OperationScope,
        paths: PathRef[],
        into: BrowseLocation,
        operationId: string,
        existing: PasteAnswer | 'fail' = 'fail',
      ): Promise<{ copied: number; bytes: number }> {
        track(operationId, scopeOf(into));
        try {
          const result = await client.call('paths.copy', {
            source: { ...scopeOf(source), paths: paths.map(refOf) },
            destination: { ...scopeOf(into), directory: into.directory },
            keepAcls: true,
            existing,
            operationId,
          });
          if (!result.ok && result.error.code === 'AlreadyExists' && existing === 'fail') {
            const answer = await askAboutPaste(new LakeCallError(result.error).message);
            if (!answer) return { copied: 0, bytes: 0 };
            return await this.copy(source, paths, into, newOperationId(), answer);
          }
          return unwrap(result);
        } finally {
          void refresh(into);
        }
      },
      /** Counts the files and bytes below a directory (progress streams under `operationId`). */
      async count(scope: OperationScope, directory: string, operationId: string) {
        return unwrap(
          await client.call('paths.stats', { ...scopeOf(scope), directory, operationId }),
        );
      },
      /** Stops a running operation; it ends with a final `cancelled` event. */
      async cancel(operationId: string): Promise<void> {
        unwrap(await client.call('operations.cancel', { operationId }));
      },
      /** Puts an entry's blob URL or `abfss://` path on the clipboard and resolves to it. */
      async copyLink(scope: OperationScope, entry: PathRef, kind: LinkKind): Promise<string> {
        const properties = unwrap(
          await client.call('paths.properties', { ...scopeOf(scope), ...refOf(entry) }),
        );
        const text = kind === 'url' ? properties.url : properties.abfssPath;
        await navigator.clipboard.writeText(text);
        return text;
      },
    };
  }, [client, queryClient, track]);
}
