import type { AccountDescription } from '../../shared/contract/index.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';

/**
 * Whether `path` of a filesystem answers the DFS Get Access Control call
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/get-properties,
 * `action=getAccessControl`): only hierarchical-namespace accounts return an owner.
 * Auth failures (401/403 AuthenticationFailed) propagate; any other refusal means flat.
 */
async function dfsAnswers(access: AccountAccess, container: string): Promise<boolean> {
  try {
    const acl = await access.fileSystem(container).getDirectoryClient('').getAccessControl();
    return typeof acl.owner === 'string' && acl.owner !== '';
  } catch (e) {
    if (toLakeError(e).code === 'AuthFailed') throw e;
    return false;
  }
}

/**
 * Decides once whether the account behind `access` has a hierarchical namespace: what Resource
 * Manager said of a discovered account (`knownNamespace`, no request); else Get Account
 * Information's `x-ms-is-hns-enabled`
 * (https://learn.microsoft.com/rest/api/storageservices/get-account-information) when the
 * credential may call it; otherwise (a container-scoped SAS, or an account SAS without
 * service-level permission) one DFS probe on a container it can reach. An account with no
 * container to probe counts as flat. Rejects with `AuthFailed`/`Unreachable` from the service.
 */
export async function detectNamespace(
  access: AccountAccess,
): Promise<Omit<AccountDescription, 'softDelete'>> {
  const accountName = access.accountName;
  if (access.knownNamespace) {
    return { accountName, namespace: access.knownNamespace, detectedBy: 'resourceManager' };
  }
  if (access.service) {
    try {
      const info = await access.service.getAccountInfo();
      return {
        accountName,
        namespace: info.isHierarchicalNamespaceEnabled === true ? 'hns' : 'flat',
        detectedBy: 'accountInfo',
      };
    } catch (e) {
      const error = toLakeError(e);
      if (error.code !== 'PermissionDenied' && error.code !== 'InvalidInput') throw e;
    }
  }
  const container =
    access.scope.type === 'container'
      ? access.scope.container
      : (await access.listContainers())[0]?.name;
  const hns = container !== undefined && (await dfsAnswers(access, container));
  return { accountName, namespace: hns ? 'hns' : 'flat', detectedBy: 'dfsProbe' };
}
