import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import {
  applicationClaims,
  applicationClient,
  type StandInApplication,
} from './standInApplications.js';
import type { TestTls } from './testTls.js';

/** A tenant the stand-in knows: its id (a GUID) and the domains that name it too. */
export interface StandInTenant {
  id: string;
  domains?: string[];
}

export interface EntraStandInOptions {
  tls: Pick<TestTls, 'cert' | 'key'>;
  tenants: StandInTenant[];
  /** The public client's application id; refused otherwise (AADSTS700016 in Entra). */
  clientId: string;
  /** Confidential clients (service principals) that get app-only tokens by client credentials. */
  applications?: StandInApplication[];
  /** Access-token lifetime in seconds; default 3600. */
  accessTokenTtl?: number;
  /** How long a device code may be used, in seconds; default 900. */
  deviceCodeTtl?: number;
}

/** A running stand-in for the Entra ID v2.0 endpoints on `https://127.0.0.1:PORT`. */
export interface EntraStandIn {
  /** `https://127.0.0.1:PORT`, the authority host. */
  authorityHost: string;
  /** `127.0.0.1:PORT`, for MSAL's `knownAuthorities`. */
  knownAuthority: string;
  /** The access tokens, refresh tokens and ID tokens issued so far (for leak checks). */
  issued: string[];
  /** Every request path seen (for checking what the client asked for). */
  requests: string[];
  /** Each request's path and the client's port (to tell requests that came through a proxy). */
  requestPorts: { path: string; port: number }[];
  /** Makes later access tokens carry this `aud` instead of the resource's (a wrong-audience token). */
  setAudienceOverride(aud: string | undefined): void;
  /** Makes later refresh-token grants answer invalid_grant, as for an expired or revoked one. */
  setRefreshRefused(refused: boolean): void;
  stop(): Promise<void>;
}

/** The resource servers tokens can be asked for, by Entra's `<resource>/.default` scope. */
const resources = ['https://storage.azure.com', 'https://management.azure.com'];

/** `https://storage.azure.com/.default` → `https://storage.azure.com`. */
function resourceOfScope(scope: string | undefined): string | undefined {
  for (const s of (scope ?? '').split(' ')) {
    const match = /^(https:\/\/[^ ]+?)\/?\.default$/.exec(s);
    if (match && resources.includes(match[1]!)) return match[1];
  }
  return undefined;
}

