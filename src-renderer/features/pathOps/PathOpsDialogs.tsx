import {
  DeleteContainerDialog,
  NewContainerDialog,
  type ContainerRef,
} from './ContainerDialogs.js';
import { DeleteDialog } from './DeleteDialog.js';
import { NewFolderDialog } from './NewFolderDialog.js';
import { PasteConflictDialog } from './PasteConflictDialog.js';
import { RenameDialog } from './RenameDialog.js';
import type { PathCommands } from './usePathCommands.js';
import { joinPath } from './validateName.js';

/**
 * The dialog `commands` has open, if any (new folder, rename or move, delete, new or delete
 * container), or the question a copy paste asks about names that exist. `onDone` runs after a path dialog closes, to return focus to the file list and
 * select what was created or moved (its full path); `onContainerDeleted` after a container is
 * deleted, to stop showing it.
 */
export function PathOpsDialogs({
  commands,
  onDone,
  onContainerDeleted,
}: {
  commands: PathCommands;
  onDone: (select?: string) => void;
  onContainerDeleted: (container: ContainerRef) => void;
}) {
  const { dialog } = commands;
  const close = (select?: string) => {
    commands.closeDialog();
    onDone(select);
  };
  return (
    <>
      <NewFolderDialog
        location={dialog?.kind === 'newFolder' ? dialog.location : undefined}
        onClose={(created) =>
          close(
            created && dialog?.kind === 'newFolder'
              ? joinPath(dialog.location.directory, created)
              : undefined,
          )
        }
      />
      <RenameDialog
        target={dialog?.kind === 'rename' ? dialog.target : undefined}
        onClose={close}
      />
      <DeleteDialog
        target={dialog?.kind === 'delete' ? dialog.target : undefined}
        onClose={() => close()}
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
      <PasteConflictDialog />
    </>
  );
}
