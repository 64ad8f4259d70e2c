import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  ToolbarButton,
  ToolbarDivider,
} from '@fluentui/react-components';
import {
  ClipboardPasteRegular,
  CopyRegular,
  CutRegular,
  DocumentCopyRegular,
  DeleteRegular,
  FolderAddRegular,
  InfoRegular,
  LinkRegular,
  RenameRegular,
} from '@fluentui/react-icons';
import type { PathEntry } from '../../../shared/contract/index.js';
import type { PathCommands } from './usePathCommands.js';

/**
 * The toolbar's path commands, each naming its key: New folder, Rename, Delete, Cut, Copy, Paste,
 * Copy link (blob URL or abfss path) and, when the owner offers it, Properties.
 */
export function PathToolbarButtons({
  commands,
  canCreate,
  selected,
  selection,
  showProperties,
}: {
  commands: PathCommands;
  /** A directory is shown (new folders go there). */
  canCreate: boolean;
  /** The entry under the list's cursor. */
  selected: PathEntry | undefined;
  /** The selected entries (Delete and Cut act on all of them). */
  selection: PathEntry[];
  /** Opens the Properties pane for the selection; absent: no such button. */
  showProperties?: () => void;
}) {
  const on = (command: Parameters<PathCommands['run']>[0]) => () =>
    commands.run(command, selected, selection);
  return (
    <>
      <ToolbarDivider />
      <ToolbarButton
        icon={<FolderAddRegular aria-hidden />}
        disabled={!canCreate}
        title="New folder (Ctrl+Shift+N)"
        onClick={on('newFolder')}
      >
        New folder
      </ToolbarButton>
      <ToolbarButton
        icon={<RenameRegular aria-hidden />}
        disabled={!selected}
        title="Rename or move (F2)"
        onClick={on('rename')}
      >
        Rename
      </ToolbarButton>
      <ToolbarButton
        icon={<DeleteRegular aria-hidden />}
        disabled={!selected}
        title="Delete (Del)"
        onClick={on('delete')}
      >
        Delete
      </ToolbarButton>
      <ToolbarButton
        icon={<CutRegular aria-hidden />}
        disabled={!selected}
        title="Cut to move (Ctrl+X)"
        aria-label="Cut"
        onClick={on('cut')}
      />
      <ToolbarButton
        icon={<DocumentCopyRegular aria-hidden />}
        disabled={!selected}
        title="Copy, to paste into any folder of any connection (Ctrl+C)"
        aria-label="Copy"
        onClick={on('copy')}
      />
      <ToolbarButton
        icon={<ClipboardPasteRegular aria-hidden />}
        disabled={commands.pasteMode === undefined || !canCreate}
        title={
          commands.pasteMode === 'copy'
            ? 'Paste here, copying what was copied (Ctrl+V)'
            : 'Paste here, moving what was cut (Ctrl+V)'
        }
        aria-label="Paste"
        onClick={on('paste')}
      />
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <ToolbarButton
            icon={<LinkRegular aria-hidden />}
            disabled={!selected}
            aria-label="Copy link"
            title="Copy the URL or abfss path"
          />
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<LinkRegular aria-hidden />}
              onClick={() => selected && commands.copyLink(selected, 'url')}
            >
              Copy URL
            </MenuItem>
            <MenuItem
              icon={<CopyRegular aria-hidden />}
              onClick={() => selected && commands.copyLink(selected, 'abfss')}
            >
              Copy abfss path
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {showProperties && (
        <ToolbarButton
          icon={<InfoRegular aria-hidden />}
          disabled={!selected}
          title="Properties (Alt+Enter)"
          aria-label="Properties"
          onClick={showProperties}
        />
      )}
    </>
  );
}