/** A stable GUID-shaped object id for a login name, as Entra's `oid`. */
const objectIdOf = (login: string): string => {
  const h = createHash('sha256').update(login).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const readAll = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Entra's refresh tokens are multi-resource: one from a storage sign-in also gets a Resource
 * Manager token. oidc-provider's are bound to the resource and scopes they were issued for, so
 * before a refresh for another resource the token and its grant are widened to that resource.
 */
async function widenRefreshToken(provider: Provider, form: URLSearchParams): Promise<void> {
  const wanted = resourceOfScope(form.get('scope') ?? undefined);
  const refreshToken = await provider.RefreshToken.find(form.get('refresh_token') ?? '');
  if (!wanted || !refreshToken || refreshToken.resource === wanted) return;
  const grant = await provider.Grant.find(refreshToken.grantId!);
  if (grant) {
    grant.addResourceScope(wanted, `${wanted}/.default user_impersonation`);
    await grant.save();
  }
  const requested = (form.get('scope') ?? '').split(' ').filter((s) => s && s !== 'offline_access');
  refreshToken.resource = wanted;
  refreshToken.scope = [...new Set([...(refreshToken.scope ?? '').split(' '), ...requested])].join(
    ' ',
  );
  await refreshToken.save();
}

interface Knobs {
  audienceOverride: string | undefined;
  refreshRefused: boolean;
}

function tenantProvider(
  authorityHost: string,
  tenant: StandInTenant,
  options: EntraStandInOptions,
  knobs: Knobs,
  issued: string[],
): Provider {
  const tid = tenant.id;
  const config: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/', 'http://localhost/'],
        grant_types: [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
        ],
        response_types: ['code'],
      },
      ...(options.applications ?? []).map(applicationClient),
    ],
    routes: {
      authorization: '/oauth2/v2.0/authorize',
      token: '/oauth2/v2.0/token',
      device_authorization: '/oauth2/v2.0/devicecode',
      code_verification: '/device',
      jwks: '/discovery/v2.0/keys',
      userinfo: '/oidc/userinfo',
      end_session: '/oauth2/v2.0/logout',
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub', 'oid', 'tid', 'ver'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) =>
          resourceOfScope(ctx.oidc.params?.scope as string | undefined) ?? resources[0]!,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => ({
          scope: `${indicator}/.default user_impersonation`,
          audience: indicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtl ?? 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // Entra issues refresh tokens without an offline_access consent and does not rotate them.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    expiresWithSession: () => false,
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        oid: objectIdOf(sub),
        tid,
        ver: '2.0',
        name: sub,
        preferred_username: `${sub}@${tenant.domains?.[0] ?? 'example.test'}`,
        email: `${sub}@${tenant.domains?.[0] ?? 'example.test'}`,
      }),
    }),
    formats: {
      customizers: {
        // Entra's v1.0 storage tokens: Azurite's --oauth basic checks these claims.
        jwt: (_ctx, token, jwt) => {
          const login = jwt.payload.sub as string;
          const now = Math.floor(Date.now() / 1000);
          const common = {
            iss: `https://sts.windows.net/${tid}/`,
            aud: knobs.audienceOverride ?? jwt.payload.aud,
            nbf: now - 60,
          };
          if (token.kind === 'ClientCredentials') {
            // An app-only token: `sub` is the client id here, the service principal in Entra's.
            Object.assign(jwt.payload, common, applicationClaims(login, tid));
            return;
          }
          Object.assign(jwt.payload, {
            ...common,
            tid,
            oid: objectIdOf(login),
            upn: `${login}@${tenant.domains?.[0] ?? 'example.test'}`,
            scp: 'user_impersonation',
            appid: options.clientId,
            ver: '1.0',
          });
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600,
      ClientCredentials: options.accessTokenTtl ?? 3600,
      RefreshToken: 14 * 24 * 3600,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 14 * 24 * 3600,
      DeviceCode: options.deviceCodeTtl ?? 900,
    },
    cookies: { keys: ['lakeshore-test-cookie-key'] },
  };
  // oidc-provider warns about its development defaults (keys, adapter, pages) on construction.
  const warn = console.warn;
  console.warn = () => undefined;
  let provider: Provider;
  try {
    provider = new Provider(`${authorityHost}/${tenant.id}/v2.0`, config);
  } finally {
    console.warn = warn;
  }
  provider.proxy = false;
  if (process.env.LAKESHORE_DEBUG_ENTRA) {
    provider.on('grant.error', (_ctx, err) =>
      console.error('stand-in grant.error', err, (err as { error_detail?: string }).error_detail),
    );
  }

  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    const isToken = ctx.path === '/oauth2/v2.0/token' && ctx.method === 'POST';
    const isDeviceCode = ctx.path === '/oauth2/v2.0/devicecode' && ctx.method === 'POST';
    if (isToken || isDeviceCode) {
      // Read the form ourselves to rewrite it; oidc-provider then reads req.body.
      const form = new URLSearchParams(await readAll(ctx.req));
      if (form.get('grant_type') === 'device_code') {
        form.set('grant_type', 'urn:ietf:params:oauth:grant-type:device_code');
      }
      if (form.get('grant_type') === 'refresh_token' && knobs.refreshRefused) {
        ctx.status = 400;
        ctx.body = {
          error: 'invalid_grant',
          error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
        };
        return;
      }
      if (form.get('grant_type') === 'refresh_token') {
        await widenRefreshToken(provider, form);
      }
      const scope = form.get('scope');
      if (scope !== null) {
        form.set(
          'scope',
          scope
            .split(' ')
            .filter((s) => s !== 'offline_access')
            .join(' '),
        );
      }
      (ctx.req as IncomingMessage & { body?: string }).body = form.toString();
    }
    if (ctx.path === '/oauth2/v2.0/authorize') {
      const params = new URLSearchParams(ctx.querystring);
      const prompt = params.get('prompt');
      if (prompt !== null) {
        const kept = prompt.split(' ').filter((p) => p !== 'select_account');
        if (kept.length) params.set('prompt', kept.join(' '));
        else params.delete('prompt');
        const before = ctx.req.url!;
        ctx.querystring = params.toString();
        const req = ctx.req as IncomingMessage & { originalUrl?: string };
        req.originalUrl =
          req.originalUrl!.slice(0, req.originalUrl!.length - before.length) + ctx.req.url;
      }
    }
    await next();
    if ((isToken || isDeviceCode) && ctx.status >= 400 && process.env.LAKESHORE_DEBUG_ENTRA) {
      console.error(
        'stand-in',
        ctx.path,
        (ctx.req as { body?: string }).body,
        JSON.stringify(ctx.body),
      );
    }
    if (isToken && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      const body = ctx.body as Record<string, unknown>;
      const sub = ctx.oidc.entities.Account?.accountId ?? ctx.oidc.entities.Grant?.accountId;
      if (sub) body.client_info = b64url({ uid: objectIdOf(sub), utid: tid });
      if (typeof body.expires_in === 'number') body.ext_expires_in = body.expires_in;
      for (const key of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof body[key] === 'string') issued.push(body[key]);
      }
    }
    if (isDeviceCode && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      const body = ctx.body as Record<string, unknown>;
      body.message = `To sign in, use a web browser to open the page ${String(body.verification_uri)} and enter the code ${String(body.user_code)} to authenticate.`;
    }
  });
  return provider;
}

