import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { formatProperties, parseProperties } from './createPath.js';
import { dfsErrors } from './dfsErrors.js';

const statusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null ? (e as { statusCode?: number }).statusCode : undefined;

/**
 * Filesystem operations sent to the DFS endpoint (`resource=filesystem` on PUT/DELETE/HEAD/PATCH),
 * mapped onto Azurite containers:
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/filesystem/create
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/filesystem/delete
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/filesystem/get-properties
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/filesystem/set-properties
 * Create → 201 (409 FilesystemAlreadyExists); Delete → 202 (404 FilesystemNotFound);
 * Get Properties → 200 with x-ms-properties and x-ms-namespace-enabled: true; Set Properties → 200.
 */
export const filesystemOperation = async (
  ctx: DfsContext,
  req: DfsRequest,
): Promise<{ status: number; headers: Record<string, string> }> => {
  const container = ctx.store.container(req.fs);
  try {
    switch (req.method) {
      case 'PUT': {
        const r = await container.create({
          metadata: parseProperties(header(req, 'x-ms-properties')),
        });
        return {
          status: 201,
          headers: {
            etag: r.etag ?? '',
            'last-modified': (r.lastModified ?? new Date()).toUTCString(),
            'x-ms-namespace-enabled': 'true',
          },
        };
      }
      case 'DELETE':
        await container.delete();
        ctx.acls.deleteFilesystem(req.fs);
        return { status: 202, headers: {} };
      case 'HEAD': {
        const p = await container.getProperties();
        return {
          status: 200,
          headers: {
            etag: p.etag ?? '',
            'last-modified': (p.lastModified ?? new Date()).toUTCString(),
            'x-ms-properties': formatProperties(p.metadata ?? {}),
            'x-ms-namespace-enabled': 'true',
          },
        };
      }
      case 'PATCH': {
        const r = await container.setMetadata(parseProperties(header(req, 'x-ms-properties')));
        return {
          status: 200,
          headers: {
            etag: r.etag ?? '',
            'last-modified': (r.lastModified ?? new Date()).toUTCString(),
          },
        };
      }
      default:
        throw dfsErrors.unsupportedHttpVerb();
    }
  } catch (e) {
    if (statusOf(e) === 404) throw dfsErrors.filesystemNotFound();
    if (statusOf(e) === 409 && req.method === 'PUT') throw dfsErrors.filesystemAlreadyExists();
    throw e;
  }
};
