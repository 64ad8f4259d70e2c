import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

type CreateConnection = (
  options: unknown,
  callback?: (err: Error | null, socket: Duplex) => void,
) => Duplex;

const agents = new Map<string, http.Agent>();

/**
 * A keep-alive agent (one per protocol and deadline, shared by the process) whose new sockets
 * are destroyed with `ETIMEDOUT` (a Transient error, so the try is retried) unless they
 * connected (for HTTPS: finished the TLS handshake) within `connectTimeoutMs`. Reused sockets
 * are not timed. Node's agents offer only an idle timeout, which would also cut a slow answer
 * (https://nodejs.org/api/http.html#new-agentoptions).
 */
export function connectDeadlineAgent(protocol: string, connectTimeoutMs: number): http.Agent {
  const secure = protocol === 'https:';
  const key = `${secure ? 'https' : 'http'}:${connectTimeoutMs}`;
  const existing = agents.get(key);
  if (existing) return existing;
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const withAgent = agent as unknown as { createConnection: CreateConnection };
  const create = withAgent.createConnection.bind(agent);
  withAgent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    const timer = setTimeout(() => {
      const error = Object.assign(
        new Error(`No connection within ${connectTimeoutMs} ms (connect timeout).`),
        { code: 'ETIMEDOUT' },
      );
      socket.destroy(error);
    }, connectTimeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
  agents.set(key, agent);
  return agent;
}
