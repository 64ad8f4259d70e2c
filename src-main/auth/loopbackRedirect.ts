import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LakeFailure } from '../storage/toLakeError.js';

/** The answer the browser brought back to the loopback redirect. */
export interface LoopbackAnswer {
  code: string;
  /** The whole query, for MSAL's `acquireTokenByCode` (client_info among it). */
  params: Record<string, string>;
}

export interface LoopbackRedirect {
  /** `http://127.0.0.1:PORT/`: the redirect URI to send in the authorize request. */
  redirectUri: string;
  /** Resolves with the code once the browser comes back with `state`; rejects on an error answer, a timeout or an abort. */
  answer: Promise<LoopbackAnswer>;
  close(): void;
}

const page = (title: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * Listens on 127.0.0.1 on a random port for the authorization response (RFC 8252 loopback
 * redirect). Only a request to `/` with the expected `state` is taken; other paths answer 404
 * and are ignored, and a wrong `state` is refused (another page cannot inject a code). An
 * `error` answer (access_denied when consent was refused) rejects with `AuthFailed` in words.
 * No answer within `timeoutMs` (the tab was closed) rejects with `Timeout`.
 */
export async function startLoopbackRedirect(options: {
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<LoopbackRedirect> {
  let settle!: { resolve: (a: LoopbackAnswer) => void; reject: (e: Error) => void };
  const answer = new Promise<LoopbackAnswer>((resolve, reject) => (settle = { resolve, reject }));
  answer.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const params = Object.fromEntries(url.searchParams);
    const send = (status: number, title: string, text: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(page(title, text));
    };
    if (params.state !== options.state) {
      send(
        400,
        'Sign-in not accepted',
        'This answer does not belong to the sign-in Lakeshore started. Start again from Lakeshore.',
      );
      return;
    }
    if (params.error) {
      const denied = params.error === 'access_denied';
      send(
        200,
        denied ? 'Sign-in cancelled' : 'Sign-in failed',
        'You can close this tab and return to Lakeshore.',
      );
      settle.reject(
        new LakeFailure({
          code: 'AuthFailed',
          message: denied
            ? 'Sign-in was cancelled or consent was refused in the browser; nothing was saved.'
            : `Sign-in failed: ${params.error}${params.error_description ? ` (${params.error_description})` : ''}; nothing was saved.`,
        }),
      );
      return;
    }
    if (!params.code) {
      send(400, 'Sign-in not accepted', 'The answer has no authorization code.');
      return;
    }
    send(200, 'Signed in', 'You are signed in to Lakeshore. You can close this tab.');
    settle.resolve({ code: params.code, params });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(
    () =>
      settle.reject(
        new LakeFailure({
          code: 'Timeout',
          message: `No answer came back from the browser within ${Math.round(options.timeoutMs / 60_000) || 1} minute(s) (was the tab closed?); nothing was saved. Try again, or sign in with a device code.`,
        }),
      ),
    options.timeoutMs,
  );
  const onAbort = () =>
    settle.reject(new LakeFailure({ code: 'Cancelled', message: 'Sign-in was cancelled.' }));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const close = () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    server.close();
  };
  void answer.finally(close).catch(() => undefined);
  return { redirectUri: `http://127.0.0.1:${port}/`, answer, close };
}
