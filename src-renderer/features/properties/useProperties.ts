import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AclChangeSummary,
  CallArgs,
  OperationProgressEvent,
} from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { newOperationId } from '../pathOps/useOperations.js';
import { unwrap } from '../../api/lakeCallError.js';

/** What the panel shows: one path of one container of one connection. */
export interface PropertiesTarget {
  connectionId: string;
  container: string;
  entry: { path: string; kind: 'file' | 'directory' };
}

const propertiesKey = (t: PropertiesTarget) =>
  ['properties', t.connectionId, t.container, t.entry.path] as const;

/** The path's properties, metadata and (HNS) access control. */
export function usePathProperties(target: PropertiesTarget) {
  const client = useClient();
  return useQuery({
    queryKey: propertiesKey(target),
    queryFn: async () =>
      unwrap(
        await client.call('paths.properties', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
          kind: target.entry.kind,
        }),
      ),
  });
}

/**
 * The path's access control: from its properties when main included it there, else from
 * `paths.getAccessControl`. Only asked on HNS accounts (`enabled`).
 */
export function useAccessControl(target: PropertiesTarget, enabled: boolean) {
  const client = useClient();
  const properties = usePathProperties(target);
  const included = properties.data?.accessControl;
  const fetched = useQuery({
    queryKey: [...propertiesKey(target), 'acl'],
    enabled: enabled && properties.isSuccess && !included,
    queryFn: async () =>
      unwrap(
        await client.call('paths.getAccessControl', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
        }),
      ),
  });
  return included
    ? { data: included, error: null, isPending: false }
    : { data: fetched.data, error: fetched.error, isPending: fetched.isPending };
}

/** Invalidates the target's properties (and access control) so they are read again. */
function useRefresh(target: PropertiesTarget) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: propertiesKey(target) });
}

/** Saves content type and/or metadata, then reads the properties again. */
export function useSetProperties(target: PropertiesTarget) {
  const client = useClient();
  const refresh = useRefresh(target);
  return useMutation({
    mutationFn: async (change: { contentType?: string; metadata: Record<string, string> }) =>
      unwrap(
        await client.call('paths.setProperties', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
          ...change,
        }),
      ),
    onSuccess: refresh,
  });
}

/** Saves owner, owning group and/or the whole ACL (as text), then reads them again. */
export function useSetAccessControl(target: PropertiesTarget) {
  const client = useClient();
  const refresh = useRefresh(target);
  return useMutation({
    mutationFn: async (change: { owner?: string; group?: string; acl?: string }) =>
      unwrap(
        await client.call('paths.setAccessControl', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
          ...change,
        }),
      ),
    onSuccess: refresh,
  });
}

/** Whether a user or group can reach the target path. */
export function useCheckAccess(target: PropertiesTarget) {
  const client = useClient();
  return useMutation({
    mutationFn: async (who: Pick<CallArgs<'paths.checkAccess'>, 'principal' | 'principalKind'>) =>
      unwrap(
        await client.call('paths.checkAccess', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
          ...who,
        }),
      ),
  });
}

/** What a recursive ACL change asks for. */
export interface RecursiveAclRequest {
  mode: 'modify' | 'remove' | 'set';
  acl: string;
  dryRun: boolean;
}

/**
 * Runs `paths.updateAccessControlRecursive` on the target directory, following its
 * `operations.progress` events; `cancel` stops the run in progress.
 */
export function useRecursiveAcl(target: PropertiesTarget) {
  const client = useClient();
  const refresh = useRefresh(target);
  const operationId = useRef<string | undefined>(undefined);
  const [progress, setProgress] = useState<OperationProgressEvent | undefined>(undefined);

  useEffect(
    () =>
      client.on('operations.progress', (event) => {
        if (event.operationId === operationId.current) setProgress(event);
      }),
    [client],
  );

  const mutation = useMutation({
    mutationFn: async (request: RecursiveAclRequest): Promise<AclChangeSummary> => {
      const id = newOperationId();
      operationId.current = id;
      setProgress(undefined);
      return unwrap(
        await client.call('paths.updateAccessControlRecursive', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.entry.path,
          ...request,
          operationId: id,
        }),
      );
    },
    onSettled: (_data, _error, request) => (request.dryRun ? undefined : refresh()),
  });

  const cancel = useCallback(async () => {
    if (operationId.current)
      unwrap(await client.call('operations.cancel', { operationId: operationId.current }));
  }, [client]);

  const { reset: resetMutation } = mutation;
  const reset = useCallback(() => {
    resetMutation();
    operationId.current = undefined;
    setProgress(undefined);
  }, [resetMutation]);

  return { ...mutation, progress, cancel, reset };
}
