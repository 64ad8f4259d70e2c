import type { CliCredential } from './cliCredential.js';
import type { PathEntry, PathRef } from '../../shared/contract/index.js';
import { deletePaths } from '../namespace/deletePaths.js';
import type { NamespaceTarget } from '../namespace/namespaceTarget.js';
import { resolvePathKind } from '../namespace/resolvePathKind.js';
import { lastSegment } from '../storage/blobEntry.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { listDirectoryEntries } from '../storage/listDirectory.js';
import { listRecursive } from '../storage/listRecursive.js';
import { failWith } from '../storage/toLakeError.js';
import { nameFilter } from '../transfers/nameFilter.js';
import { hasWildcard } from './namePatterns.js';
import type { CliIo } from './output.js';
import { openTarget, withProgress } from './openTarget.js';
import { pathsAt, printDryRun, plural, type ChangeOptions } from './dryRun.js';

/** What `rm` reads besides the URLs. */
export interface RmOptions extends ChangeOptions {
  recursive: boolean;
  include?: string[];
  exclude?: string[];
}

/**
 * The paths one `rm` URL names: the path itself; with a wildcard in its last segment, the
 * matching entries of its directory; with name patterns, the matching files at or below it
 * (below only with `recursive`). Rejects with `InvalidInput` for a folder without
 * `recursive`, `NotFound` when nothing is there or nothing matches.
 */
async function rmTargets(
  target: NamespaceTarget,
  location: BlobLocation,
  options: RmOptions,
): Promise<PathRef[]> {
  const last = lastSegment(location.path);
  const patterns = (options.include?.length ?? 0) + (options.exclude?.length ?? 0) > 0;
  const files = nameFilter(options);
  const container = target.access.container(target.container);
  const folderNeedsRecursive = (path: string) =>
    failWith(
      'InvalidInput',
      `"${path}" is a folder: pass --recursive to delete it and everything below it (try --dry-run first).`,
    );
  if (hasWildcard(last)) {
    const matches = nameFilter({ include: [last] });
    const directory = location.path.slice(0, Math.max(0, location.path.lastIndexOf('/')));
    const refs: PathRef[] = [];
    for await (const e of listDirectoryEntries(container, directory)) {
      if (!matches(e.name) || (e.kind === 'file' && !files(e.name))) continue;
      if (e.kind === 'directory' && !options.recursive) continue;
      refs.push({ path: e.path, kind: e.kind });
    }
    if (refs.length === 0)
      failWith(
        'NotFound',
        `Nothing matches "${last}" in ${target.container}/${directory}${options.recursive ? '' : ' (folders need --recursive)'}.`,
      );
    return refs;
  }
  const ref = await resolvePathKind(target, location.path);
  if (ref.kind === 'file') {
    if (!files(lastSegment(ref.path)))
      failWith('NotFound', `"${ref.path}" does not match the name patterns given.`);
    return [ref];
  }
  if (!options.recursive) folderNeedsRecursive(ref.path || '/');
  if (!patterns) {
    if (ref.path === '')
      failWith('InvalidInput', 'rm does not delete a whole container; use lakeshore rb for that.');
    return [ref];
  }
  const refs: PathRef[] = [];
  for await (const e of listRecursive(container, ref.path)) {
    if (e.kind === 'file' && files(e.name)) refs.push({ path: e.path, kind: 'file' });
  }
  if (refs.length === 0)
    failWith('NotFound', `No file below "${ref.path || '/'}" matches the name patterns given.`);
  return refs;
}

/**
 * `lakeshore rm <url…>`: files; folders and everything below them with `recursive`; what a
 * wildcard or the name patterns select. With `dryRun` it lists what would be deleted and
 * deletes nothing. Every URL must be in one container.
 */
export async function rmCommand(
  locations: BlobLocation[],
  credential: CliCredential,
  options: RmOptions,
  io: CliIo,
) {
  const first = locations[0]!;
  if (
    locations.some((l) => l.blobEndpoint !== first.blobEndpoint || l.container !== first.container)
  ) {
    failWith('InvalidInput', 'rm takes paths of one container at a time.');
  }
  const target = await openTarget(first, credential);
  const refs: PathRef[] = [];
  for (const location of locations) refs.push(...(await rmTargets(target, location, options)));
  if (options.dryRun) {
    const entries: PathEntry[] = [];
    for (const ref of refs) {
      entries.push(...(await pathsAt(target, ref)));
      if (ref.kind === 'directory')
        entries.push({ kind: 'directory', name: lastSegment(ref.path), path: ref.path });
    }
    printDryRun(io, 'delete', entries, options.json);
    return;
  }
  const { deleted, bytes } = await withProgress(io, 'delete', 'Deleting', (c) =>
    deletePaths(target, refs, c),
  );
  if (options.json) {
    io.stdout(`${JSON.stringify({ deleted, bytes, paths: refs.map((r) => r.path) })}\n`);
    return;
  }
  const what =
    refs.length === 1
      ? `${refs[0]!.path}${refs[0]!.kind === 'directory' ? '/' : ''}`
      : plural(refs.length, 'path');
  io.stdout(
    `Deleted ${what} (${plural(deleted, 'path')}, ${bytes.toLocaleString('en-US')} bytes)\n`,
  );
}
