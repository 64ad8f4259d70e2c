import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { LakeError } from '../../shared/contract/index.js';
import type { NamespaceTarget } from '../namespace/namespaceTarget.js';
import { runPool } from '../platform/runPool.js';
import { isFolderMarker } from '../storage/blobEntry.js';
import { failWith } from '../storage/toLakeError.js';
import { walkLocalFiles } from '../transfers/localFiles.js';
import type { ContainerLocation } from './cpPlan.js';
import { remoteKind } from './cpPlan.js';
import type { SyncEntry } from './syncPlan.js';
import { UsageError } from './usageError.js';

/** One side of a sync: a local folder, or a container root or directory of an opened account. */
export type SyncSide =
  | { side: 'local'; root: string }
  | { side: 'remote'; location: ContainerLocation; target: NamespaceTarget };

/** A side's files, relative to its root; local links passed over and entries that could not be read. */
export interface SyncListing {
  entries: SyncEntry[];
  /** Relative paths of symbolic links not followed (their destination counterparts are left alone). */
  skippedLinks: string[];
  /** Entries of a local folder that could not be read. */
  errors: Array<{ relative: string; error: LakeError }>;
}

/** `relative` under a remote `root` (`''` the container root). */
export const remotePath = (root: string, relative: string): string =>
  root === '' ? relative : relative === '' ? root : `${root}/${relative}`;

/** How a side is named in messages: the local path, or `container/path`. */
export const sideName = (s: SyncSide): string =>
  s.side === 'local' ? s.root : remotePath(s.location.container, s.location.path);

/**
 * Checks that a side is a folder: a missing source is `NotFound` naming it, a file on either
 * side a usage error (sync takes folders). A missing destination folder is fine (it is created
 * by the copies), a missing destination container is not (`NotFound`).
 */
export async function checkFolder(s: SyncSide, role: 'source' | 'destination'): Promise<void> {
  const kind =
    s.side === 'local'
      ? await stat(s.root).then(
          (st) => (st.isDirectory() ? 'directory' : 'file'),
          () => undefined,
        )
      : await remoteKind(s.target.access, s.location);
  if (kind === 'file')
    throw new UsageError(`${sideName(s)} is a file: sync takes folders; use cp for one file.`);
  if (kind === undefined && role === 'source')
    failWith(
      'NotFound',
      s.side === 'local'
        ? `No such local folder: ${s.root}`
        : `Nothing named "${s.location.path}" exists in container "${s.location.container}".`,
    );
}

/**
 * Every file under a side's root, relative to it. Remote: a flat listing of the prefix (folder
 * markers left out), with each blob's Content-MD5 from the listing. Local: `walkLocalFiles`
 * without following links (a missing folder lists as empty); hashes are added later, only where
 * needed (`addLocalHashes`).
 */
export async function listSide(s: SyncSide): Promise<SyncListing> {
  const listing: SyncListing = { entries: [], skippedLinks: [], errors: [] };
  if (s.side === 'local') {
    const exists = await stat(s.root).then(
      () => true,
      () => false,
    );
    if (!exists) return listing;
    for await (const item of walkLocalFiles(s.root, { emptyDirectories: false })) {
      if (item.kind === 'file')
        listing.entries.push({ path: item.relative, size: item.size, lastModified: item.mtimeMs });
      else if (item.kind === 'skipped') listing.skippedLinks.push(item.relative);
      else if (item.kind === 'error') listing.errors.push(item);
    }
    return listing;
  }
  const container = s.target.access.container(s.location.container);
  const prefix = s.location.path === '' ? '' : `${s.location.path}/`;
  for await (const page of container
    .listBlobsFlat({ prefix, includeMetadata: true })
    .byPage({ maxPageSize: 5000 })) {
    for (const blob of page.segment.blobItems) {
      if (isFolderMarker(blob)) continue;
      const md5 = blob.properties.contentMD5;
      listing.entries.push({
        path: blob.name.slice(prefix.length),
        size: blob.properties.contentLength ?? 0,
        lastModified: blob.properties.lastModified.getTime(),
        ...(md5 && md5.length > 0 ? { md5: Buffer.from(md5).toString('base64') } : {}),
      });
    }
  }
  return listing;
}

/** The MD5 of a local file, base64 (as Content-MD5 is written). */
export const fileMd5 = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('base64')));
  });

/**
 * Computes the MD5 of the local files that have a counterpart of the same size on the other
 * side (the only ones whose hash decides anything: a missing or resized file is copied anyway).
 */
export async function addLocalHashes(
  root: string,
  local: SyncEntry[],
  other: readonly SyncEntry[],
  resolve: (root: string, relative: string) => string,
): Promise<void> {
  const sizes = new Map(other.map((e) => [e.path, e.size]));
  const needed = local.filter((e) => sizes.get(e.path) === e.size);
  await runPool(needed, 4, async (e) => {
    e.md5 = await fileMd5(resolve(root, e.path));
  });
}
