import type { TextEncodingName } from '../../shared/contract/preview.js';

/** Text decoded from the first bytes of some content. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Bytes of the input that `text` covers (a byte-order mark included); less than the input when the cap split a character. */
  usedBytes: number;
}

/** Length of `bytes` without a UTF-8 sequence that the cap cut short. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const b = bytes[i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < needed ? i : end;
  }
  return end;
}

/** Length of UTF-16 `bytes` without an odd trailing byte or a lone high surrogate at the cut. */
export function completeUtf16Length(
  bytes: Uint8Array,
  littleEndian: boolean,
  start: number,
): number {
  let end = start + Math.floor((bytes.length - start) / 2) * 2;
  if (end - start >= 2) {
    const hi = littleEndian ? (bytes[end - 1] ?? 0) : (bytes[end - 2] ?? 0);
    if (hi >= 0xd8 && hi <= 0xdb) end -= 2;
  }
  return end;
}

const bomIs = (bytes: Uint8Array, ...bom: number[]) => bom.every((b, i) => bytes[i] === b);

/**
 * Detects the encoding and decodes: a BOM decides UTF-8 or UTF-16 (LE/BE); otherwise valid
 * UTF-8 is UTF-8 and anything else latin1. When `truncated` (the bytes stop at a cap, not at
 * the content's end), a character the cap split is left out rather than garbled.
 */
export function decodeText(bytes: Uint8Array, truncated: boolean): DecodedText {
  if (bomIs(bytes, 0xff, 0xfe) || bomIs(bytes, 0xfe, 0xff)) {
    const littleEndian = bytes[0] === 0xff;
    const end = truncated ? completeUtf16Length(bytes, littleEndian, 2) : bytes.length;
    const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
    return {
      text: new TextDecoder(encoding).decode(bytes.subarray(2, end)),
      encoding,
      usedBytes: end,
    };
  }
  const start = bomIs(bytes, 0xef, 0xbb, 0xbf) ? 3 : 0;
  const end = truncated ? Math.max(start, completeUtf8Length(bytes)) : bytes.length;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
    return { text, encoding: 'utf-8', usedBytes: end };
  } catch {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return { text, encoding: 'latin1', usedBytes: bytes.length };
  }
}
