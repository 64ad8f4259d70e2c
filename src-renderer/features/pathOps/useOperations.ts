import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { OperationProgressEvent } from '../../../shared/contract/index.js';
import { invalidateContainer, useClient } from '../../api/hooks.js';

/** The container an operation changes, so its listings refresh when it ends. */
export interface OperationScope {
  connectionId: string;
  container: string;
}

/** What the app follows of long-running operations, and how to act on them. */
export interface OperationsState {
  /** The latest progress of each operation seen, newest first (folder counts excluded: their dialog shows them). */
  operations: OperationProgressEvent[];
  /** Remembers what an operation about to start changes; call before starting it. */
  track: (operationId: string, scope: OperationScope) => void;
  /** Asks main to stop a running operation. */
  cancel: (operationId: string) => void;
  /** Forgets completed, failed and cancelled operations. */
  clearFinished: () => void;
}

/** A fresh operation id for a call (the renderer picks it, so it can cancel before the call returns). */
export const newOperationId = (): string => crypto.randomUUID();

/** Whether an operation has ended. */
export const isFinished = (o: Pick<OperationProgressEvent, 'state'>): boolean =>
  o.state !== 'running';

/**
 * Follows `operations.progress` events for the whole app. When an operation tracked with its
 * container ends (however it ends: part of it may have happened), every listing of that
 * container is refetched.
 */
export function useOperationsState(): OperationsState {
  const client = useClient();
  const queryClient = useQueryClient();
  const [operations, setOperations] = useState<OperationProgressEvent[]>([]);
  const [scopes] = useState(() => new Map<string, OperationScope>());
  useEffect(
    () =>
      client.on('operations.progress', (event) => {
        const scope = scopes.get(event.operationId);
        if (scope && isFinished(event)) {
          scopes.delete(event.operationId);
          void invalidateContainer(queryClient, scope.connectionId, scope.container);
        }
        if (event.kind === 'count') return;
        setOperations((list) =>
          list.some((o) => o.operationId === event.operationId)
            ? list.map((o) => (o.operationId === event.operationId ? event : o))
            : [event, ...list],
        );
      }),
    [client, queryClient, scopes],
  );
  const track = useCallback(
    (operationId: string, scope: OperationScope) => scopes.set(operationId, scope),
    [scopes],
  );
  const cancel = useCallback(
    (operationId: string) => void client.call('operations.cancel', { operationId }),
    [client],
  );
  const clearFinished = useCallback(
    () => setOperations((list) => list.filter((o) => !isFinished(o))),
    [],
  );
  return useMemo(
    () => ({ operations, track, cancel, clearFinished }),
    [operations, track, cancel, clearFinished],
  );
}

/** Provided once by the app (from `useOperationsState`). */
export const OperationsContext = createContext<OperationsState | undefined>(undefined);

/** The app's operations state. */
export function useOperations(): OperationsState {
  const state = useContext(OperationsContext);
  if (!state) throw new Error('useOperations outside OperationsContext');
  return state;
}

/** The latest progress event of one operation (undefined until the first arrives, or without an id). */
export function useOperationProgress(
  operationId: string | undefined,
): OperationProgressEvent | undefined {
  const client = useClient();
  const [progress, setProgress] = useState<OperationProgressEvent>();
  useEffect(() => {
    if (!operationId) return undefined;
    return client.on('operations.progress', (event) => {
      if (event.operationId === operationId) setProgress(event);
    });
  }, [client, operationId]);
  return progress?.operationId === operationId ? progress : undefined;
}
