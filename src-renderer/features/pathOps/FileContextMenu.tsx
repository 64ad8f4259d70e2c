import {
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  Tooltip,
  type PositioningVirtualElement,
} from '@fluentui/react-components';
import { useState, type ReactElement } from 'react';
import {
  ArrowSwapRegular,
  ClipboardPasteRegular,
  CopyRegular,
  CutRegular,
  DocumentCopyRegular,
  DeleteRegular,
  InfoRegular,
  KeyRegular,
  LinkRegular,
  TableSearchRegular,
  RenameRegular,
} from '@fluentui/react-icons';
import type { PathEntry } from '../../../shared/contract/index.js';
import { ConvertDialog } from '../query/ConvertDialog.js';
import { ConvertFolderDialog } from '../query/ConvertFolderDialog.js';
import { isConvertible } from '../query/convertForm.js';
import type { QueryTarget } from '../query/queryTable.js';
import { shortcutOf } from '../shell/commandTable.js';
import type { CommandPlace, PathCommand, PathCommands } from './usePathCommands.js';

/** Where the menu opens: the pointer of a right-click, or the focused row for Shift+F10. */
export interface MenuPoint {
  x: number;
  y: number;
}

const at = ({ x, y }: MenuPoint): PositioningVirtualElement => ({
  getBoundingClientRect: () => DOMRect.fromRect({ x, y, width: 0, height: 0 }),
});

/**
 * The file list's context menu (right-click on a row, Shift+F10 or the Menu key): the same
 * commands as the toolbar, each with its key. The tree opens it for a folder with `place`: where
 * that folder lives, and the folder itself for Paste. A command the connection's credential does
 * not allow is off, with the reason in its tooltip. On one CSV, TSV, NDJSON or Parquet file,
 * "Convert…" opens the Convert dialog on it directly (as the Query with SQL dialog's does); on
 * a folder, the folder's Convert dialog (every convertible file under it, one job each).
 */
export function FileContextMenu({
  point,
  onClose,
  commands,
  entry,
  selection,
  showProperties,
  onQuery,
  onShareSas,
  place,
}: {
  /** Open at this point; undefined: closed. */
  point: MenuPoint | undefined;
  onClose: () => void;
  commands: PathCommands;
  entry: PathEntry | undefined;
  selection: PathEntry[];
  showProperties: () => void;
  /** Opens "Query with SQL" on the entry (a file, a folder or a Delta table). */
  onQuery?: () => void;
  /** Opens "Copy URL with SAS" on the entry (a file, or a folder of an HNS account). */
  onShareSas?: () => void;
  /** Where the commands act when not on the shown directory (a tree folder's menu). */
  place?: CommandPlace;
}) {
  const several = selection.length > 1;
  // Convert… opens its dialog here (mounted while open), on the entry where the commands act.
  const [converting, setConverting] = useState<QueryTarget>();
  const location = place?.location ?? commands.shown;
  const convertTarget: QueryTarget | undefined =
    entry && location && !several
      ? {
          connectionId: location.connectionId,
          container: location.container,
          path: entry.path,
          kind: entry.kind === 'directory' ? 'directory' : 'file',
        }
      : undefined;
  const closeConvert = () => {
    setConverting(undefined);
    // As the menu's own closing: the focus goes back where it belongs (the file list).
    onClose();
  };
  const run = (command: Parameters<PathCommands['run']>[0]) => () =>
    commands.run(command, entry, selection, place);
  const guarded = (command: PathCommand, icon: ReactElement, label: string, disabled = false) => {
    const refused = commands.refusal(command, place);
    const item = (
      <MenuItem
        icon={icon}
        secondaryContent={shortcutOf(command)}
        disabled={disabled || refused !== undefined}
        onClick={run(command)}
      >
        {label}
      </MenuItem>
    );
    return refused ? (
      <Tooltip content={refused} relationship="description" withArrow>
        {item}
      </Tooltip>
    ) : (
      item
    );
  };
  return (
    <>
      <Menu
        open={point !== undefined}
        onOpenChange={(_, d) => !d.open && onClose()}
        positioning={point ? { target: at(point), position: 'below', align: 'start' } : undefined}
      >
        <MenuPopover>
          <MenuList aria-label="File actions">
            {guarded('rename', <RenameRegular aria-hidden />, 'Rename or move…')}
            {guarded(
              'delete',
              <DeleteRegular aria-hidden />,
              several ? `Delete ${selection.length} items…` : 'Delete…',
            )}
            {guarded('cut', <CutRegular aria-hidden />, 'Cut')}
            {guarded('copy', <DocumentCopyRegular aria-hidden />, 'Copy')}
            {guarded(
              'paste',
              <ClipboardPasteRegular aria-hidden />,
              'Paste here',
              commands.pasteMode === undefined,
            )}
            <MenuDivider />
            {onQuery && (
              <MenuItem
                icon={<TableSearchRegular aria-hidden />}
                secondaryContent={shortcutOf('querySql')}
                disabled={!entry}
                onClick={onQuery}
              >
                Query with SQL…
              </MenuItem>
            )}
            {convertTarget &&
              (convertTarget.kind === 'directory' || isConvertible(convertTarget)) && (
                <MenuItem
                  icon={<ArrowSwapRegular aria-hidden />}
                  onClick={() => setConverting(convertTarget)}
                >
                  Convert…
                </MenuItem>
              )}
            <MenuItem
              icon={<LinkRegular aria-hidden />}
              disabled={!entry}
              onClick={() => entry && commands.copyLink(entry, 'url', place)}
            >
              Copy URL
            </MenuItem>
            <MenuItem
              icon={<CopyRegular aria-hidden />}
              disabled={!entry}
              onClick={() => entry && commands.copyLink(entry, 'abfss', place)}
            >
              Copy abfss path
            </MenuItem>
            {onShareSas && (
              <MenuItem icon={<KeyRegular aria-hidden />} disabled={!entry} onClick={onShareSas}>
                Copy URL with SAS…
              </MenuItem>
            )}
            <MenuItem
              icon={<InfoRegular aria-hidden />}
              secondaryContent={shortcutOf('properties')}
              disabled={!entry}
              onClick={showProperties}
            >
              Properties
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {converting?.kind === 'directory' && (
        <ConvertFolderDialog target={converting} onClose={closeConvert} />
      )}
      {converting?.kind === 'file' && <ConvertDialog target={converting} onClose={closeConvert} />}
    </>
  );
}
