import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useRemoveConnection } from '../../api/hooks.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

/** Confirms removing a saved connection (its secret goes too; nothing in storage is touched). */
export function RemoveConnectionDialog({
  connection,
  onClose,
}: {
  connection: { id: string; name: string } | undefined;
  onClose: (removed: boolean) => void;
}) {
  const remove = useRemoveConnection();
  const close = (removed: boolean) => {
    remove.reset();
    onClose(removed);
  };
  return (
    <Dialog
      open={connection !== undefined}
      onOpenChange={(_, d) => !d.open && !remove.isPending && close(false)}
    >
      <DialogSurface aria-label="Remove connection">
        <DialogBody>
          <DialogTitle>Remove connection</DialogTitle>
          <DialogContent>
            Remove “{connection?.name}” and its saved credentials from Lakeshore? The data in the
            storage account is not touched.
            {remove.isError && <ErrorNotice error={remove.error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => close(false)} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              disabled={remove.isPending}
              onClick={() =>
                connection && remove.mutate(connection.id, { onSuccess: () => close(true) })
              }
            >
              Remove
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
