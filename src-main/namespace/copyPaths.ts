import type { BlobClient, BlockBlobClient } from '@azure/storage-blob';
import { BlobSASPermissions, StorageSharedKeyCredential } from '@azure/storage-blob';
import { Readable } from 'node:stream';
import type { PathRef } from '../../shared/contract/index.js';
import { toLakeError } from '../storage/toLakeError.js';
import { runPool } from '../platform/runPool.js';
import { getAccessControl, setAccessControl } from './accessControl.js';
import { formatAcl } from './aclText.js';
import type { OperationContext } from './operationRunner.js';
import { parentOf, type NamespaceTarget } from './namespaceTarget.js';

/** How long a source SAS signed for a server-side copy lives (ms). */
const sourceSasLifetimeMs = 60 * 60 * 1000;

/**
 * A URL the destination service can read `source` from: its own URL when both are in the
 * same account (Shared Key authorizes same-account copies) or it already carries a SAS;
 * otherwise a read-only SAS valid for an hour when the source client holds an account key;
 * `undefined` when neither works (the bytes then go through this process).
 */
async function readableUrl(source: BlobClient, sameAccount: boolean): Promise<string | undefined> {
  if (sameAccount || source.url.includes('sig=')) return source.url;
  if (source.credential instanceof StorageSharedKeyCredential) {
    return source.generateSasUrl({
      permissions: BlobSASPermissions.parse('r'),
      expiresOn: new Date(Date.now() + sourceSasLifetimeMs),
    });
  }
  return undefined;
}

/** Copies one blob: server-side (Copy Blob, polled until done) when the service can read the source, else streamed through this process. */
async function copyBlob(
  source: BlobClient,
  destination: BlockBlobClient,
  sameAccount: boolean,
  abortSignal: AbortSignal,
  replace: boolean,
): Promise<void> {
  const conditions = replace ? {} : { ifNoneMatch: '*' };
  const url = await readableUrl(source, sameAccount);
  if (url !== undefined) {
    try {
      const poller = await destination.beginCopyFromURL(url, {
        conditions,
        abortSignal,
      });
      const result = await poller.pollUntilDone();
      if (result.copyStatus === 'success') return;
    } catch (e) {
      // A retried Copy Blob whose first try took effect (its answer lost) is confirmed by the
      // storage layer's lost-answer rules (storage/lostAnswer) and never lands here.
      // The service could not read the source (CannotVerifyCopySource): stream it instead.
      const error = toLakeError(e);
      if (error.azureCode !== 'CannotVerifyCopySource') throw e;
    }
  }
  // Get Blob answers with the blob's content type and metadata too: no second request.
  const download = await source.download(0, undefined, { abortSignal });
  await destination.uploadStream(Readable.from(download.readableStreamBody!), 8 * 1024 * 1024, 4, {
    abortSignal,
    conditions,
    ...(download.metadata ? { metadata: download.metadata } : {}),
    blobHTTPHeaders: {
      ...(download.contentType ? { blobContentType: download.contentType } : {}),
    },
  });
}

/** Gives `toPath` the owner, group and ACL of `fromPath` (both HNS). */
async function copyAccessControl(
  source: NamespaceTarget,
  fromPath: string,
  destination: NamespaceTarget,
  toPath: string,
): Promise<void> {
  const control = await getAccessControl(source, fromPath);
  await setAccessControl(destination, toPath, {
    owner: control.owner,
    group: control.group,
    acl: formatAcl(control.acl),
  });
}

/**
 * What `copyPaths` does with a destination blob that exists: stop with `AlreadyExists`
 * (`fail`, the default), leave it and count it skipped (`skip`), or replace it (`overwrite`).
 */
export type ExistingBlobPolicy = 'fail' | 'skip' | 'overwrite';

/**
 * Copies files and folders of `source` into `destination`'s directory, keeping each item's
 * name (or, for one path, `options.targetName`) and, for folders, the structure below it;
 * resolves to the blobs copied and their bytes, and the blobs skipped because they existed. Server-side where the destination can read the source (Copy Blob,
 * https://learn.microsoft.com/rest/api/storageservices/copy-blob, with a short-lived SAS for
 * another account's source when its connection holds a key), else streamed. Unless
 * `options.existing` is `overwrite`, destinations that exist are never replaced
 * (`If-None-Match: *`): the copy stops with `AlreadyExists`, or with `skip` goes on.
 * With `keepAcls` between two HNS accounts, each copied file gets its source's owner, group
 * and ACL (directories get the destination's defaults).
 * Rejects with `Cancelled` through the signal, or the service's error.
 */
export async function copyPaths(
  source: NamespaceTarget,
  paths: readonly PathRef[],
  destination: NamespaceTarget & { directory: string },
  context: OperationContext,
  options: { keepAcls?: boolean; targetName?: string; existing?: ExistingBlobPolicy } = {},
): Promise<{ copied: number; bytes: number; skipped: number }> {
  const keepAcls =
    options.keepAcls === true && source.namespace === 'hns' && destination.namespace === 'hns';
  const from = source.access.container(source.container);
  const to = destination.access.container(destination.container);
  const sameAccount = source.access.blobEndpoint === destination.access.blobEndpoint;
  const totals = { copied: 0, bytes: 0, skipped: 0 };
  const existing = options.existing ?? 'fail';
  const rename = (name: string, ref: PathRef) => {
    const base = parentOf(ref.path);
    const own = base === '' ? name : name.slice(base.length + 1);
    const relative =
      options.targetName !== undefined && paths.length === 1
        ? options.targetName + own.slice(own.indexOf('/') === -1 ? own.length : own.indexOf('/'))
        : own;
    return destination.directory === '' ? relative : `${destination.directory}/${relative}`;
  };
  const copyOne = async (name: string, size: number, ref: PathRef) => {
    context.signal.throwIfAborted();
    const copyName = rename(name, ref);
    try {
      await copyBlob(
        from.getBlobClient(name),
        to.getBlockBlobClient(copyName),
        sameAccount,
        context.signal,
        existing === 'overwrite',
      );
    } catch (e) {
      const code = toLakeError(e).code;
      if (existing !== 'skip' || (code !== 'AlreadyExists' && code !== 'Conflict')) throw e;
      totals.skipped += 1;
      context.advance({ done: 1, bytes: 0 });
      return;
    }
    if (keepAcls) await copyAccessControl(source, name, destination, copyName);
    totals.copied += 1;
    totals.bytes += size;
    context.advance({ done: 1, bytes: size });
  };
  for (const ref of paths) {
    if (ref.kind === 'file') {
      const props = await from.getBlobClient(ref.path).getProperties();
      await copyOne(ref.path, props.contentLength ?? 0, ref);
      continue;
    }
    // A flat folder's marker blob is copied like a file; HNS directories are not blobs that
    // Copy Blob can read, and the destination creates them with the files below them.
    const marker = source.namespace === 'flat' && (await from.getBlobClient(ref.path).exists());
    if (marker) await copyOne(ref.path, 0, ref);
    for await (const page of from
      .listBlobsFlat({ prefix: `${ref.path}/`, abortSignal: context.signal })
      .byPage({ maxPageSize: 5000 })) {
      await runPool(page.segment.blobItems, 8, (blob) =>
        copyOne(blob.name, blob.properties.contentLength ?? 0, ref),
      );
    }
  }
  return totals;
}
