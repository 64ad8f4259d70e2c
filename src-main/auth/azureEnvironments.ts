import { defaultClientId, type AzureEnvironmentId } from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';

/**
 * The Azure clouds a user can sign in to, as Storage Explorer offers them: the authority host
 * (Entra ID), the Resource Manager endpoint and the storage endpoint suffix. Scopes stay
 * `https://storage.azure.com/.default` and the Resource Manager's `/.default` whatever the
 * endpoints.
 */
export interface AzureEnvironment {
  id: 'public' | 'china' | 'usgov' | 'custom';
  /** What the UI shows. */
  name: string;
  /** `https://login.microsoftonline.com`, no trailing slash. */
  authorityHost: string;
  /** `https://management.azure.com`, no trailing slash. */
  armEndpoint: string;
  /** `core.windows.net`: account endpoints are `https://<account>.blob.<suffix>`. */
  storageSuffix: string;
}

export const azureEnvironments = {
  public: {
    id: 'public',
    name: 'Azure',
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    storageSuffix: 'core.windows.net',
  },
  china: {
    id: 'china',
    name: 'Azure China',
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    storageSuffix: 'core.chinacloudapi.cn',
  },
  usgov: {
    id: 'usgov',
    name: 'Azure US Government',
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    storageSuffix: 'core.usgovcloudapi.net',
  },
} as const satisfies Record<string, AzureEnvironment>;

/** The scope of data-plane (RBAC) tokens, in every cloud. */
export const storageScope = 'https://storage.azure.com/.default';

/** The scope of Resource Manager tokens, in every cloud. */
export const armScope = 'https://management.azure.com/.default';

export { defaultClientId };

/**
 * The public client's application id: `LAKESHORE_CLIENT_ID` when set (scripts and tests), else
 * the one saved in Settings → Sign-in, else `defaultClientId` (the Azure CLI's).
 */
export const clientIdOf = (env: NodeJS.ProcessEnv, saved: string | undefined): string =>
  env.LAKESHORE_CLIENT_ID || saved || defaultClientId;

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/** A custom cloud; hosts are given without a trailing slash. */
export function customEnvironment(options: {
  authorityHost: string;
  armEndpoint: string;
  storageSuffix: string;
  name?: string;
}): AzureEnvironment {
  return {
    id: 'custom',
    name: options.name ?? 'Custom cloud',
    authorityHost: trimSlash(options.authorityHost),
    armEndpoint: trimSlash(options.armEndpoint),
    storageSuffix: options.storageSuffix,
  };
}

/** Whether MSAL must be told the authority host (clouds it does not know: custom ones). */
export const needsKnownAuthority = (env: Pick<AzureEnvironment, 'id'>): boolean =>
  env.id === 'custom';

/**
 * The cloud the environment names, for scripts and tests: a custom one when
 * `AZURE_AUTHORITY_HOST` (as @azure/identity reads it) names a host other than a known
 * cloud's, with `LAKESHORE_ARM_ENDPOINT` and `LAKESHORE_STORAGE_SUFFIX`; otherwise the known
 * cloud of that host, or public Azure.
 */
export function environmentFromEnv(env: NodeJS.ProcessEnv = process.env): AzureEnvironment {
  const host = env.AZURE_AUTHORITY_HOST ? trimSlash(env.AZURE_AUTHORITY_HOST) : undefined;
  const known = Object.values(azureEnvironments).find(
    (e) => host === undefined || e.authorityHost === host,
  );
  if (known && !env.LAKESHORE_ARM_ENDPOINT) return known;
  return customEnvironment({
    authorityHost: host ?? azureEnvironments.public.authorityHost,
    armEndpoint: env.LAKESHORE_ARM_ENDPOINT ?? azureEnvironments.public.armEndpoint,
    storageSuffix: env.LAKESHORE_STORAGE_SUFFIX ?? azureEnvironments.public.storageSuffix,
  });
}

/**
 * The cloud of `id`: a known one, or for `custom` the one `env` configures
 * (`environmentFromEnv`). Throws `InvalidInput` for `custom` when the environment names none.
 */
export function environmentById(id: AzureEnvironmentId, env: NodeJS.ProcessEnv): AzureEnvironment {
  if (id !== 'custom') return azureEnvironments[id];
  const configured = environmentFromEnv(env);
  if (configured.id !== 'custom')
    failWith(
      'InvalidInput',
      'No custom cloud is configured: set AZURE_AUTHORITY_HOST and LAKESHORE_ARM_ENDPOINT.',
    );
  return configured;
}
