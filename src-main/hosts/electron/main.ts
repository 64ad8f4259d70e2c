import { app, BrowserWindow, dialog, screen, shell } from 'electron';
import type { WindowPlacement } from '../../../shared/contract/index.js';
import path from 'node:path';
import { plainFileCipher, type SecretCipher } from '../../auth/secretVault.js';
import { createService } from '../../service/createService.js';
import { dragIconPath, startDragOut } from './dragOut.js';
import { bindServiceToIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { createSafeStorageCipher } from './safeStorageCipher.js';
import { windowStart } from '../../platform/windowPlacement.js';
import type { LakeService } from '../../service/types.js';
import { appOrigin } from './appProtocol.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { runInUtilityProcess } from './utilityNode.js';
import { createMainWindow, denyAllPermissions, placementOf } from './window.js';

// The Electron entry (dist/main/electron-main.cjs). Everything but window, menu and IPC binding
// lives in the service, which runs in plain Node too.

/** Electron safeStorage when the OS offers it, else the 0600 file (the UI then says so). */
function pickCipher(): SecretCipher {
  try {
    return createSafeStorageCipher();
  } catch (e) {
    console.warn(`${(e as Error).message} Secrets will be kept in a 0600 file instead.`);
    return plainFileCipher;
  }
}

/** The window's placement saved when it last closed, if any (a failed read opens the default). */
async function savedPlacement(service: LakeService) {
  const saved = await service.dispatch('settings.get', {});
  return saved.ok ? (saved.value as { window?: WindowPlacement } | null)?.window : undefined;
}

/**
 * Runs once the app is ready: the service, the window bound to it (where it was when it last
 * closed, kept in the settings), and an orderly quit.
 */
async function start(): Promise<void> {
  denyAllPermissions();
  installMenu(app.isPackaged);
  // The window is made after the service; a drag out starts from it (its calls are the only trusted ones).
  const main: { win?: BrowserWindow } = {};
  const service = createService({
    dataDir: app.getPath('userData'),
    cipher: pickCipher(),
    mode: 'electron',
    version: app.getVersion(),
    downloadDirectory: app.getPath('downloads'),
    runNodeScript: runInUtilityProcess,
    openPath: (file) => shell.openPath(file),
    showItemInFolder: (file) => shell.showItemInFolder(file),
    // The Entra ID sign-in page, in the system browser (only https pages).
    openBrowser: (url) =>
      url.startsWith('https://') ? shell.openExternal(url) : Promise.resolve(),
    pickFolder: async (title) => {
      const options = {
        title: title ?? 'Choose a folder',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const picked = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    startDrag: (files) =>
      main.win && startDragOut(main.win.webContents, files, dragIconPath(__dirname)),
  });
  serveRenderer(path.join(__dirname, '../renderer'));
  const win = createMainWindow({
    preloadPath: path.join(__dirname, 'preload.cjs'),
    start: windowStart(
      await savedPlacement(service),
      screen.getAllDisplays().map((d) => d.workArea),
    ),
  });
  // Saved when the window closes and when the app quits (before the service stops).
  const savePlacement = () =>
    win.isDestroyed()
      ? Promise.resolve()
      : service.dispatch('settings.update', { window: placementOf(win) }).then(() => undefined);
  win.on('close', () => void savePlacement());
  main.win = win;
  const unbind = bindServiceToIpc(service, win, `${appOrigin}/`);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());

  // The first quit waits for calls in flight and stops the embedded emulator; a second quit
  // request while that runs is let through, so a stuck call cannot keep the app open.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    unbind();
    void savePlacement()
      .then(() => service.dispose())
      .catch((e: unknown) => console.error('Shutting down the service failed:', e))
      .finally(() => app.quit());
  });
}

// `LAKESHORE_DATA_DIR` moves the data folder (tests, portable use). It must be set before the
// single-instance lock, which is keyed on `userData`.
const dataDirOverride = process.env.LAKESHORE_DATA_DIR;
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

// The renderer's scheme must be registered before the app is ready.
registerAppScheme();
if (app.requestSingleInstanceLock()) void app.whenReady().then(start);
else app.quit();
