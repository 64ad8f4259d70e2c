import os from 'node:os';
import path from 'node:path';

/** The product name, which names the per-user data folder (as Electron's `app.getPath('userData')` does). */
export const productName = 'Lakeshore';

/**
 * The app's data folder: `LAKESHORE_DATA_DIR` when set, else the OS's per-user app-data folder,
 * the same one Electron's `userData` resolves to, so both modes share saved connections:
 * `%APPDATA%\Lakeshore` (Windows), `~/Library/Application Support/Lakeshore` (macOS),
 * `$XDG_CONFIG_HOME/Lakeshore` or `~/.config/Lakeshore` (Linux).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LAKESHORE_DATA_DIR) return path.resolve(env.LAKESHORE_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}
