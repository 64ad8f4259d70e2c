import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestTls } from '../entra/testTls.js';

/** A storage account the stand-in lists, with the endpoints its `primaryEndpoints` give. */
export interface StandInStorageAccount {
  name: string;
  resourceGroup: string;
  /** `https://127.0.0.1:PORT/devstoreaccount1/` for a test Azurite; Azure's end in `/`. */
  blobEndpoint: string;
  dfsEndpoint?: string;
  isHnsEnabled?: boolean;
  location?: string;
  /** What Microsoft.Authorization/permissions answers for it (default: none). */
  permissions?: { actions: string[]; dataActions: string[] };
  /**
   * Roles given on single containers, by container name: the permissions call at a
   * container's scope (`…/blobServices/default/containers/<name>`) answers these as well as
   * the account's, since assignments above a scope are inherited by it.
   */
  containerPermissions?: Record<string, { actions: string[]; dataActions: string[] }>;
  /** Its keys, answered by listKeys when the caller's permissions include `…/listKeys/action`. */
  keys?: string[];
}

export interface StandInSubscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  storageAccounts: StandInStorageAccount[];
}

export interface ArmStandInOptions {
  tls: Pick<TestTls, 'cert' | 'key'>;
  tenants: { tenantId: string; displayName: string; defaultDomain: string }[];
  subscriptions: StandInSubscription[];
  /** Items per page of every list (nextLink beyond); default 2, so paging is always exercised. */
  pageSize?: number;
}

/** A running Resource Manager stand-in on `https://127.0.0.1:PORT`. */
export interface ArmStandIn {
  /** `https://127.0.0.1:PORT`, the Resource Manager endpoint. */
  endpoint: string;
  /** Each request's method and path with query, in order. */
  requests: string[];
  stop(): Promise<void>;
}

/** The `aud` of a Resource Manager token; anything else is refused as Azure does (401 InvalidAuthenticationToken). */
const armAudiences = ['https://management.azure.com', 'https://management.azure.com/'];
const listKeysAction = 'Microsoft.Storage/storageAccounts/listKeys/action';

/** The claims of a bearer token (the stand-in checks claims, not signatures, like Azurite). */
function claimsOf(req: IncomingMessage): Record<string, unknown> | undefined {
  const match = /^Bearer ([^.]+)\.([^.]+)\./.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  try {
    return JSON.parse(Buffer.from(match[2]!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': `arm-${Math.random().toString(16).slice(2, 10)}`,
  });
  res.end(JSON.stringify(body));
};

const armError = (res: ServerResponse, status: number, code: string, message: string): void =>
  send(res, status, { error: { code, message } });

/** The Resource Manager JSON of a storage account (Microsoft.Storage/storageAccounts, GET). */
function storageAccountJson(sub: StandInSubscription, a: StandInStorageAccount) {
  return {
    id: `/subscriptions/${sub.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${a.name}`,
    name: a.name,
    type: 'Microsoft.Storage/storageAccounts',
    location: a.location ?? 'westeurope',
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      isHnsEnabled: a.isHnsEnabled ?? false,
      primaryEndpoints: {
        blob: a.blobEndpoint,
        dfs: a.dfsEndpoint ?? a.blobEndpoint,
        queue: a.blobEndpoint.replace('/devstoreaccount1', '/queue'),
        table: a.blobEndpoint.replace('/devstoreaccount1', '/table'),
        web: a.blobEndpoint,
      },
      primaryLocation: a.location ?? 'westeurope',
      statusOfPrimary: 'available',
      allowSharedKeyAccess: true,
    },
  };
}

/**
 * Starts a local stand-in for the Resource Manager list calls Lakeshore makes, over HTTPS on
 * 127.0.0.1, answering their documented JSON shapes with paging (`nextLink` to the same path
 * with `$skiptoken`):
 * - `GET /tenants` (Microsoft.Resources, api-version 2022-12-01): the tenants of the token's
 *   identity;
 * - `GET /subscriptions`: the subscriptions of the token's tenant (`tid`), so a token for
 *   another tenant lists that tenant's;
 * - `GET /subscriptions/{id}/providers/Microsoft.Storage/storageAccounts`;
 * - `GET {account id}[/blobServices/default/containers/{name}]/providers/Microsoft.Authorization/permissions`,
 *   per scope (a container's also carries the account's, as inherited);
 * - `POST {account id}/listKeys`: 403 AuthorizationFailed unless the permissions allow it.
 * Every call needs a bearer token whose `aud` is the Resource Manager's (401
 * InvalidAuthenticationToken otherwise), as Azure answers.
 */
