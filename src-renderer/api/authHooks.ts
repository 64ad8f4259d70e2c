import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type {
  BrowserPromptEvent,
  CallArgs,
  DeviceCodePromptEvent,
} from '../../shared/contract/index.js';
import { useClient } from './hooks.js';
import { unwrap } from './lakeCallError.js';

const accountsKey = ['auth.accounts'] as const;

/**
 * The signed-in Microsoft Entra ID accounts; refreshed when main announces a change, which also
 * asks again every query that failed (a listing refused while a sign-in had expired continues).
 */
export const useEntraAccounts = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.on('auth.accountsChanged', (list) => {
        queryClient.setQueryData(accountsKey, list);
        // Views that failed while an account had to sign in again (listings, previews) ask again.
        void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
      }),
    [client, queryClient],
  );
  return useQuery({
    queryKey: accountsKey,
    queryFn: async () => unwrap(await client.call('auth.accounts', {})),
  });
};

/**
 * A sign-in and what it waits for: the device code to show, or the page to open (browser
 * mode: main cannot open a tab itself, so the window does).
 */
export const useSignIn = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  const [deviceCode, setDeviceCode] = useState<DeviceCodePromptEvent>();
  const [browserPage, setBrowserPage] = useState<BrowserPromptEvent>();
  useEffect(() => client.on('auth.deviceCode', setDeviceCode), [client]);
  useEffect(
    () =>
      client.on('auth.browserPrompt', (prompt) => {
        setBrowserPage(prompt);
        window.open(prompt.url, '_blank', 'noopener');
      }),
    [client],
  );
  const signIn = useMutation({
    mutationFn: async (args: CallArgs<'auth.signIn'>) => {
      setDeviceCode(undefined);
      setBrowserPage(undefined);
      return unwrap(await client.call('auth.signIn', args));
    },
    onSettled: () => {
      setDeviceCode(undefined);
      setBrowserPage(undefined);
      void queryClient.invalidateQueries({ queryKey: accountsKey });
    },
  });
  const cancel = () => void client.call('auth.cancelSignIn', {});
  return { signIn, deviceCode, browserPage, cancel };
};

/** Signs one account out (its tokens leave the cache). */
export const useSignOut = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (accountId: string) =>
      unwrap(await client.call('auth.signOut', { accountId })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
};