/**
 * Starts a local OpenID provider (oidc-provider, its development login and consent pages:
 * any login name and password sign in; "Cancel" denies) over HTTPS on 127.0.0.1, answering
 * Entra ID's v2.0 paths for each tenant, by id or domain, plus `organizations` and `common`
 * (which sign in to the first tenant):
 * `/<tenant>/v2.0/.well-known/openid-configuration`, `/<tenant>/oauth2/v2.0/authorize|token|devicecode`.
 * An unknown tenant answers 400 `invalid_tenant` (AADSTS90002), as Entra does.
 */
export async function startEntraStandIn(options: EntraStandInOptions): Promise<EntraStandIn> {
  const knobs: Knobs = { audienceOverride: undefined, refreshRefused: false };
  const issued: string[] = [];
  const requests: string[] = [];
  const requestPorts: { path: string; port: number }[] = [];
  const providers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const authorityHost = `https://127.0.0.1:${port}`;

  const names = (t: StandInTenant, first: boolean) => [
    t.id,
    ...(t.domains ?? []),
    ...(first ? ['organizations', 'common'] : []),
  ];
  // One provider per tenant (its own store of grants and tokens), reached by each of its names.
  options.tenants.forEach((tenant, i) => {
    const handler = tenantProvider(authorityHost, tenant, options, knobs, issued).callback();
    for (const name of names(tenant, i === 0)) providers.set(name.toLowerCase(), handler);
  });

  server.on('request', (req, res) => {
    requests.push(req.url ?? '');
    requestPorts.push({ path: req.url ?? '', port: req.socket.remotePort ?? 0 });
    const match = /^\/([^/?]+)(\/[^?]*)?(\?.*)?$/.exec(req.url ?? '');
    const tenant = match?.[1]?.toLowerCase() ?? '';
    let rest = match?.[2] ?? '/';
    const query = match?.[3] ?? '';
    const handler = providers.get(tenant);
    if (!handler) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: 'invalid_tenant',
          error_description: `AADSTS90002: Tenant '${decodeURIComponent(tenant)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
          error_codes: [90002],
        }),
      );
      return;
    }
    // MSAL reads the metadata at /<tenant>/v2.0/.well-known/…; the provider serves it at its mount.
    if (rest.startsWith('/v2.0/.well-known/')) rest = rest.slice('/v2.0'.length);
    const mounted = req as IncomingMessage & { originalUrl?: string };
    mounted.url = rest + query;
    mounted.originalUrl = `/${match![1]}${rest}${query}`;
    handler(req, res);
  });

  return {
    authorityHost,
    knownAuthority: `127.0.0.1:${port}`,
    issued,
    requests,
    requestPorts,
    setAudienceOverride: (aud) => (knobs.audienceOverride = aud),
    setRefreshRefused: (refused) => (knobs.refreshRefused = refused),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
