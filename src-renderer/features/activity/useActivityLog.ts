import { useMutation, useQuery } from '@tanstack/react-query';
import type { ActivityOutcome } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';

/** The Operations tab's filter: by outcome, by `<area>.<op>`, by text (all optional). */
export interface ActivityFilter {
  outcome?: ActivityOutcome;
  operation?: string;
  text?: string;
}

/** How often an open panel reads the activity and the diagnostics again (ms). */
export const activityRefreshMs = 2_000;

/** The newest 500 storage operations matching `filter`, read again every 2 s while `enabled`. */
export function useStorageActivity(filter: ActivityFilter, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: ['activity', filter],
    queryFn: async () =>
      unwrap(
        await client.call('activity.list', {
          ...(filter.outcome ? { outcome: filter.outcome } : {}),
          ...(filter.operation ? { operation: filter.operation } : {}),
          ...(filter.text ? { text: filter.text } : {}),
        }),
      ),
    enabled,
    refetchInterval: enabled ? activityRefreshMs : false,
    placeholderData: (previous) => previous,
  });
}

/** The Diagnostics tab's summary, read again every 2 s while `enabled`. */
export function useDiagnosticsSummary(enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: ['diagnostics'],
    queryFn: async () => unwrap(await client.call('diagnostics.summary', {})),
    enabled,
    refetchInterval: enabled ? activityRefreshMs : false,
  });
}

/** Writes the diagnostics zip; resolves to where it went. */
export function useExportDiagnostics() {
  const client = useClient();
  return useMutation({
    mutationFn: async () => unwrap(await client.call('diagnostics.export', {})),
  });
}
