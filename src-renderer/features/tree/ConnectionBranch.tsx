import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tree,
  TreeItem,
  TreeItemLayout,
  Tooltip,
} from '@fluentui/react-components';
import {
  AddRegular,
  ArchiveRegular,
  CloudRegular,
  DeleteRegular,
  InfoRegular,
  MoreHorizontalRegular,
  ServerRegular,
} from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import type { Ability, ConnectionSummary } from '../../../shared/contract/index.js';
import { ConnectionNotes } from '../connectionInfo/ConnectionNotes.js';
import { UseAccountKeyTreeItem } from '../connections/UseAccountKeyOffer.js';
import { ConnectionPropertiesDialog } from '../connectionInfo/ConnectionPropertiesDialog.js';
import { ProvisionedProblemItem } from '../connectionInfo/ProvisionedProblemItem.js';
import { useContainers } from '../../api/hooks.js';
import { treeValue } from '../shell/location.js';
import { ContainerPropertiesDialog } from '../pathOps/ContainerPropertiesDialog.js';
import { AccountBadge } from './AccountBadge.js';
import { DirectoryBranch, errorText, selectedStyle } from './DirectoryBranch.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

/**
 * The "More actions" button shows on hover over space kept for it, so the name and badges do not
 * wrap differently when it appears (a hovered badge moved away from the pointer, and its tooltip
 * never showed).
 */
const reservedForActions = { position: 'relative', paddingRight: '36px' } as const;
const actionsOverReservedSpace = {
  position: 'absolute',
  right: 0,
  top: 0,
  bottom: 0,
  alignItems: 'center',
} as const;

/**
 * A saved connection with its account kind badge: selecting it shows its containers in the
 * window's list (it is highlighted while shown); opening it lists them in the tree. Its actions
 * ("New container…", "Remove connection") open from the context menu (right-click, Shift+F10)
 * or the "More actions" button on the item. A discovered account (under a signed-in account,
 * not saved) is not `removable`, nor is a provisioned one (from connections.toml or the
 * environment; marked "from configuration"). Actions the credential cannot do are turned off
 * with the reason in their tooltip.
 */
export function ConnectionBranch(props: { connection: ConnectionSummary; removable?: boolean }) {
  // A provisioned connection that cannot be used is listed with its reason, without containers.
  if (props.connection.problem) return <ProvisionedProblemItem connection={props.connection} />;
  return <UsableConnectionBranch {...props} />;
}

/** An action of the connection's menus, turned off with the reason in its tooltip when the credential cannot do it. */
function GuardedMenuItem({
  ability,
  icon,
  onClick,
  children,
}: {
  ability: Ability | undefined;
  icon: ReactElement;
  onClick: () => void;
  children: string;
}) {
  if (ability?.state !== 'denied')
    return (
      <MenuItem icon={icon} onClick={onClick}>
        {children}
      </MenuItem>
    );
  return (
    <Tooltip content={ability.reason} relationship="description" withArrow>
      <MenuItem icon={icon} disabled>
        {children}
      </MenuItem>
    </Tooltip>
  );
}

