import type { ContentBytes, PreviewBody } from './body.js';
import { hexBody } from './body.js';
import { delimitedBody } from './delimited.js';
import { looksLikeNdjson, ndjsonBody } from './ndjson.js';
import type { ContentKind } from './sniff.js';
import { decodeText } from './textDecode.js';
import { jsonBody, textBody } from './textual.js';

/** Kinds that can be previewed from the first bytes of content alone (also after gunzip). */
export const prefixKinds = new Set<ContentKind>(['csv', 'tsv', 'json', 'ndjson', 'text', 'hex']);

/**
 * The preview of content bytes as `kind` (one of `prefixKinds`; any other kind gives hex).
 * `json` content that is newline-delimited objects (`looksLikeNdjson`) is read as NDJSON.
 */
export function contentBody(
  kind: ContentKind,
  content: ContentBytes,
  maxRows: number,
): PreviewBody {
  switch (kind) {
    case 'csv':
    case 'tsv':
      return delimitedBody(content, kind, maxRows);
    case 'ndjson':
      return ndjsonBody(content, maxRows);
    case 'json':
      return looksLikeNdjson(decodeText(content.bytes, content.truncated).text, content.truncated)
        ? ndjsonBody(content, maxRows)
        : jsonBody(content);
    case 'text':
      return textBody(content);
    default:
      return hexBody(content);
  }
}
