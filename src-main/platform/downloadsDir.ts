import os from 'node:os';
import path from 'node:path';

/** The user's Downloads folder: `XDG_DOWNLOAD_DIR` when set (Linux), else `~/Downloads` (Electron's `app.getPath('downloads')` agrees on every OS). */
export function resolveDownloadsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_DOWNLOAD_DIR
    ? path.resolve(env.XDG_DOWNLOAD_DIR)
    : path.join(os.homedir(), 'Downloads');
}
