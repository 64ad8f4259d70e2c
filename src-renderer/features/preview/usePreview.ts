import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';

/** What the preview pane shows: one blob, or a Delta table by its root directory. */
export type PreviewTarget =
  | { kind: 'blob'; connectionId: string; container: string; path: string }
  | { kind: 'delta'; connectionId: string; container: string; directory: string };

/**
 * The preview of a blob. Main aborts the previous preview when a new one starts, so selecting
 * another file cancels the request in flight; failures are not retried (a corrupt file stays
 * corrupt).
 */
export function usePreview(target: Extract<PreviewTarget, { kind: 'blob' }>) {
  const client = useClient();
  const { connectionId, container, path } = target;
  return useQuery({
    queryKey: ['preview', connectionId, container, path],
    retry: false,
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(await client.call('paths.preview', { connectionId, container, path })),
  });
}

/** A Delta table at `version` (latest when undefined); previous versions stay cached while the next loads. */
export function useDeltaPreview(
  target: Extract<PreviewTarget, { kind: 'delta' }>,
  version: number | undefined,
) {
  const client = useClient();
  const { connectionId, container, directory } = target;
  return useQuery({
    queryKey: ['previewDelta', connectionId, container, directory, version],
    retry: false,
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(
        await client.call('paths.previewDelta', {
          connectionId,
          container,
          directory,
          ...(version !== undefined ? { version } : {}),
        }),
      ),
  });
}

/** Whether `directory` is a Delta table root; idle while `directory` is undefined. */
export function useTableFormat(
  connectionId: string | undefined,
  container: string | undefined,
  directory: string | undefined,
) {
  const client = useClient();
  return useQuery({
    queryKey: ['detectTable', connectionId, container, directory],
    enabled: connectionId !== undefined && container !== undefined && directory !== undefined,
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(
        await client.call('paths.detectTable', {
          connectionId: connectionId!,
          container: container!,
          directory: directory!,
        }),
      ),
  });
}
