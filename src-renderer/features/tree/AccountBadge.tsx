import { Badge, Tooltip } from '@fluentui/react-components';
import { useAccountDescription } from '../../api/hooks.js';

const descriptions = {
  hns: {
    label: 'ADLS Gen2',
    tip: 'Hierarchical namespace: real directories, atomic rename, ACLs',
  },
  flat: {
    label: 'Blob',
    tip: 'Flat namespace: folders are name prefixes; renaming a folder copies every file',
  },
};

/** "ADLS Gen2" or "Blob" beside a connection, with what that means in a tooltip; nothing until known. */
export function AccountBadge({ connectionId }: { connectionId: string }) {
  const account = useAccountDescription(connectionId);
  if (!account.data) return null;
  const { label, tip } = descriptions[account.data.namespace];
  return (
    <Tooltip content={tip} relationship="description" withArrow>
      <Badge
        appearance={account.data.namespace === 'hns' ? 'tint' : 'outline'}
        color={account.data.namespace === 'hns' ? 'brand' : 'informative'}
        size="small"
        style={{ marginLeft: '6px' }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
