import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { usePasteQuestion } from './pasteConflicts.js';

/**
 * Asks what a copy paste does with names that exist in the destination, as transfers ask:
 * Replace, Keep both (copies under "name (1)"), Skip (copies only what is not there), or
 * Cancel (nothing is copied). One answer for the whole paste.
 */
export function PasteConflictDialog() {
  const conflict = usePasteQuestion();
  const onAnswer = (a: Parameters<NonNullable<typeof conflict>['answer']>[0]) =>
    conflict?.answer(a);
  return (
    <Dialog open={conflict !== undefined} onOpenChange={(_, d) => !d.open && onAnswer(undefined)}>
      <DialogSurface aria-label="Paste: names exist">
        <DialogBody>
          <DialogTitle>Paste: names exist</DialogTitle>
          <DialogContent>
            {conflict?.message} Nothing was copied yet. What should the paste do with them?
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer('rename')}>
              Keep both
            </Button>
            <Button onClick={() => onAnswer('overwrite')}>Replace</Button>
            <Button onClick={() => onAnswer('skip')}>Skip</Button>
            <Button appearance="subtle" onClick={() => onAnswer(undefined)}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
