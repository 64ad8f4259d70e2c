import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadApi } from './preloadApi.js';

// Bundled into one CommonJS file (dist/main/preload.cjs) that runs sandboxed.
contextBridge.exposeInMainWorld('lake', createPreloadApi(ipcRenderer));
// The local path of a file the user dropped or picked, so main can upload it (Electron ≥ 32
// no longer sets File.path).
contextBridge.exposeInMainWorld('lakeFiles', {
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
