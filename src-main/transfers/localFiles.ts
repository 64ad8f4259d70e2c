import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LakeError } from '../../shared/contract/index.js';
import { toLakeError } from '../storage/toLakeError.js';

/**
 * A file found under a folder: its path relative to the folder with `/` separators, size in
 * bytes, mtime in ms; an empty directory (`relative` is `''` for an empty root); or an entry
 * that could not be read.
 */
export type LocalItem =
  | { kind: 'file'; relative: string; absolute: string; size: number; mtimeMs: number }
  | { kind: 'emptyDirectory'; relative: string; absolute: string }
  | { kind: 'error'; relative: string; absolute: string; error: LakeError };

/** What a walk takes. */
export interface WalkOptions {
  /** Whether a file of this name (its last segment) is taken; default all. Files left out are not stat'ed. */
  accept?: (name: string) => boolean;
  /** Whether empty directories come out as `emptyDirectory` items; default true. */
  emptyDirectories?: boolean;
}

/**
 * Every file under `root` that `options.accept` takes, depth-first, streamed one directory
 * handle at a time (fs.opendir), so the first file comes at once whatever the folder's size,
 * and (unless `emptyDirectories` is false) every directory, the root included, holding neither
 * files nor directories as `emptyDirectory`. Symbolic links to files are followed; links to
 * directories are not (no cycles). A directory or file that cannot be read comes out as an
 * `error` item and the walk goes on.
 */
export async function* walkLocalFiles(
  root: string,
  options: WalkOptions = {},
): AsyncGenerator<LocalItem> {
  const accept = options.accept ?? (() => true);
  const emptyDirectories = options.emptyDirectories ?? true;
  const stack: string[] = [''];
  while (stack.length > 0) {
    const relDir = stack.pop() ?? '';
    const absDir = path.join(root, relDir);
    let dir;
    try {
      dir = await opendir(absDir);
    } catch (e) {
      yield { kind: 'error', relative: relDir, absolute: absDir, error: toLakeError(e) };
      continue;
    }
    const subdirs: string[] = [];
    let entries = 0;
    for await (const entry of dir) {
      entries++;
      const relative = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const absolute = path.join(absDir, entry.name);
      if (entry.isDirectory()) {
        subdirs.push(relative);
      } else if (!accept(entry.name)) {
        continue;
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        try {
          const s = await stat(absolute);
          if (s.isFile()) {
            yield { kind: 'file', relative, absolute, size: s.size, mtimeMs: s.mtimeMs };
          }
        } catch (e) {
          yield { kind: 'error', relative, absolute, error: toLakeError(e) };
        }
      }
    }
    if (entries === 0 && emptyDirectories)
      yield { kind: 'emptyDirectory', relative: relDir, absolute: absDir };
    stack.push(...subdirs.reverse());
  }
}
