import { nativeImage, type WebContents } from 'electron';
import path from 'node:path';

/** The app icon, shipped beside dist/ (electron-builder `files`), shown under the cursor of a drag out. */
export const dragIconPath = (mainDir: string): string =>
  path.join(mainDir, '..', '..', 'assets', 'icon.png');

/**
 * Hands downloaded files to the OS as a native drag from `contents` (Electron's "Native File
 * Drag & Drop"): `file` is the first, `files` all of them, the icon the app's at 64 px.
 */
export function startDragOut(contents: WebContents, files: string[], iconPath: string): void {
  if (contents.isDestroyed() || files.length === 0) return;
  const icon = nativeImage.createFromPath(iconPath);
  contents.startDrag({
    file: files[0]!,
    files,
    icon: icon.isEmpty() ? icon : icon.resize({ width: 64, height: 64 }),
  });
}
