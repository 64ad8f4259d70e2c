import type { AccountDescription } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { detectNamespace } from './detectNamespace.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Opens containers of saved connections together with their account's namespace kind. */
export interface NamespaceTargets {
  /** The account's kind, detected on first use and cached for the connection (a failed detection is not cached). */
  describe(connectionId: string): Promise<AccountDescription>;
  /** A container of a saved connection with its namespace kind. Rejects with `NotFound` for an unknown connection. */
  open(connectionId: string, container: string): Promise<NamespaceTarget>;
}

/** Namespace kinds per connection id, cached for the life of the process. */
export function createNamespaceTargets(connections: Connections): NamespaceTargets {
  const cache = new Map<string, Promise<AccountDescription>>();
  const describe = (connectionId: string) => {
    let found = cache.get(connectionId);
    if (!found) {
      found = connections.access(connectionId).then(detectNamespace);
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
