import { Caption1, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArchiveRegular } from '@fluentui/react-icons';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useConnections, useContainers } from '../../api/hooks.js';
import { scopeDirectory } from './ConnectionBranch.js';
import { UseAccountKeyOffer } from '../connections/UseAccountKeyOffer.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { AccountLocation, BrowseLocation } from '../shell/location.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, flexGrow: 1 },
  summary: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    minHeight: '28px',
  },
  grid: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexGrow: 1,
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  body: { overflow: 'auto', flexGrow: 1, minHeight: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(200px, 3fr) minmax(160px, 1fr) minmax(120px, 1fr)',
    alignItems: 'center',
    height: '32px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    cursor: 'default',
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  empty: { padding: tokens.spacingHorizontalXL },
});

const publicAccessText = {
  none: 'Private',
  blob: 'Blobs (anonymous read)',
  container: 'Container (anonymous list and read)',
};

/**
 * The containers of an account (role=grid "Containers"), shown when its connection is selected
 * in the tree: arrows, Home and End move the selection; Enter or a double-click opens one.
 * `reveal` selects a container by name (the one just left by going up).
 */
export function ContainerList({
  account,
  onOpen,
  reveal,
}: {
  account: AccountLocation;
  onOpen: (location: BrowseLocation) => void;
  reveal?: { path: string };
}) {
  const styles = useStyles();
  const containers = useContainers(account.connectionId);
  const list = containers.data ?? [];
  const [selectedName, setSelectedName] = useState(reveal?.path);
  const [revealed, setRevealed] = useState(reveal);
  if (reveal !== revealed) {
    setRevealed(reveal);
    if (reveal) setSelectedName(reveal.path);
  }
  const selected = list.findIndex((c) => c.name === selectedName);
  useEffect(() => {
    if (selected >= 0)
      document.getElementById(`container-row-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  // A folder attached by URL opens at that folder: its identity may list only there.
  const scope = useConnections().data?.find((c) => c.id === account.connectionId)?.scope;
  const open = (name: string | undefined) =>
    name !== undefined &&
    onOpen({ ...account, container: name, directory: scope ? scopeDirectory(scope) : '' });
  const onKeyDown = (e: KeyboardEvent) => {
    const to = (i: number) =>
      setSelectedName(list[Math.max(0, Math.min(list.length - 1, i))]?.name);
    const moves: Record<string, () => void> = {
      ArrowDown: () => to(selected + 1),
      ArrowUp: () => to(selected - 1),
      Home: () => to(0),
      End: () => to(list.length - 1),
      Enter: () => open(selectedName),
    };
    const move = moves[e.key];
    if (move && !e.altKey) {
      e.preventDefault();
      move();
    }
  };
  const count = `${list.length.toLocaleString('en-US')} ${list.length === 1 ? 'container' : 'containers'}`;
  return (
    <div className={styles.root}>
      <div className={styles.summary}>
        <Caption1>{containers.isPending ? 'Loading…' : count}</Caption1>
        {containers.isPending && <Spinner size="extra-tiny" aria-hidden />}
      </div>
      {containers.isError && (
        <>
          <ErrorNotice error={containers.error} title="Could not list the containers" />
          <UseAccountKeyOffer connectionId={account.connectionId} error={containers.error} />
        </>
      )}
      <div
        role="grid"
        aria-label="Containers"
        aria-rowcount={list.length + 1}
        aria-busy={containers.isPending}
        aria-activedescendant={selected >= 0 ? `container-row-${selected}` : undefined}
        tabIndex={0}
        className={styles.grid}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
            <div role="columnheader">Name</div>
            <div role="columnheader">Modified</div>
            <div role="columnheader">Public access</div>
          </div>
        </div>
        <div role="rowgroup" className={styles.body}>
          {containers.isSuccess && list.length === 0 && (
            <div className={styles.empty}>This account has no containers</div>
          )}
          {list.map((c, i) => (
            <div
              key={c.name}
              id={`container-row-${i}`}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={i === selected}
              className={mergeClasses(styles.row, i === selected && styles.selected)}
              onClick={() => setSelectedName(c.name)}
              onDoubleClick={() => open(c.name)}
            >
              <div role="gridcell" className={styles.cell} title={c.name}>
                <ArchiveRegular aria-hidden />
                <span>{c.name}</span>
              </div>
              <div role="gridcell" className={styles.cell}>
                {new Date(c.lastModified).toLocaleString()}
              </div>
              <div role="gridcell" className={styles.cell}>
                {publicAccessText[c.publicAccess]}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
