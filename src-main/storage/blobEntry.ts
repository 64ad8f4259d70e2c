import type { BlobItem } from '@azure/storage-blob';
import type { PathEntry } from '../../shared/contract/index.js';

/** Metadata that marks a zero-length blob as a folder, as HNS accounts expose directories through the Blob API. */
export const folderMarkerKey = 'hdi_isfolder';

/** The last `/`-separated segment of a blob name. */
export const lastSegment = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Whether a listed blob is a folder marker (`hdi_isfolder=true`; needs `includeMetadata` in the listing). */
export const isFolderMarker = (blob: BlobItem): boolean =>
  blob.metadata?.[folderMarkerKey] === 'true';

/** A listed blob as a file entry: size in bytes, ISO modified time, and the properties the list shows. */
export function fileEntry(blob: BlobItem): PathEntry {
  const props = blob.properties;
  return {
    kind: 'file',
    name: lastSegment(blob.name),
    path: blob.name,
    size: props.contentLength ?? 0,
    lastModified: props.lastModified.toISOString(),
    ...(props.contentType ? { contentType: props.contentType } : {}),
    ...(props.etag ? { etag: props.etag } : {}),
    ...(props.accessTier ? { accessTier: props.accessTier } : {}),
  };
}
