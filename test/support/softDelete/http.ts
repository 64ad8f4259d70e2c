import { randomUUID } from 'node:crypto';
import { hopByHopHeaders } from '../frontServer.js';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { request } from 'node:http';

const HOP_BY_HOP = hopByHopHeaders;

export interface BufferedResponse {
  status: number;
  /** Response headers minus hop-by-hop ones, names lower-cased. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Like `dfsServer/passThrough.ts`, forwards a request to Azurite unchanged (so Azurite checks
 * its signature or SAS), but buffers the response so that its body can be rewritten.
 */
export const forwardBuffered = (
  azuriteOrigin: string,
  req: IncomingMessage,
): Promise<BufferedResponse> =>
  new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (HOP_BY_HOP.has(name) || value === undefined) continue;
      headers[name] = value;
    }
    const target = new URL(azuriteOrigin);
    const upstream = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('error', reject);
        upRes.on('end', () => {
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(upRes.headers)) {
            if (HOP_BY_HOP.has(name) || value === undefined) continue;
            out[name] = value;
          }
          resolve({ status: upRes.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
      },
    );
    upstream.on('error', reject);
    req.pipe(upstream);
  });

/** Sends a (possibly rewritten) buffered response with a correct Content-Length. */
export const sendBuffered = (res: ServerResponse, r: BufferedResponse, body: Buffer): void => {
  const headers: OutgoingHttpHeaders = { ...r.headers };
  delete headers['content-md5'];
  headers['content-length'] = String(body.length);
  res.writeHead(r.status, headers);
  res.end(body);
};

/** Standard response headers of a Blob operation this stand-in answers itself. */
export const serviceHeaders = (req: IncomingMessage): OutgoingHttpHeaders => {
  const clientId = req.headers['x-ms-client-request-id'];
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': req.headers['x-ms-version'] ?? '2025-01-05',
    date: new Date().toUTCString(),
    ...(typeof clientId === 'string' ? { 'x-ms-client-request-id': clientId } : {}),
  };
};

/**
 * A Blob service error response: status, `x-ms-error-code` and the XML `<Error>` body, as in
 * https://learn.microsoft.com/rest/api/storageservices/status-and-error-codes2 .
 */
export const sendError = (
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void => {
  const headers = serviceHeaders(req);
  const body = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${String(headers['x-ms-request-id'])}\nTime:${new Date().toISOString()}</Message></Error>`,
  );
  res.writeHead(status, {
    ...headers,
    'x-ms-error-code': code,
    'content-type': 'application/xml',
    'content-length': String(body.length),
  });
  if (req.method === 'HEAD') res.end();
  else res.end(body);
};
