import type { AccountDescription } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { detectNamespace } from './detectNamespace.js';
import { readSoftDeletePolicy } from './softDelete.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Opens containers of saved connections together with their account's namespace kind. */
export interface NamespaceTargets {
  /**
   * The account's kind and soft delete policy, read on first use and cached for the connection
   * (a failed detection is not cached; a policy that cannot be read is `unknown`).
   */
  describe(connectionId: string): Promise<AccountDescription>;
  /** A container of a saved connection with its namespace kind. Rejects with `NotFound` for an unknown connection. */
  open(connectionId: string, container: string): Promise<NamespaceTarget>;
}

/** Its namespace kind and, alongside, whether it keeps deleted blobs. */
async function describeAccount(access: AccountAccess): Promise<AccountDescription> {
  const [kind, softDelete] = await Promise.all([
    detectNamespace(access),
    readSoftDeletePolicy(access).catch(() => ({ enabled: 'unknown' }) as const),
  ]);
  return { ...kind, softDelete };
}

/** Namespace kinds per connection id, cached for the life of the process. */
export function createNamespaceTargets(connections: Connections): NamespaceTargets {
  const cache = new Map<string, Promise<AccountDescription>>();
  const describe = (connectionId: string) => {
    let found = cache.get(connectionId);
    if (!found) {
      found = connections.access(connectionId).then(describeAccount);
      found.catch(() => cache.delete(connectionId));
      cache.set(connectionId, found);
    }
    return found;
  };
  return {
    describe,
    async open(connectionId, container) {
      const access = await connections.access(connectionId);
      const { namespace } = await describe(connectionId);
      return { access, container, namespace };
    },
  };
}
