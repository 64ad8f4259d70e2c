import { ipcMain, type BrowserWindow } from 'electron';
import { callNames, fail, ipcEventChannel } from '../../../shared/contract/index.js';
import type { LakeService } from '../../service/types.js';
import { isTrustedSender } from './trustedSender.js';

/**
 * Binds every call of the contract to `ipcMain.handle` (the channel is the call's name) and
 * forwards service events to `win` on `ipcEventChannel`. A call from anything but the app's
 * own window and main frame resolves to `PermissionDenied` without reaching the service.
 * Returns the function that unbinds both.
 */
export function bindServiceToIpc(
  service: LakeService,
  win: BrowserWindow,
  rendererUrlPrefix: string,
): () => void {
  const trusted = { webContentsId: win.webContents.id, rendererUrlPrefix };
  for (const name of callNames) {
    ipcMain.handle(name, (event, args: unknown) =>
      isTrustedSender(event, trusted)
        ? service.dispatch(name, args)
        : fail({
            code: 'PermissionDenied',
            message: `Refused ${name}: the call did not come from Lakeshore's own window.`,
          }),
    );
  }
  const unsubscribe = service.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(ipcEventChannel, { name, payload });
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(name);
  };
}
