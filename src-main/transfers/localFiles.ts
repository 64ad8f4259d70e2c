import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LakeError } from '../../shared/contract/index.js';
import { toLakeError } from '../storage/toLakeError.js';

/** Why a symbolic link was passed over without `followSymlinks`. */
export const linkNotFollowed = 'symbolic link, not followed';
/** Why a symbolic link to a folder that holds it was passed over with `followSymlinks`. */
export const linkCycle = 'symbolic link to a folder it is inside of, not followed (a cycle)';

/**
 * A file found under a folder: its path relative to the folder with `/` separators, size in
 * bytes, mtime in ms; an empty directory (`relative` is `''` for an empty root); an entry
 * passed over and why (`skipped`: a symbolic link); or an entry that could not be read.
 */
export type LocalItem =
  | { kind: 'file'; relative: string; absolute: string; size: number; mtimeMs: number }
  | { kind: 'emptyDirectory'; relative: string; absolute: string }
  | { kind: 'skipped'; relative: string; absolute: string; reason: string }
  | { kind: 'error'; relative: string; absolute: string; error: LakeError };

/** What a walk takes. */
export interface WalkOptions {
  /** Whether a file of this name (its last segment) is taken; default all. Files left out are not stat'ed. */
  accept?: (name: string) => boolean;
  /** Whether empty directories come out as `emptyDirectory` items; default true. */
  emptyDirectories?: boolean;
  /** Follow symbolic links to files and directories; default false (each link is a `skipped` item). */
  followSymlinks?: boolean;
}

/** A directory to read: relative to the root, and the real paths of it and the directories above it (for cycles). */
interface Pending {
  relative: string;
  ancestors: string[];
}

/**
 * Every file under `root` that `options.accept` takes, depth-first, streamed one directory
 * handle at a time (fs.opendir), so the first file comes at once whatever the folder's size,
 * and (unless `emptyDirectories` is false) every directory, the root included, holding neither
 * files nor directories as `emptyDirectory`. Symbolic links are not followed but come out as
 * `skipped` items (`linkNotFollowed`), whatever their names; with `followSymlinks` a link to a
 * file is read as that file (name filter included) and a link to a directory is walked as a
 * directory of that name, unless its real path is the directory holding it or one above it
 * (`skipped` with `linkCycle`). A directory or file that cannot be read (a broken link
 * followed) comes out as an `error` item and the walk goes on.
 */
export async function* walkLocalFiles(
  root: string,
  options: WalkOptions = {},
): AsyncGenerator<LocalItem> {
  const accept = options.accept ?? (() => true);
  const emptyDirectories = options.emptyDirectories ?? true;
  const follow = options.followSymlinks ?? false;
  const rootReal = follow ? await realpath(root).catch(() => path.resolve(root)) : root;
  const stack: Pending[] = [{ relative: '', ancestors: [rootReal] }];
  while (stack.length > 0) {
    const { relative: relDir, ancestors } = stack.pop() ?? { relative: '', ancestors: [] };
    const absDir = path.join(root, relDir);
    let dir;
    try {
      dir = await opendir(absDir);
    } catch (e) {
      yield { kind: 'error', relative: relDir, absolute: absDir, error: toLakeError(e) };
      continue;
    }
    const real = ancestors[ancestors.length - 1] ?? absDir;
    const subdirs: Pending[] = [];
    let entries = 0;
    for await (const entry of dir) {
      entries++;
      const relative = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const absolute = path.join(absDir, entry.name);
      if (entry.isDirectory()) {
        subdirs.push({ relative, ancestors: [...ancestors, path.join(real, entry.name)] });
        continue;
      }
      if (entry.isSymbolicLink() && !follow) {
        yield { kind: 'skipped', relative, absolute, reason: linkNotFollowed };
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      try {
        const s = entry.isSymbolicLink() ? await stat(absolute) : undefined;
        if (s?.isDirectory()) {
          const target = await realpath(absolute);
          if (ancestors.includes(target)) {
            yield { kind: 'skipped', relative, absolute, reason: linkCycle };
          } else {
            subdirs.push({ relative, ancestors: [...ancestors, target] });
          }
          continue;
        }
        if (!accept(entry.name)) continue;
        const f = s ?? (await stat(absolute));
        if (f.isFile()) {
          yield { kind: 'file', relative, absolute, size: f.size, mtimeMs: f.mtimeMs };
        }
      } catch (e) {
        if (accept(entry.name)) yield { kind: 'error', relative, absolute, error: toLakeError(e) };
      }
    }
    if (entries === 0 && emptyDirectories)
      yield { kind: 'emptyDirectory', relative: relDir, absolute: absDir };
    stack.push(...subdirs.reverse());
  }
}

/** Whether `localPath` itself is a symbolic link (false when it cannot be read). */
export const isSymbolicLink = (localPath: string): Promise<boolean> =>
  lstat(localPath).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
