import type { BlobClient, ContainerClient } from '@azure/storage-blob';
import type { PathRef } from '../../shared/contract/index.js';
import { folderMarkerKey } from '../storage/blobEntry.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { runPool } from '../platform/runPool.js';
import { pathExists } from './createDirectory.js';
import type { OperationContext } from './operationRunner.js';
import { isWithin, parentOf, type NamespaceTarget } from './namespaceTarget.js';

/**
 * Refuses a rename that cannot be right before any request: onto itself, or a folder into
 * its own subtree. Throws `InvalidInput`.
 */
export function checkRename(source: PathRef, destination: string): void {
  if (destination === source.path)
    failWith('InvalidInput', 'The new name is the same as the old one.');
  if (source.kind === 'directory' && isWithin(destination, source.path)) {
    failWith(
      'InvalidInput',
      `"${source.path}" cannot be moved into itself ("${destination}"). Pick a folder outside it.`,
    );
  }
}

const taken = (destination: string): LakeFailure =>
  new LakeFailure({
    code: 'AlreadyExists',
    status: 409,
    message: `"${destination}" already exists; nothing was changed. Pick another name or delete it first.`,
  });

/**
 * How a move goes on after an earlier run of it was interrupted (the CLI's move journal):
 * `resume` takes blobs already at the destination for this move's own (see `moveBlob`);
 * `onStart` runs once the checks passed, before the first change (to write the journal).
 */
export interface MoveResume {
  resume?: boolean;
  onStart?: () => Promise<void>;
}

/**
 * Renames or moves `source` to `destination` in the same container and resolves to the
 * number of paths moved (1 on HNS, where a folder moves as one).
 *
 * HNS: one atomic DFS rename (Create Path with `x-ms-rename-source` and `If-None-Match: *`
 * on the destination, https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create).
 * Flat: each blob is copied server-side (Copy Blob, https://learn.microsoft.com/rest/api/storageservices/copy-blob,
 * `If-None-Match: *`) and its source deleted only after its copy succeeded; on the first
 * failure no new copy starts, so every source whose copy did not finish is still there.
 *
 * With `resume.resume` (a flat move interrupted earlier) the destination may exist: each blob
 * already there is checked to be this move's own copy of its source (its copy source, status,
 * length and Content-MD5) and the source then deleted, an unfinished copy of it is made again,
 * and anything else there is refused with `AlreadyExists`.
 *
 * Rejects with `InvalidInput` (see `checkRename`), `AlreadyExists` when the destination
 * exists (nothing changed), `NotFound` when the source or the destination's parent folder
 * is missing, `Cancelled` through the context's signal, or the service's error.
 */
export async function renamePath(
  target: NamespaceTarget,
  source: PathRef,
  destination: string,
  context: OperationContext,
  resume: MoveResume = {},
): Promise<number> {
  checkRename(source, destination);
  if (target.namespace === 'hns') {
    const fileSystem = target.access.fileSystem(target.container);
    const client =
      source.kind === 'directory'
        ? fileSystem.getDirectoryClient(source.path)
        : fileSystem.getFileClient(source.path);
    // A retry whose first try moved the path (its answer lost) is confirmed by the storage
    // layer's lost-answer rules (storage/lostAnswer), so an error here is the service's own.
    await resume.onStart?.();
    try {
      await client.move(destination, {
        destinationConditions: { ifNoneMatch: '*' },
        abortSignal: context.signal,
      });
    } catch (e) {
      throw explainHnsRename(e, source.path, destination);
    }
    context.advance({ done: 1, total: 1 });
    return 1;
  }
  return renameFlat(target, source, destination, context, resume);
}

function explainHnsRename(e: unknown, source: string, destination: string): unknown {
  const error = toLakeError(e);
  switch (error.azureCode) {
    case 'PathAlreadyExists':
    case 'DestinationPathIsBeingDeleted':
      return taken(destination);
    case 'SourcePathNotFound':
      return new LakeFailure({ ...error, message: `"${source}" no longer exists.` });
    case 'RenameDestinationParentPathNotFound':
      return new LakeFailure({
        ...error,
        message: `The folder "${parentOf(destination)}" does not exist; create it first or pick another destination.`,
      });
    default:
      return e;
  }
}

