import {
  fail,
  stagingPath,
  stagingTokenHeader,
  type LakeClient,
  type Result,
} from '../../../shared/contract/index.js';
import { takeToken } from '../../api/createClient.js';
import type { DroppedFile } from './droppedFiles.js';

/** Where dropped files go: a directory of a container (`''` for its root). */
export interface UploadTarget {
  connectionId: string;
  container: string;
  remoteDirectory: string;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload: the local path of a dropped or picked file (`webUtils.getPathForFile`). */
    lakeFiles?: { pathForFile(file: File): string };
  }
}

const randomBatchId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Uploads dropped or picked files through main's transfer engine. In Electron the preload
 * gives their local paths (top-level items only: folders upload recursively in main, empty
 * ones included). In browser mode each file is first streamed to main's staging folder, and
 * each empty folder created there, then the batch is enqueued. Resolves to the new job ids or the first error; never rejects.
 */
export async function startUpload(
  client: LakeClient,
  target: UploadTarget,
  files: DroppedFile[],
  topLevel: File[],
): Promise<Result<{ jobIds: string[] }>> {
  if (window.lakeFiles) {
    const localPaths = topLevel.map((f) => window.lakeFiles!.pathForFile(f)).filter(Boolean);
    return client.call('transfers.enqueueUpload', { ...target, localPaths, conflict: 'ask' });
  }
  const batchId = randomBatchId();
  for (const { file, relativePath } of files) {
    // An empty folder of the drop is staged as a folder, so the upload writes it too.
    const url = `${stagingPath}?batch=${batchId}&path=${encodeURIComponent(relativePath)}${file ? '' : '&kind=folder'}`;
    try {
      const res = await fetch(url, {
        method: 'POST',
        body: file ?? null,
        headers: { [stagingTokenHeader]: takeToken() },
      });
      if (!res.headers.get('content-type')?.includes('json')) {
        return fail({
          code: res.status === 403 ? 'PermissionDenied' : 'Unknown',
          message: `Lakeshore refused "${relativePath}" (HTTP ${res.status}). Open the URL printed in the terminal again.`,
          status: res.status,
        });
      }
      const result = (await res.json()) as Result<unknown>;
      if (!result.ok) return result;
    } catch (e) {
      return fail({
        code: 'Transient',
        message: `Could not send "${relativePath}" to Lakeshore: ${(e as Error).message}`,
      });
    }
  }
  return client.call('transfers.enqueueStagedUpload', { ...target, batchId, conflict: 'ask' });
}
