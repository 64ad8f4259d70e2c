import {
  Body1,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowUndoRegular, DeleteDismissRegular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccountDescription, useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import type { BrowseLocation } from '../shell/location.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { ToolbarAction } from '../shell/MainToolbar.js';
import { softDeleteText } from './softDeleteText.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    maxHeight: '360px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground3 },
});

/**
 * "Show deleted" for flat accounts that keep deleted blobs (or cannot tell): the soft-deleted blobs below the folder shown (List Blobs
 * with deleted blobs), with their size, deletion time and days left; the checked ones come
 * back with "Undelete", and the folder listings refresh.
 */
export function DeletedItemsButton({ location }: { location: BrowseLocation | undefined }) {
  return location ? <DeletedItemsButtonFor location={location} /> : null;
}

function DeletedItemsButtonFor({ location }: { location: BrowseLocation }) {
  const account = useAccountDescription(location.connectionId);
  const [open, setOpen] = useState(false);
  if (account.data?.namespace !== 'flat' || account.data.softDelete.enabled === false) return null;
  return (
    <>
      <ToolbarAction
        id="show-deleted"
        groupId="deleted"
        label="Show deleted"
        icon={<DeleteDismissRegular aria-hidden />}
        title="Show deleted blobs (soft delete)"
        onClick={() => setOpen(true)}
      />
      <DeletedItemsDialog location={location} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function DeletedItemsDialog({
  location,
  open,
  onClose,
}: {
  location: BrowseLocation;
  open: boolean;
  onClose: () => void;
}) {
  const styles = useStyles();
  const client = useClient();
  const queryClient = useQueryClient();
  const { connectionId, container, directory } = location;
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const listing = useQuery({
    queryKey: ['paths.listDeleted', connectionId, container, directory],
    queryFn: async () =>
      unwrap(await client.call('paths.listDeleted', { connectionId, container, directory })),
    enabled: open,
    staleTime: 0,
  });
  const undelete = useMutation({
    mutationFn: async (paths: string[]) =>
      unwrap(await client.call('paths.undelete', { connectionId, container, paths })),
    onSuccess: async () => {
      setChecked(new Set());
      await queryClient.invalidateQueries({ queryKey: ['paths', connectionId, container] });
      await listing.refetch();
    },
  });
  const entries = listing.data?.entries ?? [];
  const shown = (path: string) => (directory ? path.slice(directory.length + 1) : path);
  const toggle = (path: string, on: boolean) =>
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Deleted blobs">
        <DialogBody>
          <DialogTitle>Deleted blobs in {directory || container}</DialogTitle>
          <DialogContent>
            {listing.isPending && <Spinner size="tiny" label="Listing deleted blobs…" />}
            {listing.error && <ErrorNotice error={listing.error} />}
            {listing.data && (
              <>
                <Body1 as="p">{softDeleteText(listing.data.softDelete)}</Body1>
                {entries.length === 0 ? (
                  <Body1 as="p">No deleted blobs here.</Body1>
                ) : (
                  <>
                    <Checkbox
                      label="Select all"
                      checked={
                        checked.size === entries.length ? true : checked.size > 0 ? 'mixed' : false
                      }
                      onChange={(_, d) =>
                        setChecked(new Set(d.checked ? entries.map((e) => e.path) : []))
                      }
                    />
                    <ul className={styles.list} aria-label="Deleted blobs">
                      {entries.map((e) => (
                        <li key={e.path} className={styles.row}>
                          <Checkbox
                            label={shown(e.path)}
                            checked={checked.has(e.path)}
                            onChange={(_, d) => toggle(e.path, d.checked === true)}
                          />
                          <span className={styles.meta}>
                            {formatSize(e.size)}
                            {e.deletedOn
                              ? ` · deleted ${new Date(e.deletedOn).toLocaleString()}`
                              : ''}
                            {e.remainingRetentionDays !== undefined
                              ? ` · ${e.remainingRetentionDays} days left`
                              : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                    {listing.data.truncated && (
                      <Body1 as="p">
                        Only the first {entries.length.toLocaleString()} are listed.
                      </Body1>
                    )}
                  </>
                )}
              </>
            )}
            {undelete.error && <ErrorNotice error={undelete.error} title="Not all were restored" />}
            {undelete.data && (
              <Body1 as="p" aria-live="polite">
                Restored {undelete.data.restored.toLocaleString()}.
              </Body1>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Close
            </Button>
            <Button
              appearance="primary"
              icon={<ArrowUndoRegular aria-hidden />}
              disabled={checked.size === 0 || undelete.isPending}
              onClick={() => undelete.mutate([...checked])}
            >
              {undelete.isPending
                ? 'Restoring…'
                : `Undelete${checked.size > 0 ? ` (${checked.size})` : ''}`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
