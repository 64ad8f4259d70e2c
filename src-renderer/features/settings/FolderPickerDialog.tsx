import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpRegular, FolderRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { DialogShell } from '../shell/DialogShell.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    maxHeight: '320px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  path: { wordBreak: 'break-all', marginBottom: tokens.spacingVerticalS },
});

/**
 * The in-app folder picker of browser mode (a page cannot open the OS folder dialog): shows
 * the sub-folders of a local folder, Up goes to the parent, a click or Enter opens a folder,
 * "Choose this folder" returns the folder shown.
 */
export function FolderPickerDialog({
  open,
  start,
  onChoose,
  onCancel,
}: {
  open: boolean;
  /** The folder shown first (the current download folder). */
  start: string | undefined;
  onChoose: (folder: string) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const client = useClient();
  const [at, setAt] = useState(start);
  const listing = useQuery({
    queryKey: ['local.listFolders', at ?? ''],
    queryFn: async () => unwrap(await client.call('local.listFolders', at ? { path: at } : {})),
    enabled: open,
  });
  const shown = listing.data;
  const join = (name: string) =>
    shown
      ? `${shown.path.replace(/[\\/]+$/, '')}${shown.path.includes('\\') ? '\\' : '/'}${name}`
      : name;
  return (
    <DialogShell
      open={open}
      onClose={onCancel}
      label="Choose a folder"
      title="Choose a folder"
      footer={
        <>
          <Button appearance="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            appearance="primary"
            disabled={!shown}
            onClick={() => shown && onChoose(shown.path)}
          >
            Choose this folder
          </Button>
        </>
      }
    >
      <Body1 className={styles.path} aria-live="polite">
        {shown?.path ?? 'Loading…'}
      </Body1>
      {listing.error ? <ErrorNotice error={listing.error} /> : null}
      <Button
        icon={<ArrowUpRegular aria-hidden />}
        disabled={!shown?.parent}
        onClick={() => shown?.parent && setAt(shown.parent)}
      >
        Up
      </Button>
      <ul className={styles.list} aria-label="Folders">
        {shown?.folders.map((name) => (
          <li key={name}>
            <Button
              appearance="subtle"
              icon={<FolderRegular aria-hidden />}
              onClick={() => setAt(join(name))}
            >
              {name}
            </Button>
          </li>
        ))}
        {shown && shown.folders.length === 0 ? <li>No sub-folders</li> : null}
      </ul>
    </DialogShell>
  );
}
