import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PathRef } from '../../shared/contract/index.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { folderMarkerKey, lastSegment } from '../storage/blobEntry.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { hasBlobsUnder } from '../storage/hasBlobsUnder.js';
import { listDirectoryEntries } from '../storage/listDirectory.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { nameFilter } from '../transfers/nameFilter.js';
import { hasWildcard } from './namePatterns.js';

/** A remote location with its container (cp needs one on each remote side). */
export type ContainerLocation = BlobLocation & { container: string };

/** One source of a copy, checked to exist: a local file or folder, or a remote blob or directory. */
export type CpSource =
  | { side: 'local'; path: string; kind: PathRef['kind'] }
  | { side: 'remote'; location: ContainerLocation; ref: PathRef };

/**
 * Where a copy writes: into `directory` keeping each source's name, or (one file source to a
 * path that is not a folder) as `name` in `directory`. Local directories are absolute; remote
 * ones are paths in the destination's container (`''` its root).
 */
export type CpTarget =
  | { side: 'local'; directory: string; name?: string }
  | { side: 'remote'; location: ContainerLocation; directory: string; name?: string };

/** A folder source met without `--recursive` inside a wildcard's matches: left out, and said so. */
export interface CpPlan {
  sources: CpSource[];
  target: CpTarget;
  /** Folders a wildcard matched that need `--recursive`; not copied. */
  skippedFolders: string[];
}

const parentOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));

const localKind = async (p: string): Promise<PathRef['kind'] | undefined> => {
  const s = await stat(p).catch(() => undefined);
  return s ? (s.isDirectory() ? 'directory' : 'file') : undefined;
};

/**
 * What is at `location`: a file, a directory (a folder marker or a prefix of other blobs), or
 * nothing. Rejects with the service's error for anything but 404 (so an expired SAS says so
 * instead of passing for a missing path).
 */
export async function remoteKind(
  access: AccountAccess,
  location: ContainerLocation,
): Promise<PathRef['kind'] | undefined> {
  if (location.path === '') {
    await access.container(location.container).getProperties();
    return 'directory';
  }
  const container = access.container(location.container);
  try {
    const props = await container.getBlobClient(location.path).getProperties();
    return props.metadata?.[folderMarkerKey] === 'true' ? 'directory' : 'file';
  } catch (e) {
    if (toLakeError(e).code !== 'NotFound') throw e;
  }
  return (await hasBlobsUnder(container, location.path)) ? 'directory' : undefined;
}

/** Local sources: each path, or what a wildcard in its last segment matches in its folder. */
async function localSources(
  args: string[],
  recursive: boolean,
  skipped: string[],
): Promise<CpSource[]> {
  const out: CpSource[] = [];
  for (const arg of args) {
    const base = path.basename(arg);
    if (hasWildcard(base)) {
      const dir = path.dirname(arg);
      const matches = nameFilter({ include: [base] });
      const names = await readdir(dir).catch(() =>
        failWith('NotFound', `No such local folder: ${dir}`),
      );
      const found: CpSource[] = [];
      for (const name of names.filter(matches).sort()) {
        const full = path.resolve(dir, name);
        const kind = (await localKind(full)) ?? 'file';
        if (kind === 'directory' && !recursive) skipped.push(full);
        else found.push({ side: 'local', path: full, kind });
      }
      if (found.length === 0 && !skipped.length)
        failWith('NotFound', `Nothing matches "${base}" in ${dir}.`);
      out.push(...found);
      continue;
    }
    const kind = await localKind(arg);
    if (!kind) failWith('NotFound', `No such local file or folder: ${arg}`);
    if (kind === 'directory' && !recursive)
      failWith(
        'InvalidInput',
        `${arg} is a folder: add --recursive to copy it and everything in it.`,
      );
    out.push({ side: 'local', path: path.resolve(arg), kind: kind! });
  }
  return out;
}