function UsableConnectionBranch({
  connection,
  removable = true,
}: {
  connection: ConnectionSummary;
  removable?: boolean;
}) {
  const [showConnection, setShowConnection] = useState(false);
  const { openItems, removeConnection, newContainer, select, selectedValue } = useTreeState();
  const [menuOpen, setMenuOpen] = useState(false);
  const [hovered, setHovered] = useState(false);
  // Outside the tree item: React events from a dialog's portal bubble to its React parents, and
  // a click there must not toggle the item.
  const [propertiesOf, setPropertiesOf] = useState<string>();
  const value = treeValue.connection(connection.id);
  return (
    <>
      <ContainerPropertiesDialog
        target={
          propertiesOf === undefined
            ? undefined
            : { connectionId: connection.id, container: propertiesOf }
        }
        onClose={() => setPropertiesOf(undefined)}
      />
      <ConnectionPropertiesDialog
        connection={connection}
        open={showConnection}
        onClose={() => setShowConnection(false)}
        editable={removable && !connection.source}
      />
      <Menu
        open={menuOpen}
        onOpenChange={(_, d) => setMenuOpen(d.open)}
        positioning="below-end"
        openOnContext
      >
        <MenuTrigger disableButtonEnhancement>
          <TreeItem
            itemType="branch"
            value={value}
            aria-label={connection.name}
            aria-selected={selectedValue === value}
            onClick={() => select({ connectionId: connection.id, connectionName: connection.name })}
          >
            <TreeItemLayout
              style={{
                ...reservedForActions,
                ...(selectedValue === value ? selectedStyle : undefined),
              }}
              iconBefore={
                connection.kind === 'emulator' ? (
                  <ServerRegular aria-hidden />
                ) : (
                  <CloudRegular aria-hidden />
                )
              }
              actions={{
                style: actionsOverReservedSpace,
                visible: hovered || menuOpen,
                onVisibilityChange: (_, d) => setHovered(d.visible),
                children: (
                  <Button
                    appearance="subtle"
                    size="small"
                    aria-label={`More actions for ${connection.name}`}
                    icon={<MoreHorizontalRegular aria-hidden />}
                    onClick={(e) => {
                      e.stopPropagation();
                      setMenuOpen(true);
                    }}
                  />
                ),
              }}
            >
              <span>{connection.name}</span>
              <AccountBadge connectionId={connection.id} />
              <ConnectionNotes connection={connection} />
            </TreeItemLayout>
            {openItems.has(value) ? (
              <Containers connection={connection} showProperties={setPropertiesOf} />
            ) : null}
          </TreeItem>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {connection.scope.type === 'account' && (
              <GuardedMenuItem
                ability={connection.abilities?.abilities.write}
                icon={<AddRegular aria-hidden />}
                onClick={() => newContainer({ id: connection.id, name: connection.name })}
              >
                New container…
              </GuardedMenuItem>
            )}
            <MenuItem icon={<InfoRegular aria-hidden />} onClick={() => setShowConnection(true)}>
              Connection properties…
            </MenuItem>
            {removable && !connection.source && (
              <MenuItem
                icon={<DeleteRegular aria-hidden />}
                onClick={() => removeConnection({ id: connection.id, name: connection.name })}
              >
                Remove connection
              </MenuItem>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
    </>
  );
}

/** The folder a connection is scoped to, `''` for a whole container or account. */
export const scopeDirectory = (scope: ConnectionSummary['scope']): string =>
  scope.type === 'container' ? (scope.directory ?? '') : '';

function Containers({
  connection,
  showProperties,
}: {
  connection: ConnectionSummary;
  showProperties: (container: string) => void;
}) {
  const containers = useContainers(connection.id);
  const { deleteContainer } = useTreeState();
  // A folder attached by URL: its identity may list only there, so the tree starts there.
  const attachedDirectory = scopeDirectory(connection.scope);
  return (
    <Tree>
      {containers.data?.map((c) => (
        <DirectoryBranch
          key={c.name}
          label={[c.name, attachedDirectory].filter(Boolean).join('/')}
          icon={<ArchiveRegular aria-hidden />}
          location={{
            connectionId: connection.id,
            connectionName: connection.name,
            container: c.name,
            directory: attachedDirectory,
          }}
          menu={
            <>
              <MenuItem icon={<InfoRegular aria-hidden />} onClick={() => showProperties(c.name)}>
                Container properties…
              </MenuItem>
              <GuardedMenuItem
                ability={connection.abilities?.abilities.delete}
                icon={<DeleteRegular aria-hidden />}
                onClick={() =>
                  deleteContainer({
                    connection: { id: connection.id, name: connection.name },
                    container: c.name,
                  })
                }
              >
                Delete container…
              </GuardedMenuItem>
            </>
          }
        />
      ))}
      {containers.isPending && <StatusItem kind="loading" text="Loading…" />}
      {containers.data?.length === 0 && <StatusItem kind="empty" text="No containers" />}
      {containers.isError && <StatusItem kind="error" text={errorText(containers.error)} />}
      {containers.isError && (
        <UseAccountKeyTreeItem connectionId={connection.id} error={containers.error} />
      )}
    </Tree>
  );
}
