import { app } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainFileCipher, type SecretCipher } from '../../auth/secretVault.js';
import { resolveDataDir } from '../../platform/dataDir.js';
import { createService } from '../../service/createService.js';
import { bindServiceToIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { createSafeStorageCipher } from './safeStorageCipher.js';
import { createMainWindow, denyAllPermissions } from './window.js';

// The Electron entry (dist/main/electron-main.cjs). Everything but window, menu, dialogs and
// IPC binding lives in the service, which runs in plain Node too.
if (process.env.LAKESHORE_DATA_DIR) app.setPath('userData', resolveDataDir());
if (!app.requestSingleInstanceLock()) app.quit();

const pickCipher = (): SecretCipher => {
  try {
    return createSafeStorageCipher();
  } catch (e) {
    console.warn(`${(e as Error).message} Secrets will be kept in a 0600 file instead.`);
    return plainFileCipher;
  }
};

void app.whenReady().then(() => {
  denyAllPermissions();
  installMenu(app.isPackaged);
  const service = createService({
    dataDir: app.getPath('userData'),
    cipher: pickCipher(),
    mode: 'electron',
    version: app.getVersion(),
  });
  const rendererIndexPath = path.join(__dirname, '../renderer/index.html');
  const win = createMainWindow({
    preloadPath: path.join(__dirname, 'preload.cjs'),
    rendererIndexPath,
  });
  const unbind = bindServiceToIpc(
    service,
    win,
    pathToFileURL(path.dirname(rendererIndexPath)).href + '/',
  );
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    unbind();
    // Waits for calls in flight, then stops the embedded emulator.
    void service.dispose().finally(() => app.quit());
  });
});
