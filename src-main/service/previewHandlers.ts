import { maxPreviewRows } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { isDeltaTable } from '../preview/delta/deltaLog.js';
import { previewDelta } from '../preview/delta/previewDelta.js';
import { previewBlob } from '../preview/previewBlob.js';
import { LakeFailure } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

/** Deadline of a whole Delta table preview, in ms; past it the call answers `Timeout`. */
export const deltaPreviewTimeoutMs = 90_000;

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
        // A Delta table reads its log, a checkpoint and data files: a longer limit than a blob's 30 s.
        const deadline = new AbortController();
        const timer = setTimeout(
          () =>
            deadline.abort(
              new LakeFailure({
                code: 'Timeout',
                message: `The Delta table did not load within ${deltaPreviewTimeoutMs / 1000} s.`,
              }),
            ),
          deltaPreviewTimeoutMs,
        );
        try {
          return await previewDelta(access.container(container), directory, {
            maxRows: maxRows ?? maxPreviewRows,
            signal: AbortSignal.any([signal, deadline.signal]),
            ...(version !== undefined ? { version } : {}),
          });
        } finally {
          clearTimeout(timer);
        }
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
