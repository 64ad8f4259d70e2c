import {
  fail,
  ok,
  stagingPath,
  stagingTokenHeader,
  type LakeClient,
  type LakeError,
  type Result,
} from '../../../shared/contract/index.js';
import { takeToken } from '../../api/createClient.js';
import type { DroppedFile } from './droppedFiles.js';
import { stagingUploads, type StagingItem, type StagingStore } from './stagingUploads.js';

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
 * POSTs one file (or, with `file` undefined, an empty folder) to main's staging folder, reporting
 * the body bytes sent so far (XMLHttpRequest: fetch reports no upload progress) and handing
 * `setAbort` what stops it. Resolves to main's answer, or `Cancelled` once aborted, `Transient`
 * when the connection fails, `PermissionDenied`/`Unknown` for an answer that is not main's
 * (a stale token); never rejects.
 */
function sendStaged(
  url: string,
  relativePath: string,
  file: File | undefined,
  onProgress: (sent: number) => void,
  setAbort: (abort: (() => void) | undefined) => void,
): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const settle = (result: Result<unknown>) => {
      setAbort(undefined);
      resolve(result);
    };
    xhr.open('POST', url);
    xhr.setRequestHeader(stagingTokenHeader, takeToken());
    xhr.upload.onprogress = (e) => onProgress(Math.min(e.loaded, file?.size ?? 0));
    xhr.onload = () => {
      if (!xhr.getResponseHeader('content-type')?.includes('json'))
        return settle(
          fail({
            code: xhr.status === 403 ? 'PermissionDenied' : 'Unknown',
            message: `Lakeshore refused "${relativePath}" (HTTP ${xhr.status}). Open the URL printed in the terminal again.`,
            status: xhr.status,
          }),
        );
      try {
        settle(JSON.parse(xhr.responseText) as Result<unknown>);
      } catch (e) {
        settle(
          fail({
            code: 'Unknown',
            message: `Lakeshore's answer for "${relativePath}" was not JSON: ${(e as Error).message}`,
          }),
        );
      }
    };
    xhr.onerror = () =>
      settle(
        fail({
          code: 'Transient',
          message: `Could not send "${relativePath}" to Lakeshore: the connection to it failed.`,
        }),
      );
    xhr.onabort = () =>
      settle(fail({ code: 'Cancelled', message: `Sending "${relativePath}" was cancelled.` }));
    setAbort(() => xhr.abort());
    xhr.send(file ?? null);
  });
}

/** The drop's files under each top-level name, in drop order. */
function byTopLevelName(files: DroppedFile[]): Map<string, DroppedFile[]> {
  const groups = new Map<string, DroppedFile[]>();
  for (const f of files) {
    const name = f.relativePath.split('/')[0]!;
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  return groups;
}

/**
 * Uploads dropped or picked files through main's transfer engine. In Electron the preload
 * gives their local paths (top-level items only: folders upload recursively in main, empty
 * ones included). In browser mode each file is first sent to main's staging folder, and each
 * empty folder created there, then the batch is enqueued (one batch, so one conflict answer
 * can cover the drop); meanwhile each top-level item is a row of `staging` from the moment of
 * the drop, with the bytes sent and a Cancel, so a large file shows at once. A cancelled or
 * failed item is left out of the batch and the others go on. Resolves to the new job ids or the
 * first error; never rejects.
 */
export async function startUpload(
  client: LakeClient,
  target: UploadTarget,
  files: DroppedFile[],
  topLevel: File[],
  staging: StagingStore = stagingUploads,
): Promise<Result<{ jobIds: string[] }>> {
  if (window.lakeFiles) {
    const localPaths = topLevel.map((f) => window.lakeFiles!.pathForFile(f)).filter(Boolean);
    return client.call('transfers.enqueueUpload', { ...target, localPaths, conflict: 'ask' });
  }
  const batchId = randomBatchId();
  const groups = byTopLevelName(files);
  const items: StagingItem[] = [...groups].map(([name, members]) => ({
    id: `${batchId}/${name}`,
    batchId,
    name,
    bytesTotal: members.reduce((sum, m) => sum + (m.file?.size ?? 0), 0),
    bytesSent: 0,
    state: { kind: 'sending' },
  }));
  staging.add(items);
  let firstError: LakeError | undefined;
  for (const item of items) {
    let sentBefore = 0;
    for (const { file, relativePath } of groups.get(item.name)!) {
      if (staging.state(item.id)?.kind !== 'sending') break;
      // An empty folder of the drop is staged as a folder, so the upload writes it too.
      const url = `${stagingPath}?batch=${batchId}&path=${encodeURIComponent(relativePath)}${file ? '' : '&kind=folder'}`;
      const result = await sendStaged(
        url,
        relativePath,
        file,
        (sent) => staging.update(item.id, { bytesSent: sentBefore + sent }),
        (abort) => staging.onCancel(item.id, abort),
      );
      if (!result.ok) {
        if (staging.state(item.id)?.kind === 'sending') {
          staging.update(item.id, { state: { kind: 'failed', error: result.error } });
          firstError ??= result.error;
        }
        break;
      }
      sentBefore += file?.size ?? 0;
      staging.update(item.id, { bytesSent: sentBefore });
    }
  }
  const ready = items.filter((i) => staging.state(i.id)?.kind === 'sending');
  if (ready.length === 0) return firstError ? fail(firstError) : ok({ jobIds: [] });
  ready.forEach((i) => staging.update(i.id, { state: { kind: 'starting' } }));
  const result = await client.call('transfers.enqueueStagedUpload', {
    ...target,
    batchId,
    names: ready.map((i) => i.name),
    conflict: 'ask',
  });
  // Once started, the items stay until the engine's jobs for them show (useTransfers).
  if (!result.ok)
    ready.forEach((i) => staging.update(i.id, { state: { kind: 'failed', error: result.error } }));
  return result.ok && firstError ? fail(firstError) : result;
}
