import { XMLParser } from 'fast-xml-parser';
import { folderMarkerKey } from './blobEntry.js';

/** One blob of a List Blobs page, with what a download needs: sizes in bytes. */
export interface ListedBlobItem {
  name: string;
  /** True for a folder marker (metadata `hdi_isfolder=true`). */
  isFolderMarker: boolean;
  size: number;
  etag: string;
  lastModified: Date;
  /** Absent when the blob has none (or an empty one). */
  contentMD5?: Uint8Array;
}

/** A List Blobs page: its blobs and the marker of the next page (absent on the last). */
export interface ListBlobsPage {
  blobs: ListedBlobItem[];
  nextMarker?: string;
}

/** A text element: a string, or `{ '#': text, $: attributes }` when it has attributes (`<Name Encoded="true">`). */
type XmlText = string | { '#'?: string; $?: Record<string, string> };

interface XmlBlob {
  Name?: XmlText;
  Properties?: Record<string, string | undefined>;
  Metadata?: Record<string, XmlText>;
}

// The parser options @azure/core-xml parses service answers with (xml.js getParserOptions), so names
// decode exactly as the SDK decodes them; Blob is always an array. The SDK also validates the
// whole document first, which costs as much as parsing it; a malformed page fails below instead.
const parser = new XMLParser({
  attributesGroupName: '$',
  textNodeName: '#',
  ignoreAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  attributeNamePrefix: '',
  processEntities: true,
  trimValues: false,
  isArray: (_name, jpath) => jpath === 'EnumerationResults.Blobs.Blob',
});

const text = (value: XmlText | undefined): string =>
  typeof value === 'object' ? (value['#'] ?? '') : (value ?? '');

/** A blob name: percent-decoded when the service marked it `Encoded="true"` (names with characters XML cannot carry). */
const blobName = (value: XmlText | undefined): string =>
  typeof value === 'object' && value.$?.Encoded === 'true'
    ? decodeURIComponent(text(value))
    : text(value);

/**
 * Parses a List Blobs answer (https://learn.microsoft.com/rest/api/storageservices/list-blobs,
 * "Response body") into its blobs and next marker. Throws an Error naming what is missing when
 * the document is not an `EnumerationResults`.
 */
export function parseListBlobs(xml: string): ListBlobsPage {
  const doc = parser.parse(xml) as {
    EnumerationResults?: { Blobs?: { Blob?: XmlBlob[] } | string; NextMarker?: string };
  };
  const results = doc.EnumerationResults;
  if (!results) throw new Error('The List Blobs answer has no EnumerationResults element.');
  const items = typeof results.Blobs === 'object' ? (results.Blobs.Blob ?? []) : [];
  const blobs = items.map((blob): ListedBlobItem => {
    const p = blob.Properties ?? {};
    const md5 = Buffer.from(p['Content-MD5'] ?? '', 'base64');
    return {
      name: blobName(blob.Name),
      isFolderMarker: text(blob.Metadata?.[folderMarkerKey]) === 'true',
      size: Number(p['Content-Length'] ?? 0),
      etag: p.Etag ?? '',
      lastModified: new Date(p['Last-Modified'] ?? 0),
      ...(md5.length > 0 ? { contentMD5: new Uint8Array(md5) } : {}),
    };
  });
  const nextMarker = text(results.NextMarker);
  return { blobs, ...(nextMarker ? { nextMarker } : {}) };
}
