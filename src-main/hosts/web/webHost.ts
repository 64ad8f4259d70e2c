import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  stagingPath,
  stagingTokenHeader,
  wsPath,
  wsTokenParam,
  type ClientMessage,
  type ServerMessage,
} from '../../../shared/contract/index.js';
import type { LakeService } from '../../service/types.js';
import { securityHeaders, serveStatic } from './staticFiles.js';
import { receiveStagedFile } from './stagingUpload.js';

export interface WebHostOptions {
  service: LakeService;
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** The per-run token; random 32 bytes (hex) when absent. */
  token?: string;
  /** Where dropped files are staged (`POST ${stagingPath}`); uploads by drop are refused when absent. */
  stagingDir?: string;
}

export interface WebHost {
  /** The URL to open, token included in the fragment (never sent to the server in requests): `http://127.0.0.1:PORT/#token=…`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Closes sockets and the server; does not dispose the service. */
  close(): Promise<void>;
}

/** Largest message accepted from a browser, in bytes. */
const maxMessageBytes = 1024 * 1024;

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const parseClientMessage = (data: string): ClientMessage | undefined => {
  try {
    const m = JSON.parse(data) as Partial<ClientMessage>;
    return m.type === 'call' && Number.isSafeInteger(m.id) && typeof m.name === 'string'
      ? (m as ClientMessage)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Whether a request's Host header names this server by a loopback name (`127.0.0.1` or
 * `localhost` with its port): a page of another site whose name an attacker re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
const isLoopbackHost = (host: string | undefined, port: number): boolean =>
  host === `127.0.0.1:${port}` || host === `localhost:${port}`;

/**
 * Browser mode: serves the built renderer and the contract's calls over a WebSocket, bound to
 * 127.0.0.1 only. An upgrade must carry the per-run token and the host's own Origin, or it is
 * refused with 403 before any call runs; any request whose Host header is not a loopback name
 * with this port (DNS rebinding) is refused with 403.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  // Known once the server listens on its port; requests cannot arrive before.
  let origin = '';
  let port = 0;
  const server = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host, port)) {
      req.resume();
      res.writeHead(403, securityHeaders).end();
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname === stagingPath && options.stagingDir) {
      const given = String(req.headers[stagingTokenHeader] ?? '');
      if (req.headers.origin !== origin || !sameSecret(given, token)) {
        req.resume();
        res.writeHead(403, securityHeaders).end();
        return;
      }
      void receiveStagedFile(options.stagingDir, req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, securityHeaders).end();
      return;
    }
    void serveStatic(options.rendererDir, req.url ?? '/', res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const refuse = (socket: Duplex, status: 400 | 403, reason: string) => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isLoopbackHost(req.headers.host, port)) return refuse(socket, 403, 'Forbidden');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== wsPath) return refuse(socket, 400, 'Bad Request');
    const given = url.searchParams.get(wsTokenParam) ?? '';
    if (req.headers.origin !== origin || !sameSecret(given, token))
      return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.service));
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, service: LakeService): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = service.subscribe((name, payload) => send({ type: 'event', name, payload }));
  ws.on('close', unsubscribe);
  // A message over maxPayload (or a broken frame) is reported here; unhandled, it would end the process.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? undefined : parseClientMessage(data.toString());
    if (!message) {
      ws.close(1003, 'Expected a call message');
      return;
    }
    void service
      .dispatch(message.name, message.args)
      .then((result) => send({ type: 'result', id: message.id, result }));
  });
}
