// Finds the Electron executable without `require('electron')`, which would try to download
// it (and fail offline). Returns undefined when the binary is not installed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : undefined;
}
