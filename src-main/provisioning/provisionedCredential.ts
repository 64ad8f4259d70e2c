import { defaultAzureCredential } from '../connections/defaultCredentialConnection.js';
import type { StoragePipelineOptions } from '@azure/storage-blob';
import { environmentFromEnv } from '../auth/azureEnvironments.js';
import { servicePrincipalCredential } from '../auth/servicePrincipal.js';
import type { AccountCredential, TokenAccountCredential } from '../storage/accountAccess.js';
import { BlobUrlError, parseBlobUrl } from '../storage/blobUrl.js';
import type { ConnectionSettings } from './connectionSettings.js';
import type { SecretResolver } from './secretResolver.js';

/**
 * How a provisioned connection authenticates, decided from its settings before any secret is
 * read; secret fields still hold their literal or `secret://` reference.
 */
export type CredentialPlan =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountKey'; accountName: string; blobEndpoint: string; accountKey: string }
  | { kind: 'sas'; blobEndpoint: string; container?: string; sasToken: string }
  | {
      kind: 'servicePrincipal';
      blobEndpoint: string;
      container?: string;
      tenantId: string;
      clientId: string;
      clientSecret: string;
    }
  | { kind: 'defaultCredential'; blobEndpoint: string; container?: string; tenantId?: string };

/**
 * Decides how `settings` authenticate: `connection_string` alone; or an account
 * (`account_url`, or `account_name` on the cloud's storage suffix) with exactly one of
 * `account_key`, `sas_token`, `client_secret` (with `tenant_id` and `client_id`) or
 * `use_default_credentials = true`. Returns the reasons when the keys do not make one.
 */
export function planCredential(
  settings: ConnectionSettings,
  env: NodeJS.ProcessEnv,
): { ok: true; plan: CredentialPlan } | { ok: false; reasons: string[] } {
  const chosen = [
    settings.account_key !== undefined && 'account_key',
    settings.sas_token !== undefined && 'sas_token',
    settings.client_secret !== undefined && 'client_secret',
    settings.use_default_credentials && 'use_default_credentials',
  ].filter((k): k is string => k !== false);
  if (settings.connection_string !== undefined) {
    const extra = [...chosen, ...(settings.account_url ? ['account_url'] : [])];
    if (extra.length > 0)
      return {
        ok: false,
        reasons: [
          `connection_string is set together with ${extra.join(', ')}: keep one way to connect.`,
        ],
      };
    return {
      ok: true,
      plan: { kind: 'connectionString', connectionString: settings.connection_string },
    };
  }
  let url = settings.account_url;
  if (!url && settings.account_name)
    url = `https://${settings.account_name}.blob.${environmentFromEnv(env).storageSuffix}`;
  if (!url)
    return {
      ok: false,
      reasons: [
        'no account: set connection_string, or account_url (or account_name) with a credential.',
      ],
    };
  let location;
  try {
    location = parseBlobUrl(url);
  } catch (e) {
    if (e instanceof BlobUrlError) return { ok: false, reasons: [`account_url: ${e.message}`] };
    throw e;
  }
  if (location.query)
    return {
      ok: false,
      reasons: [
        'account_url has a query: put the SAS in sas_token (it may be a secret:// reference).',
      ],
    };
  if (chosen.length !== 1)
    return {
      ok: false,
      reasons: [
        chosen.length === 0
          ? 'no credential: set one of account_key, sas_token, client_secret (with tenant_id and client_id) or use_default_credentials = true.'
          : `${chosen.join(' and ')} are both set: keep one credential.`,
      ],
    };
  const scope = location.container ? { container: location.container } : {};
  const { blobEndpoint } = location;
  switch (chosen[0]) {
    case 'account_key':
      return {
        ok: true,
        plan: {
          kind: 'accountKey',
          accountName: location.accountName,
          blobEndpoint,
          accountKey: settings.account_key!,
        },
      };
    case 'sas_token':
      return {
        ok: true,
        plan: { kind: 'sas', blobEndpoint, ...scope, sasToken: settings.sas_token! },
      };
    case 'client_secret':
      if (!settings.tenant_id || !settings.client_id)
        return { ok: false, reasons: ['client_secret needs tenant_id and client_id.'] };
      return {
        ok: true,
        plan: {
          kind: 'servicePrincipal',
          blobEndpoint,
          ...scope,
          tenantId: settings.tenant_id,
          clientId: settings.client_id,
          clientSecret: settings.client_secret!,
        },
      };
    default:
      return {
        ok: true,
        plan: {
          kind: 'defaultCredential',
          blobEndpoint,
          ...scope,
          ...(settings.tenant_id ? { tenantId: settings.tenant_id } : {}),
        },
      };
  }
}

/**
 * The account credential of `plan`, its secrets resolved now through `resolver` (in
 * parallel). Rejects with the resolver's error naming the reference that failed.
 */
export async function resolvePlan(
  plan: CredentialPlan,
  resolver: SecretResolver,
  env: NodeJS.ProcessEnv,
): Promise<AccountCredential | TokenAccountCredential> {
  switch (plan.kind) {
    case 'connectionString':
      return {
        kind: 'connectionString',
        connectionString: await resolver.resolve(plan.connectionString),
      };
    case 'accountKey':
      return {
        kind: 'accountKey',
        accountName: plan.accountName,
        blobEndpoint: plan.blobEndpoint,
        accountKey: await resolver.resolve(plan.accountKey),
      };
    case 'sas': {
      const token = (await resolver.resolve(plan.sasToken)).replace(/^\?/, '');
      const path = plan.container ? `/${encodeURIComponent(plan.container)}` : '/';
      return { kind: 'sas', url: `${plan.blobEndpoint}${path}?${token}` };
    }
    case 'servicePrincipal': {
      const secret = await resolver.resolve(plan.clientSecret);
      return {
        kind: 'token',
        blobEndpoint: plan.blobEndpoint,
        ...(plan.container ? { container: plan.container } : {}),
        credential: servicePrincipalCredential(
          { tenantId: plan.tenantId, clientId: plan.clientId, clientSecret: secret },
          environmentFromEnv(env),
        ),
      };
    }
    case 'defaultCredential':
      return {
        kind: 'token',
        blobEndpoint: plan.blobEndpoint,
        ...(plan.container ? { container: plan.container } : {}),
        credential: defaultAzureCredential(plan.tenantId, env),
      };
  }
}

/** The SDK pipeline settings of `settings`: tries, first retry delay and per-try deadline. */
export const provisionedPipeline = (settings: ConnectionSettings): StoragePipelineOptions => ({
  retryOptions: {
    maxTries: settings['retries.attempts'],
    retryDelayInMs: settings['retries.backoff_ms'],
    maxRetryDelayInMs: Math.max(settings['retries.backoff_ms'] * 8, 1000),
    tryTimeoutInMs: settings['timeouts.operation_s'] * 1000,
  },
  keepAliveOptions: { enable: true },
});
