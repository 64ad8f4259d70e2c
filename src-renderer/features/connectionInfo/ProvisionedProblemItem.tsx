import { Badge, TreeItem, TreeItemLayout, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { clampedNoteStyle } from '../tree/clampedNote.js';

/**
 * A provisioned connection that cannot be used (an invalid entry of connections.toml, a secret
 * that cannot be read), listed with its reason instead of its containers.
 */
export function ProvisionedProblemItem({ connection }: { connection: ConnectionSummary }) {
  return (
    <TreeItem itemType="leaf" aria-label={`${connection.name}: ${connection.problem}`}>
      <TreeItemLayout
        iconBefore={<ErrorCircleRegular aria-hidden color={tokens.colorPaletteRedForeground1} />}
      >
        <span>{connection.name}</span>
        <Badge appearance="outline" color="informative" size="small" style={{ marginLeft: '6px' }}>
          from configuration
        </Badge>
        <div
          role="note"
          title={connection.problem}
          style={{
            color: tokens.colorPaletteRedForeground1,
            fontSize: tokens.fontSizeBase200,
            ...clampedNoteStyle(2),
          }}
        >
          {connection.problem}
        </div>
      </TreeItemLayout>
    </TreeItem>
  );
}