async function renameFlat(
  target: NamespaceTarget,
  source: PathRef,
  destination: string,
  context: OperationContext,
  { resume = false, onStart }: MoveResume,
): Promise<number> {
  const container = target.access.container(target.container);
  if (!resume && (await pathExists(target, destination))) throw taken(destination);
  if (parentOf(destination) !== '' && !(await pathExists(target, parentOf(destination)))) {
    failWith(
      'NotFound',
      `The folder "${parentOf(destination)}" does not exist; create it first or pick another destination.`,
    );
  }
  const move = (from: string, to: string) => moveBlob(container, from, to, context.signal, resume);
  if (source.kind === 'file') {
    const props = await container.getBlobClient(source.path).getProperties();
    await onStart?.();
    context.advance({ total: 1 });
    await move(source.path, destination);
    context.advance({ done: 1, bytes: props.contentLength ?? 0 });
    return 1;
  }
  const names: { name: string; size: number }[] = [];
  for await (const blob of container.listBlobsFlat({
    prefix: `${source.path}/`,
    abortSignal: context.signal,
  })) {
    names.push({ name: blob.name, size: blob.properties.contentLength ?? 0 });
  }
  const marker = await container
    .getBlobClient(source.path)
    .getProperties()
    .catch(() => undefined);
  const hasMarker = marker?.metadata?.[folderMarkerKey] === 'true';
  if (names.length === 0 && !hasMarker) failWith('NotFound', `"${source.path}" no longer exists.`);
  await onStart?.();
  context.advance({ total: names.length + (hasMarker ? 1 : 0) });
  // runPool starts no new copy after the first failure, so no source is deleted unmoved.
  await runPool(names, 8, async ({ name, size }) => {
    context.signal.throwIfAborted();
    await move(name, destination + name.slice(source.path.length));
    context.advance({ done: 1, bytes: size });
  });
  if (hasMarker) {
    await move(source.path, destination);
    context.advance({ done: 1 });
  }
  return names.length + (hasMarker ? 1 : 0);
}

const withoutQuery = (url: string): string => url.replace(/[?#].*$/, '');

/**
 * What a resumed move finds at `target` for `source`: nothing, this move's finished copy (its
 * copy source is `source`, the copy succeeded, length and Content-MD5 are the source's), this
 * move's unfinished copy, or someone else's blob.
 */
async function foundAt(
  target: BlobClient,
  source: BlobClient,
  abortSignal: AbortSignal,
): Promise<'none' | 'copied' | 'unfinished' | 'other'> {
  const at = await target.getProperties({ abortSignal }).catch((e: unknown) => {
    if (toLakeError(e).code === 'NotFound') return undefined;
    throw e;
  });
  if (!at) return 'none';
  if (!at.copySource || withoutQuery(at.copySource) !== withoutQuery(source.url)) return 'other';
  const from = await source.getProperties({ abortSignal });
  const sameMd5 =
    !at.contentMD5 ||
    !from.contentMD5 ||
    Buffer.from(at.contentMD5).equals(Buffer.from(from.contentMD5));
  return at.copyStatus === 'success' && at.contentLength === from.contentLength && sameMd5
    ? 'copied'
    : 'unfinished';
}

/**
 * Copies one blob server-side (waiting for a pending copy) and deletes the source after the
 * copy succeeded. When `resume`, a blob already at the destination that is this move's finished
 * copy only has its source deleted, an unfinished one is copied over, anything else is refused
 * with `AlreadyExists`.
 */
async function moveBlob(
  container: ContainerClient,
  from: string,
  to: string,
  abortSignal: AbortSignal,
  resume: boolean,
): Promise<void> {
  const source = container.getBlobClient(from);
  const target = container.getBlobClient(to);
  const found = resume ? await foundAt(target, source, abortSignal) : 'none';
  if (found === 'other') throw taken(to);
  if (found === 'copied') return void (await source.delete({ abortSignal }));
  // A Copy Blob or Delete Blob retried after its first try took effect (its answer lost) is
  // confirmed by the storage layer's lost-answer rules (storage/lostAnswer).
  const poller = await target.beginCopyFromURL(source.url, {
    conditions: found === 'unfinished' ? {} : { ifNoneMatch: '*' },
    abortSignal,
  });
  const result = await poller.pollUntilDone();
  if (result.copyStatus !== 'success') {
    failWith('Unknown', `Copying "${from}" ended with status ${result.copyStatus ?? 'unknown'}.`);
  }
  await source.delete({ abortSignal });
}
