import type { ContentBytes, PreviewBody } from './body.js';
import { decodeText } from './textDecode.js';

const formatBytes = (n: number) => n.toLocaleString('en-US');

/** A text preview of `content`, decoded (BOM, UTF-8, latin1), with a note when it is cut. */
export function textBody(content: ContentBytes, notes: string[] = []): PreviewBody {
  const decoded = decodeText(content.bytes, content.truncated);
  const cut = content.truncated
    ? [
        content.totalBytes === undefined
          ? `Truncated at ${formatBytes(decoded.usedBytes)} bytes.`
          : `Truncated at ${formatBytes(decoded.usedBytes)} of ${formatBytes(content.totalBytes)} bytes.`,
      ]
    : [];
  return {
    kind: 'text',
    text: decoded.text,
    encoding: decoded.encoding,
    truncated: content.truncated,
    textBytes: decoded.usedBytes,
    ...(content.totalBytes === undefined ? {} : { totalBytes: content.totalBytes }),
    notes: [...notes, ...cut],
  };
}

/**
 * A JSON preview when `content` is whole and parses; otherwise a text preview with a note
 * saying why (larger than the cap, or the parser's message).
 */
export function jsonBody(content: ContentBytes): PreviewBody {
  if (content.truncated) {
    return textBody(content, ['The JSON document is larger than the preview cap; shown as text.']);
  }
  const decoded = decodeText(content.bytes, false);
  try {
    return {
      kind: 'json',
      value: JSON.parse(decoded.text) as unknown,
      totalBytes: content.bytes.length,
      notes: [],
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return textBody(content, [`Invalid JSON: ${reason}`]);
  }
}

/** `text` without its last line when the content was cut (that line may be partial), and whether one was dropped. */
export function dropPartialLine(
  text: string,
  truncated: boolean,
): { text: string; dropped: boolean } {
  if (!truncated) return { text, dropped: false };
  const end = text.lastIndexOf('\n');
  return { text: end < 0 ? '' : text.slice(0, end + 1), dropped: end < text.length - 1 };
}
