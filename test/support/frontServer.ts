import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Headers that describe one connection, never forwarded by a front server (RFC 9110 §7.6.1), plus Host. */
export const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** A running test front server: its account URL, a connection string for it, and stop. */
export interface FrontServer {
  url: string;
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Serves `handle` on a free loopback port as account `accountName` (path-style URL, as the
 * emulator's); a handler that rejects answers 500 with the error's text.
 */
export async function listenFrontServer(
  accountName: string,
  accountKey: string,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<FrontServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/${accountName}`;
  return {
    url,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${accountName};AccountKey=${accountKey};BlobEndpoint=${url};`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
