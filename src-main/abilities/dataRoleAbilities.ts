import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type { Ability, AbilityName, CredentialAbilities } from '../../shared/contract/index.js';
import { armScope } from '../auth/azureEnvironments.js';
import { permits } from '../discovery/keyPermission.js';

/** One entry of a Permissions - List For Resource answer, with its data actions. */
export interface DataPermission {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

/**
 * The data action each ability needs, and the built-in role that has it ("Azure permissions
 * for Storage", https://learn.microsoft.com/azure/role-based-access-control/permissions/storage;
 * listing blobs is `blobs/read`, as List Blobs needs it).
 */
export const dataActionOf: Record<AbilityName, { action: string; role: string }> = {
  list: { action: `${blobs}/read`, role: 'Storage Blob Data Reader' },
  read: { action: `${blobs}/read`, role: 'Storage Blob Data Reader' },
  write: { action: `${blobs}/write`, role: 'Storage Blob Data Contributor' },
  delete: { action: `${blobs}/delete`, role: 'Storage Blob Data Contributor' },
  manageAcl: { action: `${blobs}/modifyPermissions/action`, role: 'Storage Blob Data Owner' },
};

/**
 * What a signed-in identity's data roles allow, from the permissions Resource Manager gives it
 * at one scope: the account, or `container` when given (`dataActions` minus the same entry's
 * `notDataActions`, wildcards as in role definitions). An ability its roles do not cover is
 * `denied` on a flat account, naming the action and a role that has it; on an HNS account it
 * is `unknown`, since a POSIX ACL may still grant it
 * (https://learn.microsoft.com/azure/storage/blobs/data-lake-storage-access-control-model).
 * At the account scope a role given on one container only is not in the answer, which says so.
 */
export function dataRoleAbilities(
  permissions: readonly DataPermission[],
  hierarchical: boolean,
  container?: string,
): CredentialAbilities {
  const asActions = permissions.map((p) => ({
    actions: p.dataActions ?? [],
    notActions: p.notDataActions ?? [],
  }));
  const where = container === undefined ? 'the account' : `container "${container}"`;
  const abilityOf = (name: AbilityName): Ability => {
    const { action, role } = dataActionOf[name];
    if (permits(asActions, action))
      return { state: 'allowed', reason: `Your data roles on ${where} allow ${action}.` };
    const missing = `Your data roles on ${where} do not allow ${action} (${role} has it)`;
    if (container !== undefined)
      return hierarchical
        ? { state: 'unknown', reason: `${missing}; an ACL may still.` }
        : { state: 'denied', reason: `${missing}.` };
    return hierarchical
      ? { state: 'unknown', reason: `${missing}; an ACL or a role on the container may still.` }
      : { state: 'denied', reason: `${missing}; a role on the container may still.` };
  };
  return {
    summary: `Microsoft Entra ID: your data roles on ${where}`,
    abilities: {
      list: abilityOf('list'),
      read: abilityOf('read'),
      write: abilityOf('write'),
      delete: abilityOf('delete'),
      manageAcl: abilityOf('manageAcl'),
    },
    warnings: [],
  };
}

/** The Resource Manager scope of one container of the storage account `accountResourceId` (Microsoft.Storage/storageAccounts/blobServices/containers). */
export const containerScope = (accountResourceId: string, container: string): string =>
  `${accountResourceId}/blobServices/default/containers/${encodeURIComponent(container)}`;

/**
 * The permissions of the identity behind `credential` at the Resource Manager scope `scope`
 * (a storage account's resource id, or `containerScope` of one of its containers), from
 * Resource Manager's Permissions - List For Resource
 * (`GET {scope}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`, which
 * also counts the roles given above the scope,
 * https://learn.microsoft.com/rest/api/authorization/permissions/list-for-resource), every page
 * followed, through the SDK pipeline with Resource Manager's `/.default` scope. Rejects with
 * an error carrying `statusCode` when Resource Manager refuses or cannot be reached.
 */
export async function dataPermissionsAt(
  credential: TokenCredential,
  scope: string,
  armEndpoint: string,
): Promise<DataPermission[]> {
  const pipeline = createPipelineFromOptions({});
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: armScope }));
  const client = createDefaultHttpClient();
  const found: DataPermission[] = [];
  let url: string | undefined =
    `${armEndpoint}${scope}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`;
  while (url) {
    const response = await pipeline.sendRequest(client, createPipelineRequest({ url }));
    if (response.status !== 200)
      throw Object.assign(
        new Error(`Resource Manager answered HTTP ${response.status} for your roles on ${scope}.`),
        { statusCode: response.status, response, request: response.request },
      );
    const page = JSON.parse(response.bodyAsText ?? '{}') as {
      value?: DataPermission[];
      nextLink?: string;
    };
    found.push(...(page.value ?? []));
    url = page.nextLink;
  }
  return found;
}
