import { randomUUID } from 'node:crypto';
import { convertFile } from '../query/convertFile.js';
import type { ConvertRunner } from '../transfers/convertJob.js';
import type { QueryRuntime } from './queryHandlers.js';

/**
 * The DuckDB side of a conversion job (`transfers.enqueueConvert`): `convertFile` on the query
 * runtime's worker and cache, the source fetched and the target uploaded through the job's
 * transfer engine (so their bytes are the job's progress and share its request limit), each
 * connection's own credential signing its side. The target is written only if absent unless
 * `overwrite` (`If-None-Match: *`), so a blob created meanwhile is never replaced.
 */
export function createConvertRunner(runtime: QueryRuntime): ConvertRunner {
  return (args, ctx) =>
    runtime.run(`convert-${randomUUID()}`, async (deps) => {
      const from = await ctx.container(args.source.connectionId, args.source.container);
      const to = await ctx.container(args.target.connectionId, args.target.container);
      const { codec, rowGroupSize, types, maxRejects, overwrite } = args;
      return convertFile(deps, from, args.source.path, to, args.target.path, {
        to: args.to,
        signal: ctx.signal,
        io: {
          fetch: (container, fills) =>
            ctx.fetch(
              container,
              fills.map((f) => ({
                blobName: f.blob.blobName,
                size: f.blob.size,
                etag: f.blob.etag,
                localPath: f.localPath,
              })),
            ),
          upload: (container, localFile, blobName, _signal, createOnly) =>
            ctx.upload(container, localFile, blobName, { createOnly }),
        },
        onProgress: ctx.progress,
        ...(codec ? { codec } : {}),
        ...(rowGroupSize ? { rowGroupSize } : {}),
        ...(types ? { types } : {}),
        ...(maxRejects === undefined ? {} : { maxRejects }),
        ...(overwrite ? { overwrite } : {}),
      });
    });
}
