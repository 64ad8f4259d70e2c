/** What a blob is previewed as, before reading it. `gzip`: decompress, then preview the inner content. */
export type ContentKind =
  'parquet' | 'avro' | 'csv' | 'tsv' | 'json' | 'ndjson' | 'text' | 'image' | 'gzip' | 'hex';

/** Bytes read from the start of a blob when neither its name nor its content type decides. */
export const sniffBytes = 4096;

const byExtension = new Map<string, ContentKind>(
  Object.entries({
    parquet: 'parquet',
    pq: 'parquet',
    avro: 'avro',
    csv: 'csv',
    tsv: 'tsv',
    tab: 'tsv',
    json: 'json',
    ndjson: 'ndjson',
    jsonl: 'ndjson',
    gz: 'gzip',
    gzip: 'gzip',
    png: 'image',
    jpg: 'image',
    jpeg: 'image',
    gif: 'image',
    webp: 'image',
    bmp: 'image',
    svg: 'image',
  } satisfies Record<string, ContentKind>),
);

const textExtensions = new Set(
  (
    'txt log md markdown rst xml yaml yml toml ini cfg conf properties env html htm css js mjs cjs ' +
    'ts tsx jsx py r sql sh bash ps1 bat java kt scala go rs c h cpp hpp cs rb php pl swift tf hcl ' +
    'dockerfile makefile gitignore lock'
  ).split(' '),
);

const imageMimeByExtension = new Map(
  Object.entries({
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    bmp: 'image/bmp',
    svg: 'image/svg+xml',
  }),
);

const imageMimes = new Set(imageMimeByExtension.values());

/** The lower-case extension of the last path segment (`''` when none). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The kind an extension stands for, or undefined when the extension says nothing. */
export function kindFromName(name: string): ContentKind | undefined {
  const ext = extensionOf(name);
  return byExtension.get(ext) ?? (textExtensions.has(ext) ? 'text' : undefined);
}

/** The kind a `Content-Type` stands for; undefined for generic types such as `application/octet-stream`. */
export function kindFromContentType(contentType: string | undefined): ContentKind | undefined {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (ct === 'text/csv') return 'csv';
  if (ct === 'text/tab-separated-values') return 'tsv';
  if (ct === 'application/json' || ct.endsWith('+json')) return 'json';
  if (
    ct === 'application/x-ndjson' ||
    ct === 'application/jsonl' ||
    ct === 'application/x-jsonlines'
  )
    return 'ndjson';
  if (ct === 'application/vnd.apache.parquet' || ct === 'application/x-parquet') return 'parquet';
  if (ct === 'avro/binary' || ct === 'application/avro') return 'avro';
  if (ct === 'application/gzip' || ct === 'application/x-gzip') return 'gzip';
  if (imageMimes.has(ct)) return 'image';
  if (ct.startsWith('text/') || ct === 'application/xml' || ct === 'application/javascript')
    return 'text';
  return undefined;
}

const startsWith = (head: Uint8Array, magic: number[], at = 0): boolean =>
  head.length >= at + magic.length && magic.every((b, i) => head[at + i] === b);

/** The image MIME type the first bytes announce (PNG, JPEG, GIF, WebP, BMP), if any. */
export function imageMimeFromBytes(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(head, [0x42, 0x4d]) && head.length >= 26) return 'image/bmp';
  return undefined;
}

/** The image MIME type from the name, the content type, then the bytes. */
export function imageMimeType(
  name: string,
  contentType: string | undefined,
  head: Uint8Array,
): string | undefined {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    imageMimeByExtension.get(extensionOf(name)) ??
    (imageMimes.has(ct) ? ct : imageMimeFromBytes(head))
  );
}

/** Whether the bytes look like text: a UTF-16 BOM, or no NUL and few control characters. */
export function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control <= head.length / 20;
}

/** The kind the first bytes announce: magic numbers (PAR1, Avro, gzip, images), then text or binary. */
export function kindFromBytes(head: Uint8Array): ContentKind {
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0x4f, 0x62, 0x6a, 0x01])) return 'avro';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (imageMimeFromBytes(head)) return 'image';
  if (!looksLikeText(head)) return 'hex';
  const first = new TextDecoder('latin1').decode(head.subarray(0, 64)).trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'text';
}
