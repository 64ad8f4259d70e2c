import {
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular, DismissRegular } from '@fluentui/react-icons';
import { Fragment, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PathProperties } from '../../../shared/contract/index.js';
import { exactSize, formatSize } from '../files/formatSize.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { useSidePaneStyles } from '../shell/sidePaneStyles.js';
import { AccessControlEditor } from './AccessControlEditor.js';
import { FolderStats } from './FolderStats.js';
import { MetadataEditor } from './MetadataEditor.js';
import { ShareWithSas } from './ShareWithSas.js';
import { useAccountDescription } from '../../api/hooks.js';
import { useAccessControl, usePathProperties, type PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  /** The pane scrolls as a whole and takes focus on opening. */
  root: {
    overflowY: 'auto',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  copies: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

/** A date for people, with the ISO text as its tooltip; empty when absent. */
const when = (iso: string | undefined) =>
  iso ? (
    <time dateTime={iso} title={iso}>
      {new Date(iso).toLocaleString()}
    </time>
  ) : undefined;

/** The read-only facts of a path as label → value pairs; absent values are left out. */
function Facts({ p }: { p: PathProperties }) {
  const styles = useStyles();
  const lease = [p.leaseState, p.leaseStatus].filter(Boolean).join(' / ');
  const facts: [string, ReactNode][] = [
    ['Name', p.path.split('/').pop() || p.path],
    ['Path', p.path],
    ['Kind', p.kind === 'file' ? 'File' : 'Directory'],
    // Under 1 KiB both spellings are the same ('6 bytes'), so once.
    [
      'Size',
      p.kind === 'file'
        ? p.size < 1024
          ? exactSize(p.size)
          : `${exactSize(p.size)} (${formatSize(p.size)})`
        : undefined,
    ],
    ['Content type', p.contentType],
    ['Content encoding', p.contentEncoding],
    ['Content-MD5', p.contentMD5],
    ['ETag', p.etag],
    ['Last modified', when(p.lastModified)],
    ['Created', when(p.createdOn)],
    ['Access tier', p.accessTier],
    ['Lease', lease || undefined],
    [
      'Server encryption',
      p.serverEncrypted === undefined ? undefined : p.serverEncrypted ? 'Yes' : 'No',
    ],
  ];
  return (
    <dl className={styles.fields} aria-label="Facts">
      {facts
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([label, value]) => (
          <div key={label} className={styles.pair}>
            <dt className={styles.term}>{label}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** "Copy URL" and "Copy abfss path", with a short confirmation. */
function CopyButtons({ p }: { p: PathProperties }) {
  const styles = useStyles();
  const [status, setStatus] = useState('');
  const copy = (what: string, text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setStatus(`${what} copied`),
      (e: unknown) => setStatus(`Could not copy: ${e instanceof Error ? e.message : String(e)}`),
    );
  return (
    <div className={styles.copies}>
      <Button size="small" icon={<CopyRegular />} onClick={() => void copy('URL', p.url)}>
        Copy URL
      </Button>
      <Button
        size="small"
        icon={<CopyRegular />}
        onClick={() => void copy('abfss path', p.abfssPath)}
      >
        Copy abfss path
      </Button>
      <Caption1 role="status">{status}</Caption1>
    </div>
  );
}

/** The Access control section: only on HNS accounts, hidden on flat ones. */
function AccessControlSection({ target, hns }: { target: PropertiesTarget; hns: boolean }) {
  const access = useAccessControl(target, hns);
  if (!hns) return null;
  if (access.error)
    return <ErrorNotice error={access.error} title="Could not read access control" />;
  if (!access.data) return <Spinner size="tiny" label="Reading access control…" />;
  return <AccessControlEditor target={target} accessControl={access.data} />;
}

/**
 * The Properties side pane of one file or directory (region "Properties"; Escape closes):
 * its facts, folder statistics (directories), Copy URL / abfss path, a URL with a user
 * delegation SAS (files), editable content type
 * and metadata, and on HNS accounts
 * its access control.
 */
export function PropertiesPanel({
  connectionId,
  container,
  entry,
  onClose,
}: PropertiesTarget & { onClose(): void }) {
  const styles = useStyles();
  const pane = useSidePaneStyles();
  const target: PropertiesTarget = { connectionId, container, entry };
  const properties = usePathProperties(target);
  const account = useAccountDescription(connectionId);
  const region = useRef<HTMLElement>(null);
  // Focus moves in once, on opening; later selections in the file list keep the list focused.
  useEffect(() => region.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Dialogs render in portals; their Escape bubbles here through React but not through the DOM.
    if (e.key === 'Escape' && e.currentTarget.contains(e.target as Node)) {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <section
      ref={region}
      className={mergeClasses(pane.root, styles.root)}
      aria-label="Properties"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className={pane.header}>
        <Subtitle2 as="h2" className={pane.title}>
          Properties of {entry.path.split('/').pop() || container}
        </Subtitle2>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close properties"
          onClick={onClose}
        />
      </div>
      {properties.isPending && <Spinner size="tiny" label="Reading properties…" />}
      {properties.isError && (
        <ErrorNotice error={properties.error} title="Could not read properties" />
      )}
      {properties.data && (
        <Fragment key={`${connectionId}/${container}/${entry.path}`}>
          <Facts p={properties.data} />
          {entry.kind === 'directory' && <FolderStats target={target} />}
          <CopyButtons p={properties.data} />
          {(entry.kind === 'file' || account.data?.namespace === 'hns') && (
            <ShareWithSas
              target={{
                connectionId: target.connectionId,
                container: target.container,
                path: entry.path,
                kind: entry.kind === 'file' ? 'file' : 'folder',
              }}
            />
          )}
          {properties.data.etag !== undefined ? (
            <MetadataEditor target={target} properties={properties.data} />
          ) : (
            <Caption1>
              This folder exists only as a name prefix of the blobs in it, so it has no metadata.
            </Caption1>
          )}
          {account.isError && (
            <ErrorNotice error={account.error} title="Could not tell the account kind" />
          )}
          {account.data && (
            <AccessControlSection target={target} hns={account.data.namespace === 'hns'} />
          )}
        </Fragment>
      )}
    </section>
  );
}
