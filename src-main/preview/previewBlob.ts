import type { BlobClient } from '@azure/storage-blob';
import type { Preview } from '../../shared/contract/preview.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { avroBody } from './avro.js';
import { hexBytes, type PreviewBody } from './body.js';
import { contentBody, prefixKinds } from './contentBody.js';
import { gunzipPrefix } from './gunzipPrefix.js';
import { imageBody } from './image.js';
import { parquetBody } from './parquet.js';
import { abortFailure, createRangeReader, type RangeReader } from './rangeReader.js';
import {
  extensionOf,
  imageMimeType,
  kindFromBytes,
  kindFromContentType,
  kindFromName,
  sniffBytes,
} from './sniff.js';

/** How much to read and for how long; see `previewBlob`. */
export interface PreviewOptions {
  /** Rows for table previews (the contract allows 1–1,000). */
  maxRows: number;
  /** Bytes of text (and of decompressed `.gz` content) to show; default 1 MiB. */
  textCapBytes?: number;
  /** Aborting it stops the preview with a `Cancelled` failure and aborts the request in flight. */
  signal?: AbortSignal;
  /** Deadline for the whole preview in ms, default 30,000; past it a `Timeout` failure. */
  timeoutMs?: number;
}

/** Default text cap: 1 MiB. */
export const defaultTextCapBytes = 1024 * 1024;
/** Default deadline of a whole preview: 30 s. */
export const defaultPreviewTimeoutMs = 30_000;

/** The blob's content, decompressed when it is gzip, previewed as `kind` from its first bytes. */
async function gzipBody(reader: RangeReader, name: string, capBytes: number, maxRows: number) {
  const inner = await gunzipPrefix(reader, capBytes);
  const ext = extensionOf(name);
  const innerName = ext === 'gz' || ext === 'gzip' ? name.slice(0, -(ext.length + 1)) : name;
  const named = kindFromName(innerName);
  const kind = named ?? kindFromBytes(inner.bytes.subarray(0, sniffBytes));
  const body = contentBody(prefixKinds.has(kind) ? kind : 'hex', inner, maxRows);
  return { ...body, notes: inner.problem ? [inner.problem, ...body.notes] : body.notes };
}

async function buildPreview(
  blob: BlobClient,
  options: PreviewOptions,
  signal: AbortSignal,
): Promise<Preview> {
  const props = await blob.getProperties({ abortSignal: signal });
  const size = props.contentLength ?? 0;
  const name = blob.name.slice(blob.name.lastIndexOf('/') + 1);
  const reader = createRangeReader(blob, size, signal);
  const cap = options.textCapBytes ?? defaultTextCapBytes;
  let head: Uint8Array | undefined;
  const sniff = async () => (head ??= await reader.read(0, sniffBytes));
  const kind =
    kindFromName(name) ?? kindFromContentType(props.contentType) ?? kindFromBytes(await sniff());
  let body: PreviewBody;
  switch (kind) {
    case 'parquet':
      body = await parquetBody(reader, options.maxRows);
      break;
    case 'avro':
      body = await avroBody(reader, options.maxRows);
      break;
    case 'gzip':
      body = await gzipBody(reader, blob.name, cap, options.maxRows);
      break;
    case 'image': {
      const mime = imageMimeType(name, props.contentType, await sniff());
      body = mime
        ? await imageBody(reader, mime)
        : contentBody('hex', await prefix(reader, hexBytes, head), 0);
      break;
    }
    default: {
      const bytes = await prefix(reader, kind === 'hex' ? hexBytes : cap, head);
      body = contentBody(kind, bytes, options.maxRows);
    }
  }
  return {
    name,
    size,
    ...(props.contentType ? { contentType: props.contentType } : {}),
    ...(props.lastModified ? { lastModified: props.lastModified.toISOString() } : {}),
    ...(kind === 'gzip' ? { compression: 'gzip' as const } : {}),
    ...body,
    bytesRead: reader.bytesRead,
  } as Preview;
}

/** The first `capBytes` of the blob as content, reusing the sniffed `head` rather than reading it again. */
async function prefix(reader: RangeReader, capBytes: number, head?: Uint8Array) {
  const known = head ? head.subarray(0, capBytes) : new Uint8Array(0);
  const rest = await reader.read(known.length, capBytes - known.length);
  const bytes = known.length === 0 ? rest : new Uint8Array(Buffer.concat([known, rest]));
  return { bytes, truncated: reader.size > bytes.length, totalBytes: reader.size };
}

/**
 * Previews one blob, reading only the byte ranges it needs: properties once, then the kind
 * by extension, content type, then the first bytes (magic numbers), and a kind-specific read
 * (text and CSV/TSV/NDJSON/JSON: the first `textCapBytes`; Parquet: footer and first row
 * groups; Avro: first 4 MiB; images: whole, up to 20 MiB; gzip: decompressed up to the cap;
 * anything else: the first 64 KiB as hex). Malformed content gives a partial preview with
 * notes, not an error. Throws `LakeFailure` `Timeout` past `timeoutMs` and `Cancelled` when
 * `signal` aborts (the request in flight is aborted too); SDK errors (e.g. a 404) propagate.
 */
export async function previewBlob(blob: BlobClient, options: PreviewOptions): Promise<Preview> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? defaultPreviewTimeoutMs;
  const cancel = () =>
    controller.abort(new LakeFailure({ code: 'Cancelled', message: 'The preview was cancelled.' }));
  const timer = setTimeout(
    () =>
      controller.abort(
        new LakeFailure({
          code: 'Timeout',
          message: `The preview took longer than ${timeoutMs} ms.`,
        }),
      ),
    timeoutMs,
  );
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    const rejectNow = () => reject(abortFailure(controller.signal));
    if (controller.signal.aborted) rejectNow();
    else controller.signal.addEventListener('abort', rejectNow, { once: true });
  });
  aborted.catch(() => undefined);
  const work = buildPreview(blob, options, controller.signal);
  work.catch(() => undefined); // after an abort, its late failure is already answered
  try {
    return await Promise.race([work, aborted]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}
