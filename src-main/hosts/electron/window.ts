import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import type { WindowPlacement } from '../../../shared/contract/index.js';
import type { WindowStart } from '../../platform/windowPlacement.js';
import { appIndexUrl } from './appProtocol.js';

/** The size and place `start` asks for: the saved bounds, the saved size (centred), or 1280×820. */
const boundsOf = (start: WindowStart): BrowserWindowConstructorOptions => {
  switch (start.kind) {
    case 'default':
      return { width: 1280, height: 820 };
    case 'restored':
      return { ...start.bounds };
    case 'resized':
      return { width: start.width, height: start.height };
  }
};

/**
 * The main window's options: isolated, sandboxed, no Node in the renderer (VS Code
 * `windows.ts`), sized and placed as `start` says.
 */
export function mainWindowOptions(
  preloadPath: string,
  start: WindowStart = { kind: 'default' },
): BrowserWindowConstructorOptions {
  return {
    ...boundsOf(start),
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
 * Creates the main window and loads the renderer from `app://lakeshore/index.html` (served by
 * `serveRenderer`), at the size and place of `start` (maximized before it shows when it was).
 * Navigation away from that page is blocked and `window.open` denied; https links open in the
 * system browser.
 */
export function createMainWindow(options: {
  preloadPath: string;
  start?: WindowStart;
}): BrowserWindow {
  const start = options.start ?? { kind: 'default' };
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath, start));
  win.webContents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== appIndexUrl) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => {
    if (start.kind !== 'default' && start.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(appIndexUrl);
  return win;
}

/** Where `win` is now, as settings keep it: its normal (unmaximized) bounds and whether it is maximized. */
export function placementOf(win: BrowserWindow): WindowPlacement {
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, maximized: win.isMaximized() };
}
