import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { hopByHopHeaders } from '../frontServer.js';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

const HOP_BY_HOP = hopByHopHeaders;

/** Response headers as received, minus hop-by-hop ones. */
const forwardableHeaders = (raw: string[]): OutgoingHttpHeaders => {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const value = raw[i + 1] ?? '';
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : [...[existing].flat(), value];
  }
  return out;
};

/**
 * Forwards a request to Azurite unchanged (method, path, query, headers except hop-by-hop and
 * Host — Shared Key signatures do not cover Host — and the streamed body) and streams the
 * response back. `adjust` may change status/headers before they are sent (for HEAD responses
 * and account info); returning `undefined` from it keeps the response as is. An `https:` origin
 * (an Azurite with `--oauth basic`) is reached over TLS trusting `ca` (PEM) besides Node's CAs.
 */
export const passThrough = (
  azuriteOrigin: string,
  req: IncomingMessage,
  res: ServerResponse,
  adjust?: (
    status: number,
    headers: OutgoingHttpHeaders,
  ) => Promise<{ status: number; headers: OutgoingHttpHeaders } | undefined>,
  ca?: string,
): Promise<void> =>
  new Promise((resolve) => {
    const target = new URL(req.url ?? '/', azuriteOrigin);
    const headers: OutgoingHttpHeaders = {};
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      const prev = headers[name];
      const value = req.rawHeaders[i + 1] ?? '';
      headers[name] = prev === undefined ? value : [...[prev].flat().map(String), value];
    }
    if (req.headers['transfer-encoding'] && !req.headers['content-length']) {
      headers['transfer-encoding'] = 'chunked';
    }
    const secure = target.protocol === 'https:';
    const upstream = (secure ? httpsRequest : request)(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        ...(secure && ca ? { ca } : {}),
      },
      (upRes) => {
        const status = upRes.statusCode ?? 502;
        const out = forwardableHeaders(upRes.rawHeaders);
        const send = (s: number, h: OutgoingHttpHeaders) => {
          res.writeHead(s, h);
          upRes.pipe(res);
          upRes.on('end', () => resolve());
          upRes.on('error', () => {
            res.destroy();
            resolve();
          });
        };
        if (!adjust) {
          send(status, out);
          return;
        }
        adjust(status, out).then(
          (changed) => send(changed?.status ?? status, changed?.headers ?? out),
          () => send(status, out),
        );
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
      }
      res.end(`Test DFS server could not reach Azurite: ${e.message}`);
      resolve();
    });
    req.pipe(upstream);
  });
