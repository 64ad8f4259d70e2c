import { DialogShell } from '../shell/DialogShell.js';
import { ShareWithSas, type SasShareTarget } from './ShareWithSas.js';

/**
 * "Copy URL with SAS" from a file's or folder's context menu: the Properties pane's share form
 * in a dialog, titled with the name it shares. Closed while `target` is undefined.
 */
export function SasDialog({
  target,
  onClose,
}: {
  target: SasShareTarget | undefined;
  onClose: () => void;
}) {
  const name = target?.path.split('/').pop() ?? '';
  return (
    <DialogShell
      open={target !== undefined}
      onClose={onClose}
      label="Copy URL with SAS"
      title={`Copy URL with SAS: ${name}${target?.kind === 'folder' ? '/' : ''}`}
    >
      {target && (
        <ShareWithSas key={`${target.container}/${target.path}`} target={target} heading={false} />
      )}
    </DialogShell>
  );
}
