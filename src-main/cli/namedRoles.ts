import type { TokenCredential } from '@azure/core-auth';
import type { AbilityName } from '../../shared/contract/index.js';
import { armScope, environmentFromEnv } from '../auth/azureEnvironments.js';
import { createRoleLookup, type RoleIdentity } from '../discovery/roleLookup.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import type { NamedConnection } from './namedConnection.js';

/** The `tid` claim of a Resource Manager token of `credential` (the tenant it signs in), or undefined. */
async function tokenTenant(credential: TokenCredential): Promise<string | undefined> {
  const token = (await credential.getToken(armScope))?.token;
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    tid?: unknown;
  };
  return typeof claims.tid === 'string' ? claims.tid : undefined;
}

/**
 * Why the data roles of `connection`'s identity refuse one of `needs` at one of `targets`
 * (the URLs the command changes): the reason of the first ability `denied` by
 * `RoleLookup.abilitiesAt` for the target's account and container, naming the action and the
 * role that has it. The identity is the connection's bearer-token credential in the cloud of
 * `env` (`LAKESHORE_ARM_ENDPOINT`), its home tenant the `tid` of a Resource Manager token it
 * gets (a GUID, also when the configuration names the tenant by a domain). Undefined when the connection does not sign with
 * a token, when every ability needed is allowed or `unknown` (Resource Manager lists no such
 * account, fails, or is late: the service decides), and when no token can be had (the command
 * then fails on its own with the credential's error).
 */
export async function roleRefusalOf(
  connection: NamedConnection,
  needs: readonly AbilityName[],
  targets: readonly BlobLocation[],
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const { credential } = connection;
  if (credential.kind !== 'token' || targets.length === 0) return undefined;
  const signer = credential.credential;
  let homeTenantId: string | undefined;
  try {
    homeTenantId = await tokenTenant(signer);
  } catch {
    return undefined;
  }
  if (!homeTenantId) return undefined;
  const identity: RoleIdentity = {
    key: `${connection.source}:${connection.name}`,
    armEndpoint: environmentFromEnv(env).armEndpoint,
    homeTenantId,
    credentialFor: (tenantId) =>
      tenantId === homeTenantId
        ? signer
        : { getToken: (scopes, options) => signer.getToken(scopes, { ...options, tenantId }) },
  };
  const roles = createRoleLookup();
  for (const target of targets) {
    const { abilities } = await roles.abilitiesAt(identity, target.blobEndpoint, target.container);
    const denied = needs.map((n) => abilities[n]).find((a) => a.state === 'denied');
    if (denied) return denied.reason;
  }
  return undefined;
}
