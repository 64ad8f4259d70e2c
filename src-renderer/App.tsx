import { Button, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { ConnectionSummary, PathEntry } from '../shared/contract/index.js';
import { queryKeys, useClient, useConnections } from './api/hooks.js';
import { useEntraAccounts } from './api/authHooks.js';
import { AddConnectionDialog } from './features/connections/AddConnectionDialog.js';
import { RemoveConnectionDialog } from './features/connections/RemoveConnectionDialog.js';
import { Welcome } from './features/connections/Welcome.js';
import { Breadcrumbs } from './features/files/Breadcrumbs.js';
import { scopeDirectory } from './features/tree/ConnectionBranch.js';
import { FileList, type ListCommand } from './features/files/FileList.js';
import { FileContextMenu, type MenuPoint } from './features/pathOps/FileContextMenu.js';
import { QueryDialog } from './features/query/QueryDialog.js';
import { SasDialog } from './features/properties/SasDialog.js';
import type { SasShareTarget } from './features/properties/ShareWithSas.js';
import { useQueryCommand } from './features/query/useQueryCommand.js';
import { PathOpsDialogs } from './features/pathOps/PathOpsDialogs.js';
import { DeletedItemsButton } from './features/pathOps/DeletedItemsDialog.js';
import { PathToolbarButtons } from './features/pathOps/PathToolbarButtons.js';
import { OperationsContext, useOperationsState } from './features/pathOps/useOperations.js';
import { usePathCommands } from './features/pathOps/usePathCommands.js';
import { PropertiesPanel } from './features/properties/PropertiesPanel.js';
import { PreviewPane } from './features/preview/PreviewPane.js';
import { DropZone } from './features/transfers/DropZone.js';
import type { DroppedFile } from './features/transfers/droppedFiles.js';
import { TransfersPanel } from './features/transfers/TransfersPanel.js';
import { UploadDownloadButtons } from './features/transfers/UploadDownloadButtons.js';
import { useTransferActions } from './features/transfers/useTransferActions.js';
import { previewTargetFor } from './features/preview/previewTargetFor.js';
import { useTableFormat } from './features/preview/usePreview.js';
import { ErrorNotice } from './features/shell/ErrorNotice.js';
import { LinkBanner } from './features/shell/LinkBanner.js';
import { isBrowseLocation, type BrowseLocation } from './features/shell/location.js';
import { useRememberedLocation } from './features/shell/useRememberedLocation.js';
import { MainToolbar, ToolbarAction } from './features/shell/MainToolbar.js';
import { paneLimits, usePaneWidths } from './features/shell/paneWidths.js';
import { Splitter } from './features/shell/Splitter.js';
import { NavigationButtons } from './features/shell/NavigationButtons.js';
import { StatusBar } from './features/shell/StatusBar.js';
import { useNavigation } from './features/shell/useNavigation.js';
import { ContainerList } from './features/tree/ContainerList.js';
import { StorageTree } from './features/tree/StorageTree.js';

const useStyles = makeStyles({
  // The window is a column of bars that keep their height (toolbar, notices, Transfers, status
  // bar) around the panes, which take the rest; only regions inside the panes scroll.
  app: { display: 'flex', flexDirection: 'column', height: '100vh', overflow: 'hidden' },
  bar: { flexShrink: 0 },
  // Transfers and the status bar sit at the bottom even when the body is short (Welcome).
  bottom: { flexShrink: 0, marginTop: 'auto' },
  panes: {
    display: 'grid',
    gridTemplateRows: 'minmax(0, 1fr)',
    minHeight: 0,
    flex: '1 1 0',
  },
  tree: {
    overflow: 'auto',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingVerticalS,
  },
  main: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 },
  content: {
    display: 'grid',
    gridTemplateColumns: '1fr',
    gridTemplateRows: 'minmax(0, 1fr)',
    minHeight: 0,
    flex: '1 1 0',
  },
  crumbs: {
    flexShrink: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  hint: { padding: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground3 },
  notice: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** The window's state of long-running operations, provided to everything under it. */
export function App() {
  const operations = useOperationsState();
  return (
    <OperationsContext.Provider value={operations}>
      <Window />
    </OperationsContext.Provider>
  );
}

/** The folder connection `id` is attached to (`''`: none, or not known yet). */
const attachedRoot = (connections: ConnectionSummary[] | undefined, id: string): string => {
  const scope = connections?.find((c) => c.id === id)?.scope;
  return scope ? scopeDirectory(scope) : '';
};

/**
 * The window: toolbar, the storage tree, breadcrumbs and file list of what is selected, the
 * preview or Properties pane, transfers and operations, and a status bar.
 */
function Window() {
  const styles = useStyles();
  const panes = usePaneWidths();
  const queryClient = useQueryClient();
  const connections = useConnections();
  // Where the window is (an account's containers or a directory) and where it has been.
  const rootOf = useCallback(
    (id: string) => attachedRoot(connections.data, id),
    [connections.data],
  );
  const navigation = useNavigation(rootOf);
  const place = navigation.place;
  const location = isBrowseLocation(place) ? place : undefined;
  const account = isBrowseLocation(place) ? undefined : place;
  const [adding, setAdding] = useState(false);
  // Where Add connection was opened from, focused again when it closes.
  const addingFrom = useRef<HTMLElement | null>(null);
  const openAdding = () => {
    addingFrom.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAdding(true);
  };
  const [removing, setRemoving] = useState<{ id: string; name: string }>();
  const [selectedEntry, setSelectedEntry] = useState<PathEntry>();
  const [selection, setSelection] = useState<PathEntry[]>([]);
  const [previewOpen, setPreviewOpen] = useState(true);
  const [propertiesOpen, setPropertiesOpen] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusList = useCallback(() => gridRef.current?.focus(), []);
  const reveal = navigation.reveal;
  // A tree folder's context menu: the file list's menu, acting on that folder where it lives.
  const [folderMenu, setFolderMenu] = useState<{
    folder: BrowseLocation;
    entry: PathEntry;
    point: MenuPoint;
  }>();
  const commands = usePathCommands(location);
  const query = useQueryCommand(location, selectedEntry);
  const [menuPoint, setMenuPoint] = useState<MenuPoint>();
  const [sharing, setSharing] = useState<SasShareTarget>();
  const share = (entry: PathEntry | undefined, at: BrowseLocation | undefined) =>
    entry &&
    at &&
    setSharing({
      connectionId: at.connectionId,
      container: at.container,
      path: entry.path,
      kind: entry.kind === 'file' ? 'file' : 'folder',
    });
  const onListCommand = (command: ListCommand, entry: PathEntry | undefined, all: PathEntry[]) =>
    command === 'properties' ? entry && setPropertiesOpen(true) : commands.run(command, entry, all);
  const client = useClient();
  const select = navigation.go;
  useRememberedLocation(place, select, connections.data);
  // Selecting an entry opens the preview (Escape closed it until then).
  const selectEntry = useCallback((e: PathEntry | undefined) => {
    setSelectedEntry(e);
    if (e) setPreviewOpen(true);
  }, []);
  const closePreview = useCallback(() => {
    setPreviewOpen(false);
    void client.call('paths.cancelPreview', {});
  }, [client]);
  const selectedDirectory = selectedEntry?.kind === 'directory' ? selectedEntry.path : undefined;
  const tableFormat = useTableFormat(
    location?.connectionId,
    location?.container,
    selectedDirectory,
  );
  const propertiesEntry = propertiesOpen ? selectedEntry : undefined;
  const previewTarget = previewTargetFor(
    location,
    previewOpen && !propertiesEntry ? selectedEntry : undefined,
    tableFormat.data?.format,
  );
  const transfer = useTransferActions(location);
  const { upload } = transfer;
  const dropIntoTree = useCallback(
    (into: BrowseLocation, files: DroppedFile[], topLevel: File[]) =>
      void upload(files, topLevel, into),
    [upload],
  );
  // A folder's listing, and its connection's containers in the tree (made or removed elsewhere).
  const refresh = () =>
    location
      ? Promise.all([
          queryClient.invalidateQueries({
            queryKey: queryKeys.directory(
              location.connectionId,
              location.container,
              location.directory,
            ),
          }),
          queryClient.invalidateQueries({ queryKey: queryKeys.containers(location.connectionId) }),
        ])
      : place
        ? queryClient.invalidateQueries({ queryKey: queryKeys.containers(place.connectionId) })
        : queryClient.invalidateQueries({ queryKey: queryKeys.connections });

  const list = connections.data ?? [];
  // Signed-in accounts show their storage accounts in the tree, so they leave the welcome screen.
  const signedIn = useEntraAccounts();
  const [welcomeSignIn, setWelcomeSignIn] = useState(false);
  return (
    <div className={styles.app}>
      <MainToolbar
        aside={commands.notice && <Caption1 aria-live="polite">{commands.notice}</Caption1>}
      >
        <NavigationButtons navigation={navigation} />
        <ToolbarAction
          id="add-connection"
          groupId="connections"
          label="Add connection"
          icon={<AddRegular aria-hidden />}
          onClick={openAdding}
        />
        <ToolbarAction
          id="refresh"
          groupId="connections"
          label="Refresh"
          icon={<ArrowClockwiseRegular aria-hidden />}
          onClick={() => void refresh()}
        />
        <UploadDownloadButtons
          canUpload={location !== undefined}
          uploadRefusal={transfer.uploadRefusal}
          selected={selectedEntry}
          onUpload={(files, topLevel) => void transfer.upload(files, topLevel)}
          onPickFolder={transfer.uploadPickedFolder && (() => void transfer.uploadPickedFolder?.())}
          onDownload={(entry) => void transfer.download(entry)}
          downloadDirectory={transfer.downloadDirectory}
        />
        <PathToolbarButtons
          commands={commands}
          canCreate={location !== undefined}
          selected={selectedEntry}
          selection={selection}
          showProperties={() => setPropertiesOpen(true)}
        />
        <DeletedItemsButton location={location} />
      </MainToolbar>
      <div className={styles.bar}>
        <LinkBanner />
        {transfer.error && (
          <ErrorNotice error={transfer.error} title="The transfer did not start" />
        )}
        {commands.error !== undefined && (
          <div className={styles.notice}>
            <ErrorNotice error={commands.error} title="Not done" />
            <Button size="small" onClick={commands.dismiss}>
              Dismiss
            </Button>
          </div>
        )}
      </div>
      {connections.isPending ? (
        <Spinner label="Loading connections…" />
      ) : connections.isError ? (
        <ErrorNotice error={connections.error} title="Could not read saved connections" />
      ) : list.length === 0 && (!signedIn.data?.length || welcomeSignIn) ? (
        <Welcome
          onAddConnection={openAdding}
          onOpen={select}
          signingIn={welcomeSignIn}
          setSigningIn={setWelcomeSignIn}
        />
      ) : (
        <div
          className={styles.panes}
          style={{
            gridTemplateColumns: `minmax(${paneLimits.tree.min}px, ${panes.width('tree')}px) auto minmax(320px, 1fr)`,
          }}
        >
          <nav id="storage-tree-pane" className={styles.tree} aria-label="Storage tree">
            <StorageTree
              connections={list}
              selected={place}
              onSelect={select}
              onFolderMenu={(folder, entry, point) => setFolderMenu({ folder, entry, point })}
              onRemoveConnection={setRemoving}
              onDropFiles={dropIntoTree}
              onDropEntry={commands.dropEntry}
              onNewContainer={commands.newContainer}
              onDeleteContainer={commands.deleteContainer}
            />
          </nav>
          <Splitter
            pane="Storage tree"
            controls="storage-tree-pane"
            side="before"
            value={panes.width('tree')}
            {...paneLimits.tree}
            onChange={(w) => panes.change('tree', w)}
            onCommit={(w) => panes.commit('tree', w)}
          />
          <main className={styles.main}>
            {location ? (
              <>
                <div className={styles.crumbs}>
                  <Breadcrumbs
                    location={location}
                    root={rootOf(location.connectionId)}
                    onOpen={select}
                  />
                </div>
                <div
                  className={styles.content}
                  style={
                    previewTarget || propertiesEntry
                      ? {
                          // The list keeps at least 240 px; the pane gets its width up to that.
                          gridTemplateColumns: `minmax(240px, 1fr) auto minmax(${paneLimits.preview.min}px, ${panes.width('preview')}px)`,
                        }
                      : undefined
                  }
                >
                  <DropZone
                    onDrop={(files, topLevel) => void transfer.upload(files, topLevel)}
                    selection={selection}
                    {...(transfer.dragOut ? { dragOut: transfer.dragOut } : {})}
                  >
                    <FileList
                      location={location}
                      onOpen={select}
                      onSelectEntry={selectEntry}
                      onSelectionChange={setSelection}
                      onPreviewKey={(key) =>
                        key === 'open' ? setPreviewOpen(true) : closePreview()
                      }
                      onCommand={onListCommand}
                      cutPaths={commands.cutPaths}
                      gridRef={gridRef}
                      onContextMenu={setMenuPoint}
                      onDropEntry={commands.dropEntry}
                      reveal={reveal}
                    />
                  </DropZone>
                  {(previewTarget || propertiesEntry) && (
                    <Splitter
                      pane={propertiesEntry ? 'Properties' : 'Preview'}
                      side="after"
                      value={panes.width('preview')}
                      {...paneLimits.preview}
                      onChange={(w) => panes.change('preview', w)}
                      onCommit={(w) => panes.commit('preview', w)}
                    />
                  )}
                  {propertiesEntry && (
                    <PropertiesPanel
                      connectionId={location.connectionId}
                      container={location.container}
                      entry={propertiesEntry}
                      onClose={() => {
                        setPropertiesOpen(false);
                        focusList();
                      }}
                    />
                  )}
                  {previewTarget && (
                    <PreviewPane
                      target={previewTarget}
                      onClose={closePreview}
                      onDownload={() => selectedEntry && void transfer.download(selectedEntry)}
                      onOpen={
                        transfer.openFile && selectedEntry?.kind === 'file'
                          ? () => void transfer.openFile!(selectedEntry)
                          : undefined
                      }
                    />
                  )}
                </div>
              </>
            ) : account ? (
              <ContainerList account={account} onOpen={select} reveal={reveal} />
            ) : (
              <div className={styles.hint}>
                Open a connection in the tree and select a container or folder.
              </div>
            )}
          </main>
        </div>
      )}
      <div className={styles.bottom}>
        <TransfersPanel />
      </div>
      <FileContextMenu
        point={menuPoint}
        onClose={() => {
          setMenuPoint(undefined);
          focusList();
        }}
        commands={commands}
        entry={selectedEntry}
        selection={selection}
        showProperties={() => setPropertiesOpen(true)}
        onQuery={() => query.open(selectedEntry)}
        onShareSas={() => share(selectedEntry, location)}
      />
      <FileContextMenu
        point={folderMenu?.point}
        onClose={() => setFolderMenu(undefined)}
        commands={commands}
        entry={folderMenu?.entry}
        selection={folderMenu ? [folderMenu.entry] : []}
        place={
          folderMenu && {
            location: folderMenu.folder,
            pasteInto: { ...folderMenu.folder, directory: folderMenu.entry.path },
          }
        }
        showProperties={() => {
          if (!folderMenu) return;
          // Properties show beside the list: open the folder's parent with the folder selected.
          select(folderMenu.folder);
          navigation.revealPath(folderMenu.entry.path);
          setPropertiesOpen(true);
        }}
        onQuery={() => folderMenu && query.open(folderMenu.entry, folderMenu.folder)}
        onShareSas={() => share(folderMenu?.entry, folderMenu?.folder)}
      />
      <QueryDialog target={query.target} onClose={query.close} />
      <SasDialog target={sharing} onClose={() => setSharing(undefined)} />
      <PathOpsDialogs
        commands={commands}
        onDone={(path) => {
          if (path) navigation.revealPath(path);
          focusList();
        }}
        onContainerDeleted={(deleted) => {
          navigation.forget(
            (p) => p.connectionId === deleted.connection.id && p.container === deleted.container,
          );
        }}
      />
      <div className={styles.bar}>
        <StatusBar />
      </div>
      <AddConnectionDialog
        open={adding}
        onClose={() => {
          setAdding(false);
          addingFrom.current?.focus();
        }}
      />
      <RemoveConnectionDialog
        connection={removing}
        onClose={(removed) => {
          if (removed) navigation.forget((p) => p.connectionId === removing?.id);
          setRemoving(undefined);
        }}
      />
    </div>
  );
}