export async function startArmStandIn(options: ArmStandInOptions): Promise<ArmStandIn> {
  const pageSize = options.pageSize ?? 2;
  const requests: string[] = [];
  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const page = (res: ServerResponse, url: URL, items: unknown[]): void => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const value = items.slice(skip, skip + pageSize);
    const body: { value: unknown[]; nextLink?: string } = { value };
    if (skip + pageSize < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      body.nextLink = next.toString();
    }
    send(res, 200, body);
  };

  const findAccount = (subscriptionId: string, rg: string, name: string) => {
    const sub = options.subscriptions.find(
      (s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase(),
    );
    const account = sub?.storageAccounts.find(
      (a) => a.name === name && a.resourceGroup.toLowerCase() === rg.toLowerCase(),
    );
    return sub && account ? { sub, account } : undefined;
  };

  server.on('request', (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', endpoint);
    const claims = claimsOf(req);
    if (!claims) {
      armError(
        res,
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      );
      return;
    }
    if (!armAudiences.includes(String(claims.aud))) {
      armError(
        res,
        401,
        'InvalidAuthenticationToken',
        `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.`,
      );
      return;
    }
    if (!url.searchParams.get('api-version')) {
      armError(
        res,
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
      return;
    }
    const tid = String(claims.tid);
    const p = url.pathname;
    if (req.method === 'GET' && p === '/tenants') {
      page(
        res,
        url,
        options.tenants.map((t) => ({
          id: `/tenants/${t.tenantId}`,
          tenantId: t.tenantId,
          tenantCategory: t.tenantId === tid ? 'Home' : 'ProjectedBy',
          displayName: t.displayName,
          defaultDomain: t.defaultDomain,
          domains: [t.defaultDomain],
        })),
      );
      return;
    }
    if (req.method === 'GET' && p === '/subscriptions') {
      page(
        res,
        url,
        options.subscriptions
          .filter((s) => s.tenantId === tid)
          .map((s) => ({
            id: `/subscriptions/${s.subscriptionId}`,
            subscriptionId: s.subscriptionId,
            tenantId: s.tenantId,
            displayName: s.displayName,
            state: 'Enabled',
            subscriptionPolicies: { spendingLimit: 'Off', quotaId: 'PayAsYouGo_2014-09-01' },
          })),
      );
      return;
    }
    const accounts =
      /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts$/i.exec(p);
    if (req.method === 'GET' && accounts) {
      const sub = options.subscriptions.find((s) => s.subscriptionId === accounts[1]);
      if (!sub || sub.tenantId !== tid) {
        armError(
          res,
          403,
          'AuthorizationFailed',
          `The client does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read' over scope '/subscriptions/${accounts[1]}' or the scope is invalid.`,
        );
        return;
      }
      page(
        res,
        url,
        sub.storageAccounts.map((a) => storageAccountJson(sub, a)),
      );
      return;
    }
    const onAccount =
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)(?:\/blobServices\/default\/containers\/([^/]+))?\/(providers\/Microsoft\.Authorization\/permissions|listKeys)$/i.exec(
        p,
      );
    const found = onAccount && findAccount(onAccount[1]!, onAccount[2]!, onAccount[3]!);
    if (onAccount && !found) {
      armError(
        res,
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Storage/storageAccounts/${onAccount[3]}' under resource group '${onAccount[2]}' was not found.`,
      );
      return;
    }
    const container = onAccount?.[4] && decodeURIComponent(onAccount[4]);
    if (found && req.method === 'GET' && onAccount![5]!.endsWith('permissions')) {
      const held = [
        found.account.permissions ?? { actions: [], dataActions: [] },
        ...(container && found.account.containerPermissions?.[container]
          ? [found.account.containerPermissions[container]]
          : []),
      ];
      page(
        res,
        url,
        held.map((perms) => ({
          actions: perms.actions,
          notActions: [],
          dataActions: perms.dataActions,
          notDataActions: [],
        })),
      );
      return;
    }
    if (found && !container && req.method === 'POST' && onAccount![5] === 'listKeys') {
      const actions = found.account.permissions?.actions ?? [];
      if (!actions.some((a) => a === '*' || a === listKeysAction) || !found.account.keys) {
        armError(
          res,
          403,
          'AuthorizationFailed',
          `The client '${String(claims.upn ?? claims.oid)}' with object id '${String(claims.oid)}' does not have authorization to perform action '${listKeysAction}' over scope '${p.replace(/\/listKeys$/, '')}' or the scope is invalid.`,
        );
        return;
      }
      send(res, 200, {
        keys: found.account.keys.map((value, i) => ({
          keyName: `key${i + 1}`,
          value,
          permissions: 'FULL',
          creationTime: '2026-01-01T00:00:00.0000000Z',
        })),
      });
      return;
    }
    armError(res, 404, 'NotFound', `No route for ${req.method} ${p} in the stand-in.`);
  });

  return {
    endpoint,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
