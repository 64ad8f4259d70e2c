import { httpHeadersOf } from '../blobHeaders.js';
import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import { checkConditions, etagOf } from './createPath.js';
import type { BlobInfo } from './pathStore.js';
import { parentOf } from './pathStore.js';

/**
 * Splits `x-ms-rename-source` (`/{filesystem}/{path}[?sas]`, URL-encoded; with IP-style URLs the
 * SDK puts the account name first, which is dropped) into filesystem and decoded path.
 */
export const parseRenameSource = (
  accountName: string,
  value: string,
): { fs: string; path: string } => {
  const pathPart = value.split('?')[0] ?? '';
  const segments = pathPart.split('/').filter((s, i) => !(i === 0 && s === ''));
  let decoded: string[];
  try {
    decoded = segments.map(decodeURIComponent);
  } catch {
    throw dfsErrors.invalidHeaderValue();
  }
  if (decoded[0] === accountName && decoded.length > 1) decoded.shift();
  const fs = decoded[0] ?? '';
  if (!fs) throw dfsErrors.invalidHeaderValue();
  return {
    fs,
    path: decoded
      .slice(1)
      .join('/')
      .replace(/^\/+|\/+$/g, ''),
  };
};

/** Copies one blob (content, content headers, metadata) server-side in Azurite. */
const copyBlob = async (
  ctx: DfsContext,
  fromFs: string,
  from: string,
  toFs: string,
  to: string,
): Promise<void> => {
  const source = ctx.store.container(fromFs).getBlobClient(from);
  const target = ctx.store.container(toFs).getBlockBlobClient(to);
  try {
    const poller = await target.beginCopyFromURL(source.url);
    await poller.pollUntilDone();
  } catch {
    // Fallback for copies Azurite refuses: download and upload with the same properties.
    const props = await source.getProperties();
    const content = await source.downloadToBuffer();
    await target.uploadData(content, {
      metadata: props.metadata,
      blobHTTPHeaders: httpHeadersOf(props),
    });
  }
};

const inBatches = async <T>(items: T[], size: number, work: (item: T) => Promise<void>) => {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(work));
};

/**
 * Path - Create with `x-ms-rename-source` (rename/move of a file or a directory subtree, `mode`
 * legacy or posix behave alike here):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create
 * Copies every blob of the source into place in Azurite, then deletes the sources, under the
 * server's DFS lock (atomic for DFS observers). Answers 201 with ETag/Last-Modified.
 * Errors: 404 SourcePathNotFound, 404 FilesystemNotFound (destination filesystem),
 * 404 RenameDestinationParentPathNotFound, 409 PathAlreadyExists (`If-None-Match: *`),
 * 409 InvalidSourceOrDestinationResourceType (file onto directory or back),
 * 409 DirectoryNotEmpty (non-empty destination directory), 409 InvalidRenameSourcePath
 * (directory into its own subtree), 409 InvalidDestinationPath (destination parent is a file),
 * 412 ConditionNotMet / SourceConditionNotMet.
 */
export const renamePath = (ctx: DfsContext, req: DfsRequest): Promise<Record<string, string>> =>
  ctx.exclusive(async () => {
    const src = parseRenameSource(ctx.accountName, header(req, 'x-ms-rename-source') ?? '');
    if (src.path === '' || req.path === '') throw dfsErrors.invalidRenameSourcePath();
    const srcState = await ctx.store.resolveIn(src.fs, src.path).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'FilesystemNotFound')
        throw dfsErrors.sourcePathNotFound();
      throw e;
    });
    if (srcState.kind === 'none') throw dfsErrors.sourcePathNotFound();
    checkConditions(req, srcState, etagOf(src.fs, src.path, srcState), 'x-ms-source-');
    const destState = await ctx.store.resolveIn(req.fs, req.path);
    const same = src.fs === req.fs && src.path === req.path;
    if (!same) {
      if (
        srcState.kind === 'directory' &&
        src.fs === req.fs &&
        req.path.startsWith(`${src.path}/`)
      ) {
        throw dfsErrors.invalidRenameSourcePath();
      }
      const parent = parentOf(req.path);
      if (parent !== '') {
        const parentState = await ctx.store.resolve(req.fs, parent);
        if (parentState.kind === 'none') throw dfsErrors.renameDestinationParentPathNotFound();
        if (parentState.kind === 'file') throw dfsErrors.invalidDestinationPath();
      }
      checkConditions(req, destState, etagOf(req.fs, req.path, destState));
      if (destState.kind !== 'none') {
        if (destState.kind !== srcState.kind)
          throw dfsErrors.invalidSourceOrDestinationResourceType();
        if (
          destState.kind === 'directory' &&
          (await ctx.store.descendants(req.fs, req.path, 1)).length > 0
        ) {
          throw dfsErrors.destinationDirectoryNotEmpty();
        }
      }
      await ctx.store.materializeAncestors(src.fs, src.path);
      await ctx.store.materializeAncestors(req.fs, req.path);
      if (srcState.kind === 'file') {
        await copyBlob(ctx, src.fs, src.path, req.fs, req.path);
        await ctx.store.deleteBlob(src.fs, src.path);
      } else {
        await moveDirectory(ctx, src, req, srcState.marker);
      }
      ctx.acls.move(src.fs, src.path, req.fs, req.path);
      ctx.pending.clear(src.fs, src.path, true);
      ctx.pending.clear(req.fs, req.path, true);
    }
    const moved = await ctx.store.resolve(req.fs, req.path);
    const blob =
      moved.kind === 'file' ? moved.blob : moved.kind === 'directory' ? moved.marker : undefined;
    return {
      etag: etagOf(req.fs, req.path, moved),
      'last-modified': (blob?.lastModified ?? new Date()).toUTCString(),
      'content-length': '0',
    };
  });

const moveDirectory = async (
  ctx: DfsContext,
  src: { fs: string; path: string },
  dest: DfsRequest,
  marker: BlobInfo | undefined,
): Promise<void> => {
  const children = await ctx.store.descendants(src.fs, src.path);
  const rename = (name: string) => dest.path + name.slice(src.path.length);
  if (marker) await copyBlob(ctx, src.fs, src.path, dest.fs, dest.path);
  else await ctx.store.writeMarker(dest.fs, dest.path);
  await inBatches(children, 8, (b) => copyBlob(ctx, src.fs, b.name, dest.fs, rename(b.name)));
  const deepestFirst = [...children].sort((a, b) => (a.name < b.name ? 1 : -1));
  await inBatches(deepestFirst, 8, (b) => ctx.store.deleteBlob(src.fs, b.name));
  if (marker) await ctx.store.deleteBlob(src.fs, src.path);
};
