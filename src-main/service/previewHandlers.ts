import { maxPreviewRows } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { isDeltaTable } from '../preview/delta/deltaLog.js';
import { previewDelta } from '../preview/delta/previewDelta.js';
import { previewBlob } from '../preview/previewBlob.js';
import type { Handlers } from './dispatch.js';

type PreviewCalls =
  'paths.preview' | 'paths.previewDelta' | 'paths.detectTable' | 'paths.cancelPreview';

/**
 * The preview calls. One preview runs at a time (there is one preview pane): starting another,
 * or `paths.cancelPreview`, aborts the one in flight, whose call then answers `Cancelled`.
 */
export function createPreviewHandlers(connections: Connections): Pick<Handlers, PreviewCalls> {
  let inFlight: AbortController | undefined;
  const exclusive = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      return await work(controller.signal);
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
  };

  return {
    'paths.preview': ({ connectionId, container, path, maxRows }) =>
      exclusive(async (signal) => {
        const access = await connections.access(connectionId);
        return previewBlob(access.container(container).getBlobClient(path), {
          maxRows: maxRows ?? maxPreviewRows,
          signal,
        });
      }),
    'paths.previewDelta': ({ connectionId, container, directory, version, maxRows }) =>
      exclusive(async (signal) => {
        const access = await connections.access(connectionId);
        return previewDelta(access.container(container), directory, {
          maxRows: maxRows ?? maxPreviewRows,
          signal,
          ...(version !== undefined ? { version } : {}),
        });
      }),
    'paths.detectTable': async ({ connectionId, container, directory }) => {
      const access = await connections.access(connectionId);
      return {
        format: (await isDeltaTable(access.container(container), directory)) ? 'delta' : 'none',
      };
    },
    'paths.cancelPreview': async () => {
      inFlight?.abort();
      return null;
    },
  };
}
