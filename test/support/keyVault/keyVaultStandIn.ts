import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TestTls } from '../entra/testTls.js';

/**
 * How the stand-in answers Get Secret: `ok`, `deny` (403 Forbidden, as a vault whose access
 * policy or RBAC refuses the caller) or `stall` (never answers, as a firewall dropping packets).
 */
export type VaultBehaviour = 'ok' | 'deny' | 'stall';

/** One Get Secret the stand-in served: the secret's name and when the request arrived and was answered (ms since the epoch). */
export interface VaultRequest {
  name: string;
  startedAt: number;
  endedAt?: number;
  status?: number;
}

/** A running Azure Key Vault stand-in on `https://127.0.0.1:PORT`. */
export interface KeyVaultStandIn {
  /** `127.0.0.1:PORT`, the vault as a `secret://keyvault/<host:port>/…` reference writes it. */
  host: string;
  /** `https://127.0.0.1:PORT`. */
  url: string;
  /** Get Secret requests that carried a token (the unauthenticated challenge requests are not counted). */
  requests: VaultRequest[];
  /** Requests without a token answered with the 401 challenge, since the start or the last `resetChallenges`. */
  challenges(): number;
  resetChallenges(): void;
  /** The most Get Secret requests in flight at one time. */
  maxConcurrent(): number;
  /** Adds (or replaces) a secret; returns its new version id. */
  setSecret(name: string, value: string): string;
  /** Delay before each answer, in ms. */
  setLatency(ms: number): void;
  /** How the named secret (or every secret, for `*`) is answered. */
  setBehaviour(name: string | '*', behaviour: VaultBehaviour): void;
  stop(): Promise<void>;
}

/** The audience Key Vault tokens are for (the challenge's `resource`). */
export const keyVaultResource = 'https://vault.azure.net';

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

/** The claims of a bearer JWT, read but not verified (as Azurite's `--oauth basic` does). */
function claimsOf(req: IncomingMessage): Record<string, unknown> | undefined {
  const auth = req.headers.authorization ?? '';
  const token = /^Bearer (.+)$/.exec(auth)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

/**
 * Starts a stand-in speaking the Key Vault secrets REST API (Get Secret,
 * `GET /secrets/{name}[/{version}]?api-version=…`, https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret)
 * over HTTPS with the run's test certificate. As the real service, a request without a token
 * is answered 401 with a `WWW-Authenticate` challenge naming the authority and the resource
 * `https://vault.azure.net`; a token is accepted by its claims (`aud` that resource, `exp` in
 * the future), not its signature. Unknown secrets answer 404 SecretNotFound.
 */
export async function startKeyVaultStandIn(
  tls: Pick<TestTls, 'cert' | 'key'>,
  tenantId = 'kv-tenant',
): Promise<KeyVaultStandIn> {
  const secrets = new Map<string, { version: string; value: string }[]>();
  const behaviours = new Map<string, VaultBehaviour>();
  const requests: VaultRequest[] = [];
  let latency = 0;
  let challenges = 0;
  let inFlight = 0;
  let most = 0;
  const sockets = new Set<Duplex>();

  const handle = async (req: IncomingMessage, res: ServerResponse, base: string) => {
    const url = new URL(req.url ?? '/', base);
    const match = /^\/secrets\/([^/]+)(?:\/([^/]*))?\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(res, 400, {
        error: { code: 'BadParameter', message: 'Only Get Secret is served here.' },
      });
      return;
    }
    const claims = claimsOf(req);
    if (!claims) {
      challenges += 1;
      send(
        res,
        401,
        {
          error: {
            code: 'Unauthorized',
            message: 'AKV10000: Request is missing a Bearer or PoP token.',
          },
        },
        {
          'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${keyVaultResource}"`,
        },
      );
      return;
    }
    const name = decodeURIComponent(match[1]!);
    const version = match[2] ? decodeURIComponent(match[2]) : undefined;
    const record: VaultRequest = { name, startedAt: Date.now() };
    requests.push(record);
    inFlight += 1;
    most = Math.max(most, inFlight);
    const finish = (status: number, body: unknown) => {
      inFlight -= 1;
      record.endedAt = Date.now();
      record.status = status;
      send(res, status, body);
    };
    const behaviour = behaviours.get(name) ?? behaviours.get('*') ?? 'ok';
    if (behaviour === 'stall') {
      res.on('close', () => (inFlight -= 1));
      return;
    }
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    if (claims.aud !== keyVaultResource || exp * 1000 < Date.now()) {
      finish(401, {
        error: { code: 'Unauthorized', message: 'AKV10022: Invalid audience or expired token.' },
      });
      return;
    }
    if (behaviour === 'deny') {
      finish(403, {
        error: {
          code: 'Forbidden',
          message: `The user, group or application does not have secrets get permission on key vault.`,
          innererror: { code: 'AccessDenied' },
        },
      });
      return;
    }
    const versions = secrets.get(name);
    const found = version ? versions?.find((v) => v.version === version) : versions?.at(-1);
    if (!found) {
      finish(404, {
        error: {
          code: 'SecretNotFound',
          message: `A secret with (name/id) ${name} was not found in this key vault.`,
        },
      });
      return;
    }
    finish(200, {
      value: found.value,
      id: `${base}/secrets/${name}/${found.version}`,
      attributes: {
        enabled: true,
        created: 1_700_000_000,
        updated: 1_700_000_000,
        recoveryLevel: 'Recoverable+Purgeable',
      },
    });
  };

  const server: Server = createServer({ cert: tls.cert, key: tls.key });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  server.on('request', (req, res) => {
    handle(req, res, url).catch(() => send(res, 500, { error: { code: 'InternalError' } }));
  });

  return {
    host: `127.0.0.1:${port}`,
    url,
    requests,
    challenges: () => challenges,
    resetChallenges: () => void (challenges = 0),
    maxConcurrent: () => most,
    setSecret(name, value) {
      const version = randomBytes(16).toString('hex');
      secrets.set(name, [...(secrets.get(name) ?? []), { version, value }]);
      return version;
    },
    setLatency: (ms) => void (latency = ms),
    setBehaviour: (name, behaviour) => void behaviours.set(name, behaviour),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
