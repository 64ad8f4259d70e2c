// A loopback HTTP proxy that injects storage faults between Lakeshore and a Blob/DFS endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hopByHopHeaders } from '../support/frontServer.js';

/** The faults the proxy can inject into one request. */
export const chaosFaults = ['reset', 'status500', 'status503', 'stall', 'truncate'] as const;
/**
 * One of `chaosFaults`, or `lose`: the request is forwarded, the service answers in full, and
 * the connection is dropped before any of the answer is passed on (a write applied whose answer
 * was lost, whatever its body); the lost-answer suite's only fault.
 */
export type ChaosFault = (typeof chaosFaults)[number] | 'lose';

/** Decides what happens to one request: a fault, or `undefined` to pass it on untouched. */
export type ChaosPlan = (req: http.IncomingMessage) => ChaosFault | undefined;

/** A running chaos proxy. */
export interface ChaosProxy {
  /** `http://127.0.0.1:<port>` (append the account path). */
  origin: string;
  /** Requests seen in all. */
  requests: number;
  /** Faults injected so far, by kind. */
  injected: Record<ChaosFault, number>;
  /** The plan in force; replace it at any time (`undefined` passes everything). */
  plan: ChaosPlan | undefined;
  close(): Promise<void>;
}

/** Options of `startChaosProxy`. */
export interface ChaosProxyOptions {
  /** How long a `stall` holds the response before it goes on, in ms; default 1,500. */
  stallMs?: number;
  /** The `Retry-After` of a 503, in seconds; default 1. */
  retryAfterSeconds?: number;
}

/** A seeded PRNG (mulberry32) returning numbers in [0, 1), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A plan injecting a fault into a share `rate` of requests (drawn from `random`), the kinds
 * taken in turn from a random start, so every kind is injected once as many faults as kinds were.
 */
export function randomPlan(
  random: () => number,
  rate: number,
  kinds: readonly ChaosFault[] = chaosFaults,
): ChaosPlan {
  let next = Math.floor(random() * kinds.length);
  return () => (random() < rate ? kinds[next++ % kinds.length] : undefined);
}

const forwardedHeaders = (headers: http.IncomingHttpHeaders, host: string) => {
  const out: http.OutgoingHttpHeaders = { host };
  for (const [k, v] of Object.entries(headers)) if (!hopByHopHeaders.has(k)) out[k] = v;
  return out;
};

/**
 * Starts a proxy on 127.0.0.1 to `target` (an origin, `http://host:port`) applying `plan` to each
 * request: `reset` drops the connection before any answer; `status500` answers 500 InternalError
 * and `status503` 503 ServerBusy with `Retry-After`, neither forwarded; `stall` holds the request
 * `stallMs` before forwarding it; `truncate` forwards it and drops the connection after half the
 * response body, or, for a response without a body (most writes, every HEAD), right after the
 * service answered: the write took effect but its answer never arrived; `lose` forwards it
 * and drops the connection once the whole answer came back, none of it passed on.
 */
export async function startChaosProxy(
  target: string,
  options: ChaosProxyOptions = {},
): Promise<ChaosProxy> {
  const upstream = new URL(target);
  const stallMs = options.stallMs ?? 1500;
  const injected = Object.fromEntries([...chaosFaults, 'lose'].map((f) => [f, 0])) as Record<
    ChaosFault,
    number
  >;
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    truncate: boolean,
    lose = false,
  ) => {
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req.headers, upstream.host),
      },
      (answer) => {
        const length = Number(answer.headers['content-length'] ?? 0);
        // A HEAD answer names the blob's length but has no body: cut it as a bodiless one.
        if (lose || (truncate && (req.method === 'HEAD' || !(length >= 2)))) {
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        const headers = forwardedHeaders(answer.headers, '');
        delete headers.host;
        res.writeHead(answer.statusCode ?? 502, headers);
        if (!truncate) return void answer.pipe(res);
        let sent = 0;
        const half = Math.floor(length / 2);
        answer.on('data', (chunk: Buffer) => {
          if (sent >= half) return;
          const part = chunk.subarray(0, half - sent);
          res.write(part);
          sent += part.length;
          if (sent >= half) {
            answer.destroy();
            res.socket?.destroy();
          }
        });
      },
    );
    up.on('error', () => res.socket?.destroy());
    req.pipe(up);
  };
  const server = http.createServer((req, res) => {
    proxy.requests += 1;
    const fault = proxy.plan?.(req);
    if (fault) injected[fault] += 1;
    if (fault === 'reset' || fault === 'status500' || fault === 'status503') {
      req.resume();
      req.on('end', () => {
        if (fault === 'reset') return void req.socket.destroy();
        const [status, code] = fault === 'status500' ? [500, 'InternalError'] : [503, 'ServerBusy'];
        const headers: http.OutgoingHttpHeaders = { 'x-ms-error-code': code, 'content-length': 0 };
        if (fault === 'status503') headers['retry-after'] = String(options.retryAfterSeconds ?? 1);
        res.writeHead(status, headers).end();
      });
      return;
    }
    if (fault === 'stall') setTimeout(() => forward(req, res, false), stallMs);
    else forward(req, res, fault === 'truncate', fault === 'lose');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: ChaosProxy = {
    origin: `http://127.0.0.1:${port}`,
    requests: 0,
    injected,
    plan: undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
