import {
  DeleteContainerDialog,
  NewContainerDialog,
  type ContainerRef,
} from './ContainerDialogs.js';
import { DeleteDialog } from './DeleteDialog.js';
import { NewFolderDialog } from './NewFolderDialog.js';
import { RenameDialog } from './RenameDialog.js';
import type { PathCommands } from './usePathCommands.js';

/**
 * The dialog `commands` has open, if any (new folder, rename or move, delete, new or delete
 * container). `onDone` runs after each closes, to return focus to the file list;
 * `onContainerDeleted` after a container is deleted, to stop showing it.
 */
export function PathOpsDialogs({
  commands,
  onDone,
  onContainerDeleted,
}: {
  commands: PathCommands;
  onDone: () => void;
  onContainerDeleted: (container: ContainerRef) => void;
}) {
  const { dialog } = commands;
  const close = () => {
    commands.closeDialog();
    onDone();
  };
  return (
    <>
      <NewFolderDialog
        location={dialog?.kind === 'newFolder' ? dialog.location : undefined}
        onClose={close}
      />
      <RenameDialog
        target={dialog?.kind === 'rename' ? dialog.target : undefined}
        onClose={close}
      />
      <DeleteDialog
        target={dialog?.kind === 'delete' ? dialog.target : undefined}
        onClose={close}
      />
      <NewContainerDialog
        connection={dialog?.kind === 'newContainer' ? dialog.connection : undefined}
        onClose={commands.closeDialog}
      />
      <DeleteContainerDialog
        target={dialog?.kind === 'deleteContainer' ? dialog.target : undefined}
        onClose={(deleted) => {
          if (deleted && dialog?.kind === 'deleteContainer') onContainerDeleted(dialog.target);
          commands.closeDialog();
        }}
      />
    </>
  );
}
