import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { dfsErrors } from './dfsErrors.js';

/**
 * The hierarchical view of a container kept in Azurite: a file is a block blob of the same name,
 * a directory is a zero-length blob with metadata `hdi_isfolder=true` (as HNS accounts show
 * directories through the Blob API) or, implicitly, any prefix `a/b/` of a blob name.
 */

/** One blob as this server needs it. */
export interface BlobInfo {
  name: string;
  isDirectoryMarker: boolean;
  contentLength: number;
  lastModified: Date;
  createdOn: Date;
  etag: string;
  metadata: Record<string, string>;
}

/** What a path is: a file, a directory (with or without marker blob) or nothing. */
export type PathState =
  | { kind: 'file'; blob: BlobInfo }
  | { kind: 'directory'; marker: BlobInfo | undefined; sample: BlobInfo | undefined }
  | { kind: 'none' };

/** True when blob metadata marks a directory (`hdi_isfolder=true`, any key case). */
export const isFolderMetadata = (metadata: Record<string, string> | undefined): boolean =>
  Object.entries(metadata ?? {}).some(
    ([k, v]) => k.toLowerCase() === 'hdi_isfolder' && v.toLowerCase() === 'true',
  );

/** The parent path of `path` ('' for top-level paths). */
export const parentOf = (path: string): string => {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
};

/** Every proper ancestor of `path`, outermost first (`a/b/c` → `a`, `a/b`). */
export const ancestorsOf = (path: string): string[] => {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
};

/** Orders paths as the service lists them: segment by segment, so a directory precedes its contents. */
export const comparePaths = (a: string, b: string): number => {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return as.length - bs.length;
};

/** A stable synthetic ETag for directories that exist only as a prefix. */
export const syntheticEtag = (fs: string, path: string): string =>
  `"0x8D${createHash('sha1').update(`${fs}/${path}`).digest('hex').slice(0, 13).toUpperCase()}"`;

const isNotFound = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { statusCode?: number }).statusCode === 404;

/** Blob-level access to Azurite for the DFS operations. */
export class PathStore {
  constructor(readonly service: BlobServiceClient) {}

  container(fs: string): ContainerClient {
    return this.service.getContainerClient(fs);
  }

  /** Throws 404 FilesystemNotFound when the container does not exist. */
  async requireFilesystem(fs: string): Promise<void> {
    if (!(await this.container(fs).exists())) throw dfsErrors.filesystemNotFound();
  }

  /** Properties of one blob, or undefined when absent. */
  async blob(fs: string, name: string): Promise<BlobInfo | undefined> {
    try {
      const p = await this.container(fs).getBlobClient(name).getProperties();
      return {
        name,
        isDirectoryMarker: isFolderMetadata(p.metadata),
        contentLength: p.contentLength ?? 0,
        lastModified: p.lastModified ?? new Date(),
        createdOn: p.createdOn ?? p.lastModified ?? new Date(),
        etag: p.etag ?? '',
        metadata: p.metadata ?? {},
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** All blobs whose names start with `prefix`, in Azurite's (ordinal) order. */
  async list(fs: string, prefix: string, max = Infinity): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    const pages = this.container(fs)
      .listBlobsFlat({ prefix: prefix || undefined, includeMetadata: true })
      .byPage({ maxPageSize: Math.min(max, 5000) });
    for await (const page of pages) {
      for (const b of page.segment.blobItems) {
        out.push({
          name: b.name,
          isDirectoryMarker: isFolderMetadata(b.metadata),
          contentLength: b.properties.contentLength ?? 0,
          lastModified: b.properties.lastModified,
          createdOn: b.properties.createdOn ?? b.properties.lastModified,
          etag: b.properties.etag,
          metadata: b.metadata ?? {},
        });
        if (out.length >= max) return out;
      }
    }
    return out;
  }

  /** Blobs strictly below directory `path` ('' = the whole filesystem). */
  descendants(fs: string, path: string, max = Infinity): Promise<BlobInfo[]> {
    return this.list(fs, path === '' ? '' : `${path}/`, max);
  }

  /** What `path` is; the root '' is always a directory (the container must exist). */
  async resolve(fs: string, path: string): Promise<PathState> {
    if (path === '') return { kind: 'directory', marker: undefined, sample: undefined };
    const blob = await this.blob(fs, path);
    if (blob && !blob.isDirectoryMarker) return { kind: 'file', blob };
    const sample = blob ? undefined : (await this.descendants(fs, path, 1))[0];
    if (blob || sample) return { kind: 'directory', marker: blob, sample };
    return { kind: 'none' };
  }

  /** Like `resolve`, but 404 FilesystemNotFound when the container is missing. */
  async resolveIn(fs: string, path: string): Promise<PathState> {
    const state = await this.resolve(fs, path).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (!state || (state.kind === 'none' && !(await this.container(fs).exists()))) {
      throw dfsErrors.filesystemNotFound();
    }
    if (path === '' && !(await this.container(fs).exists())) throw dfsErrors.filesystemNotFound();
    return state;
  }

  /** Writes the zero-length `hdi_isfolder=true` marker blob of a directory. */
  async writeMarker(
    fs: string,
    path: string,
    metadata: Record<string, string> = {},
  ): Promise<void> {
    await this.container(fs)
      .getBlockBlobClient(path)
      .upload('', 0, { metadata: { ...metadata, hdi_isfolder: 'true' } });
  }

  /**
   * Makes every ancestor of `path` an explicit directory (marker blob) so it survives the removal
   * of its last child, as real directories do. Throws 409 InvalidDestinationPath if one is a file.
   */
  async materializeAncestors(fs: string, path: string): Promise<void> {
    for (const ancestor of ancestorsOf(path)) {
      const blob = await this.blob(fs, ancestor);
      if (blob && !blob.isDirectoryMarker) throw dfsErrors.invalidDestinationPath();
      if (!blob) await this.writeMarker(fs, ancestor);
    }
  }

  /** Deletes one blob, ignoring a blob that is already gone. */
  async deleteBlob(fs: string, name: string): Promise<void> {
    await this.container(fs).getBlobClient(name).deleteIfExists();
  }
}
