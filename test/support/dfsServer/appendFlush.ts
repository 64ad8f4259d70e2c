import type { BlobHTTPHeaders } from '@azure/storage-blob';
import { randomUUID } from 'node:crypto';
import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { dfsErrors } from './dfsErrors.js';

/** One appended but not yet flushed range, staged in Azurite as an uncommitted block. */
interface PendingBlock {
  position: number;
  length: number;
  blockId: string;
}

/** Per-file appended data awaiting a flush, keyed by `filesystem/path`. */
export class PendingAppends {
  private readonly files = new Map<string, PendingBlock[]>();

  add(fs: string, path: string, block: PendingBlock): void {
    const key = `${fs}/${path}`;
    this.files.set(key, [...(this.files.get(key) ?? []), block]);
  }

  get(fs: string, path: string): PendingBlock[] {
    return [...(this.files.get(`${fs}/${path}`) ?? [])].sort((a, b) => a.position - b.position);
  }

  set(fs: string, path: string, blocks: PendingBlock[]): void {
    if (blocks.length === 0) this.files.delete(`${fs}/${path}`);
    else this.files.set(`${fs}/${path}`, blocks);
  }

  /** Forgets the pending data of a path and (with `subtree`) of everything below it. */
  clear(fs: string, path: string, subtree = false): void {
    const key = `${fs}/${path}`;
    for (const k of [...this.files.keys()]) {
      if (k === key || (subtree && k.startsWith(path === '' ? `${fs}/` : `${key}/`))) {
        this.files.delete(k);
      }
    }
  }
}

const parsePosition = (req: DfsRequest): number => {
  const raw = req.query.get('position');
  const position = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(position) || position < 0) throw dfsErrors.invalidQueryParameterValue();
  return position;
};

const requireFile = async (ctx: DfsContext, req: DfsRequest) => {
  const state = await ctx.store.resolveIn(req.fs, req.path);
  if (state.kind === 'none') throw dfsErrors.pathNotFound();
  if (state.kind === 'directory') throw dfsErrors.pathConflict();
  return state.blob;
};

/**
 * Path - Update `action=append&position=N` (optionally `&flush=true`): stages the body as an
 * uncommitted block of the file's block blob in Azurite; answers 202.
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 * Errors: 404 PathNotFound, 409 PathConflict (a directory), 400 InvalidFlushPosition when
 * `position` is before the committed end of the file.
 */
export const appendData = async (
  ctx: DfsContext,
  req: DfsRequest,
  body: Buffer,
): Promise<Record<string, string>> => {
  const position = parsePosition(req);
  const blob = await requireFile(ctx, req);
  if (position < blob.contentLength) throw dfsErrors.invalidFlushPosition();
  if (body.length > 0) {
    const blockId = Buffer.from(randomUUID()).toString('base64');
    await ctx.store
      .container(req.fs)
      .getBlockBlobClient(req.path)
      .stageBlock(blockId, body, body.length);
    ctx.pending.add(req.fs, req.path, { position, length: body.length, blockId });
  }
  if (req.query.get('flush') === 'true') {
    return ctx.exclusive(() => commit(ctx, req, position + body.length));
  }
  return { 'x-ms-request-server-encrypted': 'false' };
};

/**
 * Path - Update `action=flush&position=N`: commits the appended ranges covering exactly
 * [current length, N) in position order, setting `x-ms-content-*` headers when given (others are
 * kept). Answers 200 with ETag/Last-Modified; 400 InvalidFlushPosition when the appended data
 * is not contiguous up to N. Data past N is discarded unless `retainUncommittedData=true`.
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 */
export const flushData = (ctx: DfsContext, req: DfsRequest): Promise<Record<string, string>> =>
  ctx.exclusive(() => commit(ctx, req, parsePosition(req)));

const commit = async (
  ctx: DfsContext,
  req: DfsRequest,
  position: number,
): Promise<Record<string, string>> => {
  const blob = await requireFile(ctx, req);
  const pending = ctx.pending.get(req.fs, req.path);
  let end = blob.contentLength;
  if (position < end) throw dfsErrors.invalidFlushPosition();
  const used: PendingBlock[] = [];
  for (const block of pending) {
    if (end === position) break;
    if (block.position !== end || block.position + block.length > position) {
      throw dfsErrors.invalidFlushPosition();
    }
    used.push(block);
    end += block.length;
  }
  if (end !== position) throw dfsErrors.invalidFlushPosition();

  const client = ctx.store.container(req.fs).getBlockBlobClient(req.path);
  const props = await client.getProperties();
  const committed = (await client.getBlockList('committed')).committedBlocks ?? [];
  let baseIds = committed.map((b) => b.name);
  const committedSize = committed.reduce((n, b) => n + b.size, 0);
  if (committedSize !== blob.contentLength) {
    // Content written by a single Put Blob has no blocks: restage it as the first block.
    const baseId = Buffer.from(randomUUID()).toString('base64');
    const content = blob.contentLength > 0 ? await client.downloadToBuffer() : Buffer.alloc(0);
    baseIds = [];
    if (content.length > 0) {
      await client.stageBlock(baseId, content, content.length);
      baseIds = [baseId];
    }
  }
  const given = (name: string) => header(req, name);
  const headers: BlobHTTPHeaders = {
    blobCacheControl: given('x-ms-cache-control') ?? props.cacheControl,
    blobContentType: given('x-ms-content-type') ?? props.contentType,
    blobContentDisposition: given('x-ms-content-disposition') ?? props.contentDisposition,
    blobContentEncoding: given('x-ms-content-encoding') ?? props.contentEncoding,
    blobContentLanguage: given('x-ms-content-language') ?? props.contentLanguage,
  };
  const md5 = given('x-ms-content-md5');
  if (md5) headers.blobContentMD5 = Buffer.from(md5, 'base64');
  const result = await client.commitBlockList([...baseIds, ...used.map((b) => b.blockId)], {
    blobHTTPHeaders: headers,
    metadata: props.metadata,
  });
  const retain = req.query.get('retainUncommittedData') === 'true';
  ctx.pending.set(
    req.fs,
    req.path,
    retain ? pending.filter((b) => !used.includes(b) && b.position >= position) : [],
  );
  return {
    etag: result.etag ?? '',
    'last-modified': (result.lastModified ?? new Date()).toUTCString(),
    'x-ms-request-server-encrypted': 'false',
  };
};
