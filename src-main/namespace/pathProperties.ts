import type { BlobGetPropertiesResponse } from '@azure/storage-blob';
import type { PathProperties, PathRef } from '../../shared/contract/index.js';
import { folderMarkerKey } from '../storage/blobEntry.js';
import { hasBlobsUnder } from '../storage/hasBlobsUnder.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { getAccessControl } from './accessControl.js';
import type { NamespaceTarget } from './namespaceTarget.js';

const hidden = new Set([folderMarkerKey]);

/** `https://<account>.blob.core.windows.net/<container>/<path>` and the `abfss://` path of the same entry. */
export function pathAddresses(
  target: NamespaceTarget,
  path: string,
): { url: string; abfssPath: string } {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const url = `${target.access.blobEndpoint}/${target.container}/${encoded}`;
  const account = target.access.accountName;
  return { url, abfssPath: `abfss://${target.container}@${account}.dfs.core.windows.net/${path}` };
}

/**
 * Properties of a file or directory: Get Blob Properties
 * (https://learn.microsoft.com/rest/api/storageservices/get-blob-properties) for size,
 * content headers, MD5, ETag, times, tier, lease and encryption, with metadata minus the
 * `hdi_isfolder` marker; on HNS also owner, group, permissions and ACL. A flat folder with no
 * marker blob exists only as a name prefix and has no properties of its own beyond its
 * addresses. Rejects with `NotFound` when nothing is there.
 */
export async function pathProperties(
  target: NamespaceTarget,
  ref: PathRef,
): Promise<PathProperties> {
  const blob = target.access.container(target.container).getBlobClient(ref.path);
  let props: BlobGetPropertiesResponse | undefined;
  try {
    props = await blob.getProperties();
  } catch (e) {
    if (toLakeError(e).code !== 'NotFound' || ref.kind !== 'directory') throw e;
  }
  const base: PathProperties = {
    path: ref.path,
    kind: ref.kind,
    size: 0,
    metadata: {},
    ...pathAddresses(target, ref.path),
  };
  if (props) {
    Object.assign(base, {
      size: ref.kind === 'file' ? (props.contentLength ?? 0) : 0,
      metadata: Object.fromEntries(
        Object.entries(props.metadata ?? {}).filter(([k]) => !hidden.has(k)),
      ),
      ...(ref.kind === 'file' && props.contentType ? { contentType: props.contentType } : {}),
      ...(props.contentEncoding ? { contentEncoding: props.contentEncoding } : {}),
      ...(props.contentMD5 ? { contentMD5: Buffer.from(props.contentMD5).toString('base64') } : {}),
      ...(props.etag ? { etag: props.etag } : {}),
      ...(props.lastModified ? { lastModified: props.lastModified.toISOString() } : {}),
      ...(props.createdOn ? { createdOn: props.createdOn.toISOString() } : {}),
      ...(props.accessTier ? { accessTier: props.accessTier } : {}),
      ...(props.leaseState ? { leaseState: props.leaseState } : {}),
      ...(props.leaseStatus ? { leaseStatus: props.leaseStatus } : {}),
      ...(props.isServerEncrypted !== undefined
        ? { serverEncrypted: props.isServerEncrypted }
        : {}),
    });
  } else if (target.namespace === 'flat') {
    if (!(await hasBlobsUnder(target.access.container(target.container), ref.path))) {
      failWith('NotFound', `"${ref.path}" does not exist.`);
    }
  }
  if (target.namespace === 'hns') base.accessControl = await getAccessControl(target, ref.path);
  return base;
}

/**
 * Sets a file's content type (Set Blob Properties, keeping its other content headers, which
 * the call would otherwise clear) and/or replaces its metadata (Set Blob Metadata, keeping a
 * folder's `hdi_isfolder` marker). Rejects with `NotFound`, `InvalidInput` for nothing to change.
 */
export async function setPathProperties(
  target: NamespaceTarget,
  path: string,
  change: { contentType?: string; metadata?: Record<string, string> },
): Promise<void> {
  if (change.contentType === undefined && change.metadata === undefined) {
    failWith('InvalidInput', 'Nothing to change: give a content type or metadata.');
  }
  const blob = target.access.container(target.container).getBlobClient(path);
  const props = await blob.getProperties();
  if (change.contentType !== undefined) {
    await blob.setHTTPHeaders(
      {
        blobContentType: change.contentType,
        ...(props.contentEncoding ? { blobContentEncoding: props.contentEncoding } : {}),
        ...(props.contentLanguage ? { blobContentLanguage: props.contentLanguage } : {}),
        ...(props.contentDisposition ? { blobContentDisposition: props.contentDisposition } : {}),
        ...(props.cacheControl ? { blobCacheControl: props.cacheControl } : {}),
        ...(props.contentMD5 ? { blobContentMD5: props.contentMD5 } : {}),
      },
      { conditions: { ifMatch: props.etag! } },
    );
  }
  if (change.metadata !== undefined) {
    const marker = props.metadata?.[folderMarkerKey];
    await blob.setMetadata({
      ...change.metadata,
      ...(marker !== undefined ? { [folderMarkerKey]: marker } : {}),
    });
  }
}
