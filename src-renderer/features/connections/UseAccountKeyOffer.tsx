import {
  Button,
  Caption1,
  Spinner,
  TreeItem,
  TreeItemLayout,
  tokens,
} from '@fluentui/react-components';
import { KeyRegular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allDiscoveriesKey } from '../../api/discoveryHooks.js';
import { queryKeys, useClient } from '../../api/hooks.js';
import { LakeCallError, unwrap } from '../../api/lakeCallError.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

const offerKey = (connectionId: string) => ['discovery.canUseAccountKey', connectionId] as const;

/**
 * Storage Explorer's "Use account key instead" for a discovered storage account whose listing
 * was refused (PermissionDenied: the signed-in identity has no data role): offered only when
 * main says the identity may list the account's keys (`discovery.canUseAccountKey`). Choosing
 * it makes the connection sign with the key until the app quits, and every listing of the
 * connection is asked again.
 */
function useAccountKeyOffer(connectionId: string, error: unknown) {
  const client = useClient();
  const queryClient = useQueryClient();
  const denied = error instanceof LakeCallError && error.code === 'PermissionDenied';
  const offered = useQuery({
    queryKey: offerKey(connectionId),
    queryFn: async () => unwrap(await client.call('discovery.canUseAccountKey', { connectionId })),
    enabled: denied,
    staleTime: 60_000,
    retry: false,
  });
  const use = useMutation({
    mutationFn: async () => unwrap(await client.call('discovery.useAccountKey', { connectionId })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: offerKey(connectionId) });
      await Promise.all(
        [
          queryKeys.containers(connectionId),
          queryKeys.account(connectionId),
          ['paths', connectionId],
          // The connection's abilities are the key's now (everything), not its data roles'.
          allDiscoveriesKey,
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
  return { shown: denied && offered.data === true, use };
}

const explanation =
  'Your identity may list this account’s keys: Lakeshore can sign with the key instead, until it quits.';

/** The offer under a refused listing in the window (containers or a folder). */
export function UseAccountKeyOffer({
  connectionId,
  error,
}: {
  connectionId: string;
  error: unknown;
}) {
  const { shown, use } = useAccountKeyOffer(connectionId, error);
  if (!shown) return null;
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: tokens.spacingHorizontalM,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
      }}
    >
      <Button
        appearance="primary"
        icon={use.isPending ? <Spinner size="extra-tiny" /> : <KeyRegular aria-hidden />}
        disabled={use.isPending}
        onClick={() => use.mutate()}
      >
        Use account key instead
      </Button>
      <Caption1>{explanation}</Caption1>
      {use.isError && <ErrorNotice error={use.error} title="The account key could not be used" />}
    </div>
  );
}

/** The same offer as a leaf of the tree, under a connection whose containers were refused. */
export function UseAccountKeyTreeItem({
  connectionId,
  error,
}: {
  connectionId: string;
  error: unknown;
}) {
  const { shown, use } = useAccountKeyOffer(connectionId, error);
  if (!shown) return null;
  return (
    <TreeItem itemType="leaf" aria-label="Use account key instead">
      <TreeItemLayout iconBefore={<KeyRegular aria-hidden />}>
        <Button
          size="small"
          appearance="subtle"
          style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
          title={explanation}
          disabled={use.isPending}
          onClick={(e) => {
            e.stopPropagation();
            use.mutate();
          }}
        >
          Use account key instead
        </Button>
        {use.isError && (
          <span role="alert" style={{ display: 'block' }}>
            {use.error.message}
          </span>
        )}
      </TreeItemLayout>
    </TreeItem>
  );
}
