import { useCallback, useState } from 'react';
import type { LakeError, PathEntry } from '../../../shared/contract/index.js';
import { useKnownConnections } from '../../api/discoveryHooks.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { useSettings } from '../settings/useSettings.js';
import { abilitiesIn, refusalOf } from '../pathOps/commandAbilities.js';
import type { DraggedEntry } from '../pathOps/dragEntry.js';
import type { BrowseLocation } from '../shell/location.js';
import type { DroppedFile } from './droppedFiles.js';
import { startUpload } from './startUpload.js';

/**
 * Upload into the shown directory (or another, for a drop onto the tree), download a selected entry, or open a file with its default
 * app (desktop only). Downloads go to the download folder of Settings (the OS's Downloads
 * folder until changed); when a file of that name exists the job asks (Replace, Keep both,
 * Skip) in the Transfers panel, as uploads do. The last failure to start is kept in
 * `error` for the UI to show. An upload the connection's credential does not allow (a read-only
 * connection, a SAS without `w`) is refused before any call with that reason, which
 * `uploadRefusal` gives the toolbar for the shown directory.
 */
export function useTransferActions(location: BrowseLocation | undefined) {
  const client = useClient();
  const info = useAppInfo();
  const settings = useSettings();
  const downloadDirectory = settings.data?.downloadDirectory ?? info.data?.downloadDirectory;
  const [error, setError] = useState<LakeCallError>();
  const report = useCallback(
    (e: LakeError | undefined) => setError(e ? new LakeCallError(e) : undefined),
    [],
  );

  const connections = useKnownConnections();
  const refusedUpload = useCallback(
    (into: BrowseLocation | undefined) =>
      refusalOf('upload', abilitiesIn(connections, into?.connectionId)),
    [connections],
  );

  const upload = useCallback(
    async (files: DroppedFile[], topLevel: File[], into: BrowseLocation | undefined = location) => {
      if (!into || files.length === 0) return;
      const refused = refusedUpload(into);
      if (refused) return report({ code: 'PermissionDenied', message: refused });
      const { connectionId, container, directory } = into;
      const result = await startUpload(
        client,
        { connectionId, container, remoteDirectory: directory },
        files,
        topLevel,
      );
      report(result.ok ? undefined : result.error);
    },
    [client, location, report, refusedUpload],
  );

  // The desktop app picks a folder with the OS's dialog and uploads it by its path, so main walks
  // it with its structure and empty folders (the folder input lists files only, each by itself).
  const uploadPickedFolder = useCallback(async () => {
    if (!location) return;
    const picked = await client.call('local.pickFolder', { title: 'Upload a folder' });
    if (!picked.ok) return report(picked.error);
    if (!picked.value.path) return;
    const { connectionId, container, directory } = location;
    const result = await client.call('transfers.enqueueUpload', {
      connectionId,
      container,
      remoteDirectory: directory,
      localPaths: [picked.value.path],
      conflict: 'ask',
    });
    report(result.ok ? undefined : result.error);
  }, [client, location, report]);

  const download = useCallback(
    async (entry: PathEntry) => {
      if (!location || !downloadDirectory) return;
      const result = await client.call('transfers.enqueueDownload', {
        connectionId: location.connectionId,
        container: location.container,
        remotePaths: [{ path: entry.path, kind: entry.kind }],
        localDirectory: downloadDirectory,
        conflict: 'ask',
      });
      report(result.ok ? undefined : result.error);
    },
    [client, downloadDirectory, location, report],
  );

  // A drag out of the window: main downloads the files, then hands them to the OS.
  const dragOut = useCallback(
    (from: DraggedEntry, paths: string[]) =>
      void client
        .call('paths.dragOut', {
          connectionId: from.connectionId,
          container: from.container,
          paths,
        })
        .then((result) => report(result.ok ? undefined : result.error)),
    [client, report],
  );

  const openFile = useCallback(
    async (entry: PathEntry) => {
      if (!location || entry.kind !== 'file') return;
      const { connectionId, container } = location;
      const result = await client.call('paths.openWithDefaultApp', {
        connectionId,
        container,
        path: entry.path,
      });
      report(result.ok ? undefined : result.error);
    },
    [client, location, report],
  );

  return {
    upload,
    /** Why uploads into the shown directory are refused, if they are. */
    uploadRefusal: refusedUpload(location),
    /** Present where the OS's folder dialog is (the desktop app). */
    uploadPickedFolder: info.data?.canPickFolders ? uploadPickedFolder : undefined,
    download,
    /** Present where files can be dragged out to the desktop (the desktop app). */
    dragOut: info.data?.canDragOut ? dragOut : undefined,
    /** Present only where the desktop app can open files. */
    openFile: info.data?.canOpenFiles ? openFile : undefined,
    error,
    clearError: () => setError(undefined),
    downloadDirectory,
  };
}
