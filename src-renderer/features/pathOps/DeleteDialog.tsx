import {
  Button,
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
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { useAccountDescription } from '../../api/hooks.js';
import { exactSize, formatSize } from '../files/formatSize.js';
import { DestructiveButton } from '../shell/DestructiveButton.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { BrowseLocation } from '../shell/location.js';
import { filesText, itemsText } from './formatOperation.js';
import { OperationStatus } from './OperationStatus.js';
import { deleteConsequenceText } from './softDeleteText.js';
import { useFolderCounts, type SelectionCount } from './useFolderCounts.js';
import { newOperationId, useOperationProgress } from './useOperations.js';
import { usePathActions } from './usePathActions.js';

/** Entries to delete and the directory the list shows them in. */
export interface DeleteTarget {
  location: BrowseLocation;
  entries: PathEntry[];
}

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  count: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/**
 * `2 files, 1.2 KiB` once counted; while counting (or when stopped) files and folders together,
 * as the count reports them: `Counting… 12,345 files and folders, 3.2 GiB so far`.
 */
const countText = (c: SelectionCount): string => {
  const sofar = `${c.items.toLocaleString('en-US')} files and folders, ${formatSize(c.bytes)}`;
  if (c.counting) return `Counting… ${sofar} so far`;
  if (c.partial) return `At least ${sofar} (not fully counted)`;
  return `${filesText(c.files)}, ${formatSize(c.bytes)}`;
};

/**
 * Confirms deleting the selected entries, naming them (one name or "N items"). Folders are
 * counted while the dialog is open (files and bytes stream in; "Stop counting" stops it); Delete
 * is enabled at once and stops the count first. It says whether the account keeps deleted blobs
 * (soft delete) and for how long. Deletion then runs with progress, Cancel and "Run in
 * background".
 */
export function DeleteDialog({
  target,
  onClose,
}: {
  target: DeleteTarget | undefined;
  /** Closed; `deleted` when the deletion completed. */
  onClose: (deleted: boolean) => void;
}) {
  const styles = useStyles();
  const actions = usePathActions();
  const account = useAccountDescription(target?.location.connectionId ?? '');
  const entries = target?.entries ?? [];
  const count = useFolderCounts(target?.location, entries);
  const [operationId, setOperationId] = useState<string>();
  const progress = useOperationProgress(operationId);
  const remove = useMutation({
    mutationFn: (id: string) => actions.remove(target!.location, entries, id),
  });
  const close = (deleted: boolean) => {
    remove.reset();
    setOperationId(undefined);
    onClose(deleted);
  };
  const start = async () => {
    const id = newOperationId();
    setOperationId(id);
    if (count.counting) await count.stop();
    remove.mutate(id, { onSuccess: () => close(true) });
  };
  const only = entries.length === 1 ? entries[0] : undefined;
  const what = only ? `“${only.name}”` : itemsText(entries.length);
  const hasFolders = entries.some((e) => e.kind === 'directory');
  return (
    <Dialog
      open={target !== undefined}
      onOpenChange={(_, d) => !d.open && !remove.isPending && close(false)}
    >
      <DialogSurface aria-label="Delete">
        <DialogBody>
          <DialogTitle>Delete {what}?</DialogTitle>
          <DialogContent className={styles.content}>
            <div>
              {only?.kind === 'directory'
                ? 'The folder and everything in it will be deleted.'
                : hasFolders
                  ? 'Folders are deleted with everything in them.'
                  : 'It will be deleted.'}{' '}
              {deleteConsequenceText(account.data)}
            </div>
            <div className={styles.count} aria-live="polite" aria-label="What will be deleted">
              {count.counting && <Spinner size="extra-tiny" aria-hidden />}
              <span title={exactSize(count.bytes)}>{countText(count)}</span>
              {count.counting && !remove.isPending && (
                <Button size="small" onClick={() => void count.stop()}>
                  Stop counting
                </Button>
              )}
            </div>
            {count.error && <div>Could not count everything: {count.error}</div>}
            {remove.isPending && <OperationStatus progress={progress} label={`Deleting ${what}`} />}
            {remove.isError && (
              <ErrorNotice error={remove.error} title="The delete did not complete" />
            )}
          </DialogContent>
          <DialogActions>
            {remove.isPending ? (
              <>
                <Button onClick={() => operationId && void actions.cancel(operationId)}>
                  Cancel delete
                </Button>
                <Button onClick={() => close(false)}>Run in background</Button>
              </>
            ) : (
              <>
                <Button onClick={() => close(false)}>Cancel</Button>
                <DestructiveButton onClick={() => void start()}>Delete</DestructiveButton>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
