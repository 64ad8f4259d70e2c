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
import { shortcutOf } from '../shell/commandTable.js';
import { ToolbarAction, ToolbarGroupDivider } from '../shell/MainToolbar.js';
import { refusedTitle } from './commandAbilities.js';
import type { PathCommands } from './usePathCommands.js';

/**
 * The toolbar's path commands, each naming its key: New folder, Rename, Delete, Cut, Copy, Paste,
 * Copy link (blob URL or abfss path) and, when the owner offers it, Properties. An action the
 * connection's credential does not allow is off, its tooltip saying why.
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
  const refused = {
    newFolder: commands.refusal('newFolder'),
    rename: commands.refusal('rename'),
    delete: commands.refusal('delete'),
    cut: commands.refusal('cut'),
    copy: commands.refusal('copy'),
    paste: commands.refusal('paste'),
  };
  return (
    <>
      <ToolbarGroupDivider groupId="path" />
      <ToolbarAction
        id="new-folder"
        groupId="path"
        label="New folder"
        icon={<FolderAddRegular aria-hidden />}
        disabled={!canCreate || refused.newFolder !== undefined}
        title={refusedTitle(`New folder (${shortcutOf('newFolder')})`, refused.newFolder)}
        onClick={on('newFolder')}
      />
      <ToolbarAction
        id="rename"
        groupId="path"
        label="Rename"
        icon={<RenameRegular aria-hidden />}
        disabled={!selected || refused.rename !== undefined}
        title={refusedTitle(`Rename or move (${shortcutOf('rename')})`, refused.rename)}
        onClick={on('rename')}
      />
      <ToolbarAction
        id="delete"
        groupId="path"
        label="Delete"
        icon={<DeleteRegular aria-hidden />}
        disabled={!selected || refused.delete !== undefined}
        title={refusedTitle(`Delete (${shortcutOf('delete')})`, refused.delete)}
        onClick={on('delete')}
      />
      <ToolbarAction
        id="cut"
        groupId="path"
        label="Cut"
        iconOnly
        icon={<CutRegular aria-hidden />}
        disabled={!selected || refused.cut !== undefined}
        title={refusedTitle(`Cut to move (${shortcutOf('cut')})`, refused.cut)}
        onClick={on('cut')}
      />
      <ToolbarAction
        id="copy"
        groupId="path"
        label="Copy"
        iconOnly
        icon={<DocumentCopyRegular aria-hidden />}
        disabled={!selected || refused.copy !== undefined}
        title={refusedTitle(
          `Copy, to paste into any folder of any connection (${shortcutOf('copy')})`,
          refused.copy,
        )}
        onClick={on('copy')}
      />
      <ToolbarAction
        id="paste"
        groupId="path"
        label="Paste"
        iconOnly
        icon={<ClipboardPasteRegular aria-hidden />}
        disabled={commands.pasteMode === undefined || !canCreate || refused.paste !== undefined}
        title={refusedTitle(
          commands.pasteMode === 'copy'
            ? `Paste here, copying what was copied (${shortcutOf('paste')})`
            : `Paste here, moving what was cut (${shortcutOf('paste')})`,
          refused.paste,
        )}
        onClick={on('paste')}
      />
      <ToolbarAction
        id="copy-link"
        groupId="path"
        label="Copy link"
        iconOnly
        icon={<LinkRegular aria-hidden />}
        disabled={!selected}
        title="Copy the URL or abfss path"
        items={[
          {
            label: 'Copy URL',
            icon: <LinkRegular aria-hidden />,
            onClick: () => selected && commands.copyLink(selected, 'url'),
          },
          {
            label: 'Copy abfss path',
            icon: <CopyRegular aria-hidden />,
            onClick: () => selected && commands.copyLink(selected, 'abfss'),
          },
        ]}
      />
      {showProperties && (
        <ToolbarAction
          id="properties"
          groupId="path"
          label="Properties"
          iconOnly
          icon={<InfoRegular aria-hidden />}
          disabled={!selected}
          title={`Properties (${shortcutOf('properties')})`}
          onClick={showProperties}
        />
      )}
    </>
  );
}
