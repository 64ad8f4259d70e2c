import type { Result } from './errors.js';

/**
 * Messages of the browser-mode WebSocket transport. Calls are matched to results by `id`;
 * events carry no id. The Electron transport needs none of this: `ipcRenderer.invoke` pairs
 * calls and results itself.
 */
export type ClientMessage = { type: 'call'; id: number; name: string; args: unknown };

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };

/** The WebSocket path and the query parameter that carries the per-run token. */
export const wsPath = '/lake';
export const wsTokenParam = 'token';

/** The Electron IPC channel on which main pushes events (`{ name, payload }`). */
export const ipcEventChannel = 'lake:event';
