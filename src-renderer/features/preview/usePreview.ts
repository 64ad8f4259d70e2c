import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';

/** What the preview pane shows: one blob. */
export interface PreviewTarget {
  connectionId: string;
  container: string;
  path: string;
}

/**
 * The preview of `target` (nothing while undefined). Main aborts the previous preview when a
 * new one starts, so selecting another file cancels the request in flight; failures are not
 * retried (a corrupt file stays corrupt).
 */
export function usePreview(target: PreviewTarget | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: ['preview', target?.connectionId, target?.container, target?.path],
    enabled: target !== undefined,
    retry: false,
    staleTime: 60_000,
    queryFn: async () => unwrap(await client.call('paths.preview', target!)),
  });
}
