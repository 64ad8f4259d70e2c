import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';

const settingsKey = ['settings'] as const;

/** The saved settings (resume on start, download folder). */
export const useSettings = () => {
  const client = useClient();
  return useQuery({
    queryKey: settingsKey,
    queryFn: async () => unwrap(await client.call('settings.get', {})),
    staleTime: Infinity,
  });
};

/** Saves a change and puts the result in the cache; rejects with the call's error. */
export const useUpdateSettings = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: Partial<Settings>) =>
      unwrap(await client.call('settings.update', change)),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
};
