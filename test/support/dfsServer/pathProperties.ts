import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { checkConditions, etagOf, parseProperties } from './createPath.js';
import { dfsErrors } from './dfsErrors.js';

/**
 * Path - Update `action=setProperties`: replaces the user properties (`x-ms-properties`) and,
 * for files, the `x-ms-content-*` headers given; answers 200 with ETag/Last-Modified.
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 * Errors: 404 PathNotFound, 400 InvalidHeaderValue, 412 ConditionNotMet.
 */
export const setPathProperties = (
  ctx: DfsContext,
  req: DfsRequest,
): Promise<Record<string, string>> =>
  ctx.exclusive(async () => {
    const action = req.query.get('action');
    if (action !== null && action !== 'setProperties') throw dfsErrors.invalidQueryParameterValue();
    const state = await ctx.store.resolveIn(req.fs, req.path);
    if (state.kind === 'none') throw dfsErrors.pathNotFound();
    checkConditions(req, state, etagOf(req.fs, req.path, state));
    const properties = header(req, 'x-ms-properties');
    if (req.path === '') {
      const r = await ctx.store.container(req.fs).setMetadata(parseProperties(properties));
      return { etag: r.etag ?? '', 'last-modified': (r.lastModified ?? new Date()).toUTCString() };
    }
    if (state.kind === 'directory' && !state.marker) await ctx.store.writeMarker(req.fs, req.path);
    const client = ctx.store.container(req.fs).getBlobClient(req.path);
    if (properties !== undefined) {
      const metadata = parseProperties(properties);
      if (state.kind === 'directory') metadata.hdi_isfolder = 'true';
      await client.setMetadata(metadata);
    }
    if (state.kind === 'file') {
      const props = await client.getProperties();
      const h = (n: string) => header(req, n);
      await client.setHTTPHeaders({
        blobCacheControl: h('x-ms-cache-control') ?? props.cacheControl,
        blobContentType: h('x-ms-content-type') ?? props.contentType,
        blobContentDisposition: h('x-ms-content-disposition') ?? props.contentDisposition,
        blobContentEncoding: h('x-ms-content-encoding') ?? props.contentEncoding,
        blobContentLanguage: h('x-ms-content-language') ?? props.contentLanguage,
        blobContentMD5: props.contentMD5,
      });
    }
    const after = await client.getProperties();
    return {
      etag: after.etag ?? '',
      'last-modified': (after.lastModified ?? new Date()).toUTCString(),
    };
  });
