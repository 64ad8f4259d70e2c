import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalFolderListing } from '../../shared/contract/index.js';
import { LakeFailure } from '../storage/toLakeError.js';

/**
 * The sub-folders of local folder `folder` (the user's home folder when absent), sorted by
 * name, hidden (dot) folders left out; `parent` is absent at a filesystem root. Rejects with
 * `NotFound` for a missing folder and `PermissionDenied` for one the user cannot read.
 */
export async function listLocalFolders(folder?: string): Promise<LocalFolderListing> {
  const at = path.resolve(folder ?? os.homedir());
  let entries;
  try {
    entries = await readdir(at, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LakeFailure({
      code: code === 'EACCES' || code === 'EPERM' ? 'PermissionDenied' : 'NotFound',
      message:
        code === 'EACCES' || code === 'EPERM'
          ? `You cannot open the folder ${at}.`
          : `The folder ${at} does not exist.`,
    });
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const parent = path.dirname(at);
  return { path: at, folders, ...(parent !== at ? { parent } : {}) };
}
