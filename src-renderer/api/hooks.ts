import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo } from 'react';
import type {
  CallArgs,
  LakeClient,
  NewConnection,
  PathEntry,
} from '../../shared/contract/index.js';
import { unwrap } from './lakeCallError.js';

/** Provides the app's one `LakeClient` (created once at start) to the hooks. */
export const ClientContext = createContext<LakeClient | undefined>(undefined);

/** The app's one client (provided at the root). */
export function useClient(): LakeClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

/** Query keys, by connection / container / directory, so invalidation can target a subtree. */
export const queryKeys = {
  appInfo: ['app.info'] as const,
  connections: ['connections'] as const,
  containers: (connectionId: string) => ['containers', connectionId] as const,
  account: (connectionId: string) => ['accounts.describe', connectionId] as const,
  /** Every directory listing of one container (a prefix of `directory`). */
  container: (connectionId: string, container: string) =>
    ['paths', connectionId, container] as const,
  directory: (connectionId: string, container: string, directory: string) =>
    ['paths', connectionId, container, directory] as const,
};

/** Entries of the first page: small, so the first rows of a 100,000-entry folder show at once. */
export const firstPageSize = 100;
/** Entries of every later page: the service's maximum. */
export const fullPageSize = 5000;

/** Version, mode (electron or browser) and where secrets are kept; fixed for the run. */
export const useAppInfo = () => {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: async () => unwrap(await client.call('app.info', {})),
    staleTime: Infinity,
  });
};

/** Saved connections; refreshed when main announces a change. */
export const useConnections = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.on('connections.changed', (list) =>
        queryClient.setQueryData(queryKeys.connections, list),
      ),
    [client, queryClient],
  );
  return useQuery({
    queryKey: queryKeys.connections,
    queryFn: async () => unwrap(await client.call('connections.list', {})),
  });
};

/** Adds a connection (main tests it before saving; nothing is saved on failure). */
export const useAddConnection = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewConnection) => unwrap(await client.call('connections.add', input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
  });
};

/** Replaces a saved connection's own timeouts and retries (`{}`: all follow Settings again). */
export const useUpdateConnection = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (update: CallArgs<'connections.update'>) =>
      unwrap(await client.call('connections.update', update)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
  });
};

/** Removes a saved connection and its secret by id. */
export const useRemoveConnection = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await client.call('connections.remove', { id })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
  });
};

/** The containers a connection can reach. */
export const useContainers = (connectionId: string) => {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.containers(connectionId),
    queryFn: async () => unwrap(await client.call('containers.list', { connectionId })),
  });
};

/**
 * Whether a connection's account has a hierarchical namespace (ADLS Gen2) or is flat Blob
 * storage, and whether it keeps deleted blobs. Main detects it once per connection, so it is
 * never refetched. An empty `connectionId` (nothing to describe yet) asks nothing.
 */
export const useAccountDescription = (connectionId: string) => {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.account(connectionId),
    queryFn: async () => unwrap(await client.call('accounts.describe', { connectionId })),
    enabled: connectionId !== '',
    staleTime: Infinity,
    retry: false,
  });
};

/** Whether a connection's account has a hierarchical namespace (false until known). */
export const useIsHns = (connectionId: string): boolean =>
  useAccountDescription(connectionId).data?.namespace === 'hns';

/** Refetches every listing of a container shown anywhere (file list and tree), after a change in it. */
export const invalidateContainer = (
  queryClient: QueryClient,
  connectionId: string,
  container: string,
): Promise<void> =>
  queryClient.invalidateQueries({ queryKey: queryKeys.container(connectionId, container) });

/** Directories first, then files, each kind in the service's (lexicographic) order. */
const directoriesFirst = (entries: PathEntry[]): PathEntry[] => [
  ...entries.filter((e) => e.kind === 'directory'),
  ...entries.filter((e) => e.kind === 'file'),
];

/**
 * One directory's listing, paged: a small first page, then full pages fetched one after
 * another until the listing is complete. `entries` grows as pages arrive; `complete` tells
 * when the last page is in.
 */
export function useDirectoryListing(connectionId: string, container: string, directory: string) {
  const client = useClient();
  const query = useInfiniteQuery({
    queryKey: queryKeys.directory(connectionId, container, directory),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await client.call('paths.list', {
          connectionId,
          container,
          directory,
          pageSize: pageParam ? fullPageSize : firstPageSize,
          ...(pageParam ? { continuationToken: pageParam } : {}),
        }),
      ),
    getNextPageParam: (last) => last.continuationToken,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);
  const entries = useMemo(
    () => directoriesFirst(query.data?.pages.flatMap((p) => p.entries) ?? []),
    [query.data],
  );
  return { ...query, entries, complete: query.isSuccess && !hasNextPage };
}
