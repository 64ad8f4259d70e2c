/** XML text helpers and the List Blobs / List Containers rewrites of the soft-delete stand-in. */

export const escapeXml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export const unescapeXml = (s: string): string =>
  s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A soft-deleted blob as this stand-in remembers it. */
export interface DeletedBlobRecord {
  container: string;
  name: string;
  deletedTime: Date;
  /** Retention (days) of the policy in force when the blob was deleted. */
  retentionDays: number;
  /** Name of the copy in the hidden shadow container. */
  shadowName: string;
  contentLength: number;
  contentType: string;
  contentEncoding?: string;
  contentLanguage?: string;
  contentDisposition?: string;
  cacheControl?: string;
  /** base64 */
  contentMD5?: string;
  lastModified: Date;
  createdOn?: Date;
  etag: string;
  metadata: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left before the service would purge the blob (at least 1 while it is kept). */
export const remainingRetentionDays = (r: DeletedBlobRecord, now: Date): number =>
  r.retentionDays - Math.floor((now.getTime() - r.deletedTime.getTime()) / DAY_MS);

const el = (tag: string, value: string | undefined): string =>
  value === undefined || value === '' ? `<${tag} />` : `<${tag}>${escapeXml(value)}</${tag}>`;

/**
 * The `<Blob>` element of a soft-deleted blob, shaped as in the List Blobs response body of
 * https://learn.microsoft.com/rest/api/storageservices/list-blobs (`<Deleted>true</Deleted>`,
 * and the `DeletedTime` and `RemainingRetentionDays` properties, present for soft-deleted blobs
 * listed with `include=deleted`).
 */
export const deletedBlobXml = (r: DeletedBlobRecord, now: Date, withMetadata: boolean): string => {
  const props = [
    r.createdOn ? el('Creation-Time', r.createdOn.toUTCString()) : '',
    el('Last-Modified', r.lastModified.toUTCString()),
    el('Etag', r.etag.replace(/^"|"$/g, '')),
    el('Content-Length', String(r.contentLength)),
    el('Content-Type', r.contentType),
    el('Content-Encoding', r.contentEncoding),
    el('Content-Language', r.contentLanguage),
    el('Content-MD5', r.contentMD5),
    el('Cache-Control', r.cacheControl),
    el('Content-Disposition', r.contentDisposition),
    el('BlobType', 'BlockBlob'),
    el('ServerEncrypted', 'true'),
    el('DeletedTime', r.deletedTime.toUTCString()),
    el('RemainingRetentionDays', String(remainingRetentionDays(r, now))),
  ].join('');
  const metadata = withMetadata
    ? `<Metadata>${Object.entries(r.metadata)
        .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
        .join('')}</Metadata>`
    : '';
  return `<Blob><Name>${escapeXml(r.name)}</Name><Deleted>true</Deleted><Properties>${props}</Properties>${metadata}</Blob>`;
};

interface Item {
  name: string;
  xml: string;
}

const NAME_RE = /<Name(?:\s[^>]*)?>([\s\S]*?)<\/Name>/;
const ITEM_RE = /<Blob>[\s\S]*?<\/Blob>|<BlobPrefix>[\s\S]*?<\/BlobPrefix>/g;
const BLOBS_RE = /<Blobs\s*\/>|<Blobs>([\s\S]*?)<\/Blobs>/;

/**
 * Inserts the soft-deleted blobs `deleted` (already filtered to the listed container) into an
 * Azurite List Blobs body, as the service would list them with `include=deleted`: blobs whose
 * name starts with `prefix`; with a `delimiter`, a deleted blob below the next delimiter adds its
 * `<BlobPrefix>` unless the page already has it. Entries stay sorted by name. Only the page at hand
 * is changed: deleted blobs are added to it whatever its marker/NextMarker (single-page listings).
 */
export const spliceDeletedBlobs = (
  xml: string,
  deleted: DeletedBlobRecord[],
  options: { prefix: string; delimiter: string; withMetadata: boolean; now: Date },
): string => {
  const { prefix, delimiter, withMetadata, now } = options;
  const match = BLOBS_RE.exec(xml);
  const inner = match?.[1] ?? '';
  const items: Item[] = (inner.match(ITEM_RE) ?? []).map((x) => ({
    name: unescapeXml(NAME_RE.exec(x)?.[1] ?? ''),
    xml: x,
  }));
  const prefixes = new Set(
    items.filter((i) => i.xml.startsWith('<BlobPrefix>')).map((i) => i.name),
  );
  for (const r of deleted) {
    if (!r.name.startsWith(prefix)) continue;
    const rest = r.name.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (cut >= 0) {
      const p = prefix + rest.slice(0, cut + delimiter.length);
      if (prefixes.has(p)) continue;
      prefixes.add(p);
      items.push({ name: p, xml: `<BlobPrefix><Name>${escapeXml(p)}</Name></BlobPrefix>` });
      continue;
    }
    items.push({ name: r.name, xml: deletedBlobXml(r, now, withMetadata) });
  }
  // Stable sort: a live blob stays ahead of a deleted one of the same name.
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const blobs = `<Blobs>${items.map((i) => i.xml).join('')}</Blobs>`;
  if (match) return xml.slice(0, match.index) + blobs + xml.slice(match.index + match[0].length);
  const at = xml.search(/<NextMarker|<\/EnumerationResults>/);
  return at < 0 ? xml : xml.slice(0, at) + blobs + xml.slice(at);
};

/** Removes the `<Container>` named `hidden` from a List Containers body. */
export const hideContainer = (xml: string, hidden: string): string =>
  xml.replace(/<Container>[\s\S]*?<\/Container>/g, (c) =>
    unescapeXml(NAME_RE.exec(c)?.[1] ?? '') === hidden ? '' : c,
  );
