import type { DfsContext, DfsRequest } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import { checkConditions, etagOf } from './createPath.js';

/**
 * Path - Delete (`DELETE /{fs}/{path}?recursive=true|false[&continuation=]`):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/delete
 * A file: its blob is deleted. A directory: non-recursive only when empty (else 409
 * DirectoryNotEmpty); recursive removes at most `deletePageSize` blobs per call, deepest first
 * and the directory marker last, and answers 200 with `x-ms-continuation` while paths remain
 * (the SDK repeats the call with it). Errors: 404 PathNotFound, 404 FilesystemNotFound,
 * 412 ConditionNotMet. The parents of the deleted path stay (they are made explicit first).
 */
export const deletePath = (ctx: DfsContext, req: DfsRequest): Promise<Record<string, string>> =>
  ctx.exclusive(async (): Promise<Record<string, string>> => {
    const recursive = req.query.get('recursive');
    if (recursive !== 'true' && recursive !== 'false') throw dfsErrors.invalidQueryParameterValue();
    const state = await ctx.store.resolveIn(req.fs, req.path);
    if (state.kind === 'none') throw dfsErrors.pathNotFound();
    checkConditions(req, state, etagOf(req.fs, req.path, state));
    await ctx.store.materializeAncestors(req.fs, req.path);
    if (state.kind === 'file') {
      await ctx.store.deleteBlob(req.fs, req.path);
      ctx.acls.delete(req.fs, req.path, false);
      ctx.pending.clear(req.fs, req.path);
      return {};
    }
    if (recursive === 'false') {
      if ((await ctx.store.descendants(req.fs, req.path, 1)).length > 0) {
        throw dfsErrors.directoryNotEmpty();
      }
      if (req.path !== '') await ctx.store.deleteBlob(req.fs, req.path);
      ctx.acls.delete(req.fs, req.path, false);
      return {};
    }
    const children = await ctx.store.descendants(req.fs, req.path);
    const deepestFirst = children.map((b) => b.name).sort((a, b) => (a < b ? 1 : -1));
    const batch = deepestFirst.slice(0, ctx.deletePageSize);
    for (let i = 0; i < batch.length; i += 8) {
      await Promise.all(batch.slice(i, i + 8).map((name) => ctx.store.deleteBlob(req.fs, name)));
    }
    const remaining = deepestFirst.length - batch.length;
    if (remaining > 0 || (state.marker && batch.length === ctx.deletePageSize)) {
      const token = Buffer.from(`delete:${req.fs}/${req.path}:${remaining}`).toString('base64');
      return { 'x-ms-continuation': token };
    }
    if (state.marker) await ctx.store.deleteBlob(req.fs, req.path);
    ctx.acls.delete(req.fs, req.path, true);
    ctx.pending.clear(req.fs, req.path, true);
    return {};
  });
