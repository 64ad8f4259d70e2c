import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

type CreateConnection = (
  options: unknown,
  callback?: (err: Error | null, socket: Duplex) => void,
) => Duplex;

/**
 * The `code` of the error a socket is destroyed with when it moved no byte for the read
 * timeout (the name the `request` library gave a read timeout). `observeStorageCall` fails such
 * a try with `Timeout`; the error's name is `TimeoutError`, which `toLakeError` maps to
 * `Timeout` when a body being read fails with it.
 */
export const readTimeoutErrorCode = 'ESOCKETTIMEDOUT';

/** Whether `thrown` (the error itself, or the SDK's RestError carrying its code) is a read-timeout cut. */
export const isReadTimeout = (thrown: unknown): boolean =>
  (thrown as { code?: unknown } | undefined)?.code === readTimeoutErrorCode;

const agents = new Map<string, http.Agent>();

/** The error a try cut by the read timeout fails with. */
const readTimeoutError = (readTimeoutMs: number): Error =>
  Object.assign(
    new Error(`No byte came or went for ${readTimeoutMs} ms, so the try was cut (read timeout).`),
    { code: readTimeoutErrorCode, name: 'TimeoutError' },
  );

/**
 * A keep-alive agent (one per protocol and pair of timeouts, shared by the process) whose new
 * sockets are destroyed with `ETIMEDOUT` (Transient, so the try is retried) unless they
 * connected (for HTTPS: finished the TLS handshake) within `connectTimeoutMs` (reused sockets
 * are not timed again), and with `readTimeoutErrorCode` (Timeout, also retried) once they moved
 * no byte in either direction for `readTimeoutMs` while in use: a request whose answer does not
 * start, or a body that stops, is cut then rather than at the operation's deadline; a slow
 * answer that keeps moving is not. The read timeout is the socket's idle timeout
 * (https://nodejs.org/api/net.html#socketsettimeouttimeout-callback), set when the socket is
 * made (for callers that read the agent's sockets themselves, `sendIntoSink`) and again for
 * each request the agent takes (`addRequest`, the hook agent-base uses too): Node gives a free
 * socket the shorter idle timeout of the server's Keep-Alive hint and keeps it on reuse
 * (https://nodejs.org/api/http.html#new-agentoptions), which would cut a slow answer.
 */
export function connectDeadlineAgent(
  protocol: string,
  connectTimeoutMs: number,
  readTimeoutMs: number,
): http.Agent {
  const secure = protocol === 'https:';
  const key = `${secure ? 'https' : 'http'}:${connectTimeoutMs}:${readTimeoutMs}`;
  const existing = agents.get(key);
  if (existing) return existing;
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const withAgent = agent as unknown as {
    createConnection: CreateConnection;
    addRequest(request: { setTimeout(ms: number): unknown }, options: unknown): void;
  };
  const create = withAgent.createConnection.bind(agent);
  withAgent.createConnection = (options, callback) => {
    const socket = create(options, callback) as Duplex & { setTimeout(ms: number): unknown };
    const timer = setTimeout(() => {
      const error = Object.assign(
        new Error(`No connection within ${connectTimeoutMs} ms (connect timeout).`),
        { code: 'ETIMEDOUT' },
      );
      socket.destroy(error);
    }, connectTimeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    socket.setTimeout(readTimeoutMs);
    socket.on('timeout', () => {
      const error = readTimeoutError(readTimeoutMs);
      // The answer being read, if any, fails with this error rather than the 'aborted' reset
      // Node gives a body whose socket closed (`_httpMessage` is the socket's request, `res`
      // its answer: Node's own fields, undocumented but there since 0.x). A free socket idle
      // that long is closed, as Node's agent does then itself.
      const inFlight = (socket as { _httpMessage?: { res?: Duplex } })._httpMessage;
      inFlight?.res?.destroy(error);
      socket.destroy(error);
    });
    return socket;
  };
  const addRequest = withAgent.addRequest.bind(agent);
  withAgent.addRequest = (request, options) => {
    request.setTimeout(readTimeoutMs);
    addRequest(request, options);
  };
  agents.set(key, agent);
  return agent;
}
