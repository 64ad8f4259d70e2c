import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { LinkState } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';

/**
 * The state of the link to main (`open` where the transport cannot break). When it comes back
 * after a drop, every query is refetched: what was shown may have changed meanwhile.
 */
export function useLinkState(): LinkState {
  const client = useClient();
  const queryClient = useQueryClient();
  const link = client.link;
  const state = useSyncExternalStore(
    useCallback((onChange: () => void) => link?.onChange(onChange) ?? (() => undefined), [link]),
    () => link?.state() ?? 'open',
  );
  useEffect(() => {
    if (!link) return undefined;
    let wasDown = link.state() === 'disconnected';
    return link.onChange((next) => {
      if (next === 'disconnected') wasDown = true;
      if (next === 'open' && wasDown) {
        wasDown = false;
        void queryClient.invalidateQueries();
      }
    });
  }, [link, queryClient]);
  return state;
}

/**
 * "Disconnected — reconnecting…" with a Retry button while the link to Lakeshore's background
 * process is down (the process stopped or the socket dropped); nothing otherwise.
 */
export function LinkBanner() {
  const client = useClient();
  const state = useLinkState();
  if (state !== 'disconnected') return null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Disconnected — reconnecting…</MessageBarTitle> Lakeshore&apos;s background
        process is not answering (it may have stopped). Calls fail until it is back.
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={() => client.link?.retry()}>
          Retry
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
