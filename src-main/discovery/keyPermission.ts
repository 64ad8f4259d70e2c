import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { armScope } from '../auth/azureEnvironments.js';

/** The Resource Manager action listKeys needs (Microsoft.Storage resource provider operations). */
export const listKeysAction = 'Microsoft.Storage/storageAccounts/listKeys/action';

/** One entry of a Permissions - List For Resource answer. */
export interface ArmPermission {
  actions?: string[];
  notActions?: string[];
}

/** Whether an action pattern (`*` a wildcard, case-insensitive, as in role definitions) covers `action`. */
const covers = (pattern: string, action: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  ).test(action);

/**
 * Whether `permissions` allow `action`: some entry's `actions` cover it and the same entry's
 * `notActions` do not (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions).
 */
export const permits = (permissions: readonly ArmPermission[], action: string): boolean =>
  permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => covers(a, action)) &&
      !(p.notActions ?? []).some((a) => covers(a, action)),
  );

/**
 * Whether the signed-in identity may list the keys of the storage account `resourceId`, from
 * Resource Manager's Permissions - List For Resource
 * (`GET {resourceId}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`,
 * https://learn.microsoft.com/rest/api/authorization/permissions/list-for-resource), every page
 * followed. The request goes through the SDK pipeline (proxy from HTTPS_PROXY, Resource
 * Manager's `/.default` scope). Rejects with the pipeline's RestError when Resource Manager
 * refuses or cannot be reached.
 */
export async function mayListKeys(
  credential: TokenCredential,
  resourceId: string,
  armEndpoint: string,
): Promise<boolean> {
  const pipeline = createPipelineFromOptions({});
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: armScope }));
  const client = createDefaultHttpClient();
  let url: string | undefined =
    `${armEndpoint}${resourceId}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`;
  const found: ArmPermission[] = [];
  while (url) {
    const response = await pipeline.sendRequest(client, createPipelineRequest({ url }));
    if (response.status !== 200) {
      const error = new Error(
        `Resource Manager answered HTTP ${response.status} for the permissions of the account.`,
      );
      throw Object.assign(error, {
        statusCode: response.status,
        response,
        request: response.request,
      });
    }
    const page = JSON.parse(response.bodyAsText ?? '{}') as {
      value?: ArmPermission[];
      nextLink?: string;
    };
    found.push(...(page.value ?? []));
    url = page.nextLink;
  }
  return permits(found, listKeysAction);
}
