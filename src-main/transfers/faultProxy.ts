// A loopback HTTP proxy that injects faults between the engine and Azurite; test support only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to request number `n` (1-based). */
export type Fault = 'pass' | 'busy' | 'reset' | 'cut' | 'lost' | 'held';

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests seen, by fault applied. */
  counts: Record<Fault, number>;
  /** ms each forwarded request waits before it goes on (0: none); may be changed while running. */
  delayMs: number;
  /** Called once a `held` request's answer has come from the service, before it is passed on. */
  onHeld?: () => void;
  /** ms a `held` answer waits after `onHeld` before it is passed on; default 500. */
  holdMs: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target` (`http://host:port`) that applies `faultFor(n)` to the n-th
 * request: `busy` answers 503 ServerBusy with `Retry-After: 0` without forwarding, `reset`
 * destroys the connection before answering, `cut` forwards and destroys the connection after
 * half of the response body (a download range cut short), `lost` forwards, lets the service
 * answer, and destroys the connection without passing the answer on (a write applied whose
 * response never arrived), `held` forwards, lets the service answer, calls `onHeld` and passes
 * the answer on `holdMs` later (a write applied whose answer is still on its way). Forwarded
 * requests wait `delayMs`
 * (default 0) first, to slow a transfer down.
 */
export async function startFaultProxy(
  target: string,
  faultFor: (n: number, req: http.IncomingMessage) => Fault,
  delayMs = 0,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts: Record<Fault, number> = { pass: 0, busy: 0, reset: 0, cut: 0, lost: 0, held: 0 };
  let n = 0;
  const server = http.createServer((req, res) => {
    if (proxy.delayMs > 0) setTimeout(() => handle(req, res), proxy.delayMs);
    else handle(req, res);
  });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const fault = faultFor(++n, req);
    counts[fault]++;
    if (fault === 'busy' || fault === 'reset') {
      req.resume();
      req.on('end', () => {
        if (fault === 'reset') return void req.socket.destroy();
        res.writeHead(503, { 'retry-after': '0', 'x-ms-error-code': 'ServerBusy' }).end();
      });
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        if (fault === 'lost') {
          up.resume();
          up.on('end', () => res.socket?.destroy());
          return;
        }
        if (fault === 'held') {
          proxy.onHeld?.();
          setTimeout(() => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          }, proxy.holdMs);
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        const length = Number(up.headers['content-length'] ?? 0);
        if (fault !== 'cut' || length < 2) return void up.pipe(res);
        let sent = 0;
        up.on('data', (chunk: Buffer) => {
          const room = Math.floor(length / 2) - sent;
          if (room <= 0) return;
          res.write(chunk.subarray(0, room));
          sent += Math.min(room, chunk.length);
          if (sent >= Math.floor(length / 2)) {
            up.destroy();
            res.socket?.destroy();
          }
        });
      },
    );
    forward.on('error', () => res.socket?.destroy());
    req.pipe(forward);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    counts,
    delayMs,
    holdMs: 500,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
