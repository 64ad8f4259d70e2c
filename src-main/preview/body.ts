import type { Preview, PreviewHeader } from '../../shared/contract/preview.js';

type HeaderKeys = Exclude<keyof PreviewHeader, 'notes'>;
type WithoutHeader<P> = P extends unknown ? Omit<P, HeaderKeys> : never;

/** A preview without the blob header fields (name, size, …, bytesRead), which `previewBlob` adds; `notes` stay. */
export type PreviewBody = WithoutHeader<Preview>;

/** Content bytes to preview: the first bytes of a blob or of its decompressed content. */
export interface ContentBytes {
  bytes: Uint8Array;
  /** True when the content goes on beyond `bytes` (a cap stopped reading). */
  truncated: boolean;
  /** Bytes of the whole content, when known. */
  totalBytes?: number;
}

/** Bytes of a hex preview: 64 KiB. */
export const hexBytes = 64 * 1024;

/** A hex preview of the first `hexBytes` of `content`. */
export function hexBody(content: ContentBytes, notes: string[] = []): PreviewBody {
  const shown = content.bytes.subarray(0, hexBytes);
  return {
    kind: 'hex',
    offset: 0,
    dataBase64: Buffer.from(shown.buffer, shown.byteOffset, shown.length).toString('base64'),
    ...(content.totalBytes === undefined ? {} : { totalBytes: content.totalBytes }),
    truncated: content.truncated || content.bytes.length > shown.length,
    notes,
  };
}
