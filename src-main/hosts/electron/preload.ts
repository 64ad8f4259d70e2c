import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preloadApi.js';

// Bundled into one CommonJS file (dist/main/preload.cjs) that runs sandboxed.
contextBridge.exposeInMainWorld('lake', createPreloadApi(ipcRenderer));