/** Remote sources: each URL's path, or what a wildcard in its last segment matches in its directory. */
async function remoteSources(
  locations: ContainerLocation[],
  access: AccountAccess,
  recursive: boolean,
  skipped: string[],
): Promise<CpSource[]> {
  const out: CpSource[] = [];
  for (const location of locations) {
    const last = lastSegment(location.path);
    if (hasWildcard(last)) {
      const directory = parentOf(location.path);
      const matches = nameFilter({ include: [last] });
      const container = access.container(location.container);
      const before = out.length;
      for await (const e of listDirectoryEntries(container, directory)) {
        if (!matches(e.name)) continue;
        if (e.kind === 'directory' && !recursive) skipped.push(`${location.container}/${e.path}`);
        else out.push({ side: 'remote', location, ref: { path: e.path, kind: e.kind } });
      }
      if (out.length === before && !skipped.length)
        failWith('NotFound', `Nothing matches "${last}" in ${location.container}/${directory}.`);
      continue;
    }
    const kind = await remoteKind(access, location);
    const shown = `${location.container}/${location.path}`;
    if (!kind)
      failWith(
        'NotFound',
        `Nothing named "${location.path}" exists in container "${location.container}".`,
      );
    if (kind === 'directory' && !recursive)
      failWith(
        'InvalidInput',
        `${shown} is a folder: add --recursive to copy it and everything in it.`,
      );
    out.push({ side: 'remote', location, ref: { path: location.path, kind: kind! } });
  }
  return out;
}

/** What `planCopy` needs besides the arguments. */
export interface CpPlanInput {
  /** Local paths or parsed URLs, as given (after the shell's expansion). */
  sources: Array<{ local: string } | { remote: ContainerLocation; access: AccountAccess }>;
  destination: { local: string } | { remote: ContainerLocation; access: AccountAccess };
  /** The destination as typed: a trailing `/` (or `\` locally) means "into this folder". */
  destinationArg: string;
  recursive: boolean;
}

/**
 * Resolves a copy's sources and target with the rules of azcopy `copy`, `cp -r` and rclone
 * `copyto`: a file to a path that is not a folder is written under that name; to a trailing
 * `/`, a container root or an existing folder it goes inside; a folder (with `recursive`)
 * lands as `<dst>/<folder>/…`; a wildcard's matches and several sources go inside the
 * destination. Rejects with `NotFound` naming a missing source, `InvalidInput` for a folder
 * without `recursive`, a folder onto a file, or several sources onto a file.
 */
export async function planCopy(input: CpPlanInput): Promise<CpPlan> {
  const skippedFolders: string[] = [];
  const locals = input.sources.flatMap((s) => ('local' in s ? [s.local] : []));
  const remotes = input.sources.flatMap((s) => ('remote' in s ? [s] : []));
  const sources =
    remotes.length > 0
      ? await remoteSources(
          remotes.map((r) => r.remote),
          remotes[0]!.access,
          input.recursive,
          skippedFolders,
        )
      : await localSources(locals, input.recursive, skippedFolders);
  const wildcard = input.sources.some((s) =>
    hasWildcard('local' in s ? path.basename(s.local) : lastSegment(s.remote.path)),
  );
  const one = sources.length === 1 && !wildcard ? sources[0] : undefined;
  const trailingSlash = /[/\\]$/.test(input.destinationArg.replace(/\?.*$/, ''));
  const dst = input.destination;
  const existing =
    'local' in dst ? await localKind(dst.local) : await remoteKind(dst.access, dst.remote);
  if (one?.side === 'local' ? one.kind === 'directory' : one?.ref.kind === 'directory') {
    if (existing === 'file')
      failWith(
        'InvalidInput',
        `${input.destinationArg} is a file; a folder cannot be copied onto it.`,
      );
  }
  const isFileSource =
    one !== undefined && (one.side === 'local' ? one.kind === 'file' : one.ref.kind === 'file');
  if (!one && existing === 'file')
    failWith('InvalidInput', `${input.destinationArg} is a file; several sources need a folder.`);
  const named = isFileSource && !trailingSlash && existing !== 'directory';
  if ('local' in dst) {
    const full = path.resolve(dst.local);
    const target: CpTarget = named
      ? { side: 'local', directory: path.dirname(full), name: path.basename(full) }
      : { side: 'local', directory: full };
    return { sources, target, skippedFolders };
  }
  const p = dst.remote.path;
  const target: CpTarget =
    named && p !== ''
      ? { side: 'remote', location: dst.remote, directory: parentOf(p), name: lastSegment(p) }
      : { side: 'remote', location: dst.remote, directory: p };
  return { sources, target, skippedFolders };
}
