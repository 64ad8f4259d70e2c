import type { DataLakeFileSystemClient, Path } from '@azure/storage-file-datalake';
import type { PathEntry, PathPage } from '../../shared/contract/index.js';
import { lastSegment } from '../storage/blobEntry.js';

/** A DFS List Paths item as a listing entry: directories by name, files with size, time and ETag. */
export function pathItemEntry(item: Path): PathEntry {
  const path = item.name ?? '';
  if (item.isDirectory) return { kind: 'directory', name: lastSegment(path), path };
  return {
    kind: 'file',
    name: lastSegment(path),
    path,
    size: item.contentLength ?? 0,
    lastModified: (item.lastModified ?? new Date(0)).toISOString(),
    ...(item.etag ? { etag: item.etag } : {}),
  };
}

/**
 * One page of the HNS directory `directory` (`''` for the filesystem root) through the DFS
 * List Paths call, non-recursive
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/list):
 * real directories, empty ones included, then files, at most `pageSize` (1–5,000) items, in
 * the service's order, with the continuation token of the next page. Rejects with the
 * SDK's RestError (404 PathNotFound, FilesystemNotFound; 403 …).
 */
export async function listHnsDirectory(
  fileSystem: DataLakeFileSystemClient,
  directory: string,
  page: { pageSize: number; continuationToken?: string; abortSignal?: AbortSignal },
): Promise<PathPage> {
  const iterator = fileSystem
    .listPaths({
      recursive: false,
      ...(directory ? { path: directory } : {}),
      ...(page.abortSignal ? { abortSignal: page.abortSignal } : {}),
    })
    .byPage({
      maxPageSize: page.pageSize,
      ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
    });
  const { value, done } = await iterator.next();
  if (done || !value) return { entries: [] };
  const entries = (value.pathItems ?? []).map(pathItemEntry);
  const directories = entries.filter((e) => e.kind === 'directory');
  const files = entries.filter((e) => e.kind === 'file');
  return {
    entries: [...directories, ...files],
    ...(value.continuation ? { continuationToken: value.continuation } : {}),
  };
}
