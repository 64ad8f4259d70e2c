import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';

/** The main window's options: isolated, sandboxed, no Node in the renderer (VS Code `windows.ts`). */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Lakeshore',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Only https links leave the app, and only to the system browser. */
export const isExternalLink = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Denies every permission request (camera, notifications, geolocation…) of the default session. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/**
 * Creates the main window and loads the renderer from `rendererIndexPath`. Navigation away from
 * the renderer is blocked and `window.open` denied; https links open in the system browser.
 */
export function createMainWindow(options: {
  preloadPath: string;
  rendererIndexPath: string;
}): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath));
  const indexUrl = pathToFileURL(options.rendererIndexPath).href;
  win.webContents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== indexUrl) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(options.rendererIndexPath);
  return win;
}
