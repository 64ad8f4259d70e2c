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

/**
 * Browser mode cannot hand main a local file path, so dropped files are streamed to main
 * first: `POST ${stagingPath}?batch=<id>&path=<relative path>` with the file as the body and
 * the per-run token in the `x-lakeshore-token` header. Files of one drop share a batch id
 * (8–64 chars of [A-Za-z0-9_-]); `path` keeps the dropped folder structure (`/`-separated).
 * An empty folder of the drop is sent as `&kind=folder` with an empty body: main creates it,
 * so the upload writes it as a folder too. The answer is `{ ok: true, value: { bytes } }` or an error envelope.
 */
export const stagingPath = '/lake/stage';
export const stagingTokenHeader = 'x-lakeshore-token';
/** A staging batch id: 8–64 characters of [A-Za-z0-9_-]. */
export const stagingBatchIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
