import type { BlobHTTPHeaders } from '@azure/storage-blob';

/** A blob's content headers as Get Blob Properties returns them (or as a stand-in records them). */
export interface ContentHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  contentDisposition?: string;
  cacheControl?: string;
  contentMD5?: Uint8Array;
}

/** The same headers as an upload sets them, so a copy written by a test server keeps them. Test support. */
export const httpHeadersOf = (p: ContentHeaders): BlobHTTPHeaders => ({
  blobContentType: p.contentType,
  blobContentEncoding: p.contentEncoding,
  blobContentLanguage: p.contentLanguage,
  blobContentDisposition: p.contentDisposition,
  blobCacheControl: p.cacheControl,
  blobContentMD5: p.contentMD5,
});
