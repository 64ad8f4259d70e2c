import { hexBody, hexBytes, type PreviewBody } from './body.js';
import { isPlausibleSize, readImageSize } from './imageHeader.js';
import type { RangeReader } from './rangeReader.js';

/** Largest image returned as an image (20 MiB); larger ones get a hex preview. */
export const maxImageBytes = 20 * 1024 * 1024;

/**
 * An image preview: the whole blob as base64 with the dimensions its header states. SVG is
 * returned as bytes only (to show as an image, never as markup). A header that is unreadable
 * or claims implausible dimensions gives a note and no dimensions.
 */
export async function imageBody(reader: RangeReader, mimeType: string): Promise<PreviewBody> {
  if (reader.size > maxImageBytes) {
    const head = await reader.read(0, hexBytes);
    return hexBody({ bytes: head, truncated: true, totalBytes: reader.size }, [
      `The image is larger than ${maxImageBytes / 1024 / 1024} MiB; showing its first bytes.`,
    ]);
  }
  const bytes = await reader.read(0, reader.size);
  const notes: string[] = [];
  const stated = mimeType === 'image/svg+xml' ? undefined : readImageSize(mimeType, bytes);
  if (mimeType !== 'image/svg+xml' && !stated) {
    notes.push('The image header gives no readable dimensions; the file may be corrupt.');
  } else if (stated && !isPlausibleSize(stated)) {
    notes.push(
      `The image header claims ${stated.width}×${stated.height} pixels, which is implausible; the file may be corrupt.`,
    );
  }
  const dims = stated && isPlausibleSize(stated) ? stated : undefined;
  return {
    kind: 'image',
    mimeType,
    dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64'),
    ...(dims ? { width: dims.width, height: dims.height } : {}),
    notes,
  };
}
