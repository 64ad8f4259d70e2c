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

/**
 * A keep-alive agent (one per protocol and pair of timeouts, shared by the process) whose
 * sockets are destroyed with `ETIMEDOUT` (Transient, so the try is retried) unless they
 * connected (for HTTPS: finished the TLS handshake) within `connectTimeoutMs` (reused sockets
 * are not timed again), and with `readTimeoutErrorCode` (Timeout, also retried) once they moved
 * no byte in either direction for `readTimeoutMs`: a request whose answer does not start, or a
 * body that stops, is cut then rather than at the operation's deadline; a slow answer that
 * keeps moving is not. The read timeout is the socket's idle timeout
 * (https://nodejs.org/api/net.html#socketsettimeouttimeout-callback), given to the agent too
 * (`timeout`) so the agent keeps it when it reuses a socket; a free socket idle that long is
 * closed, as the agent does then itself (https://nodejs.org/api/http.html#new-agentoptions).
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
  const options = { keepAlive: true, timeout: readTimeoutMs };
  const agent = secure ? new https.Agent(options) : new http.Agent(options);
  const withAgent = agent as unknown as { createConnection: CreateConnection };
  const create = withAgent.createConnection.bind(agent);
  withAgent.createConnection = (connectionOptions, callback) => {
    const socket = create(connectionOptions, callback) as Duplex & {
      setTimeout(ms: number): void;
    };
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
      const error = Object.assign(
        new Error(
          `No byte came or went for ${readTimeoutMs} ms, so the try was cut (read timeout).`,
        ),
        { code: readTimeoutErrorCode, name: 'TimeoutError' },
      );
      // The answer being read, if any, fails with this error rather than the 'aborted' reset
      // Node gives a body whose socket closed (`_httpMessage` is the socket's request, `res`
      // its answer: Node's own fields, undocumented but there since 0.x).
      const inFlight = (socket as { _httpMessage?: { res?: Duplex } })._httpMessage;
      inFlight?.res?.destroy(error);
      socket.destroy(error);
    });
    return socket;
  };
  agents.set(key, agent);
  return agent;
}
