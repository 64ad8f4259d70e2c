import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appScheme, resolveAppFile } from './appProtocol.js';

/**
 * Registers `app:` as a standard, secure scheme (so the page is a secure context with its own
 * origin, and `fetch` works on it). Electron requires this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves `app://lakeshore/…` from the files of `rendererDir` only (`resolveAppFile`); any
 * other URL is answered 404 without touching the disk. Call once the app is ready.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    return file
      ? net.fetch(pathToFileURL(file).href)
      : new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  });
}
