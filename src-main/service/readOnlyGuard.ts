import type { CallName, ParsedArgs } from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

/**
 * The connections each call that changes storage writes to, read from its validated
 * arguments. A call absent here only reads (a copy reads its source; a dry run changes nothing).
 */
const changedConnections: { [N in CallName]?: (args: ParsedArgs<N>) => string[] } = {
  'containers.create': (a) => [a.connectionId],
  'containers.delete': (a) => [a.connectionId],
  'paths.createDirectory': (a) => [a.connectionId],
  'paths.rename': (a) => [a.connectionId],
  'paths.delete': (a) => [a.connectionId],
  'paths.copy': (a) => [a.destination.connectionId],
  'paths.setProperties': (a) => [a.connectionId],
  'paths.setAccessControl': (a) => [a.connectionId],
  'paths.updateAccessControlRecursive': (a) => (a.dryRun ? [] : [a.connectionId]),
  'paths.undelete': (a) => [a.connectionId],
  'transfers.enqueueUpload': (a) => [a.connectionId],
  'transfers.enqueueConvert': (a) => [a.target.connectionId],
  'transfers.enqueueConvertFolder': (a) => (a.dryRun ? [] : [a.target.connectionId]),
  'transfers.enqueueVacuum': (a) => [a.connectionId],
  'transfers.enqueueRestore': (a) => [a.connectionId],
  'query.save': (a) => (a.destination.kind === 'remote' ? [a.destination.connectionId] : []),
  'transfers.enqueueStagedUpload': (a) => [a.connectionId],
};

/**
 * Wraps `handlers` so that a call changing a read-only connection (a provisioned one with
 * `read_only = true`) fails `PermissionDenied` with `refusesChanges`'s reason before any
 * request, whatever the window shows. `refusesChanges` resolves to the reason, or undefined.
 */
export function guardReadOnly(
  handlers: Handlers,
  refusesChanges: (connectionId: string) => Promise<string | undefined>,
): Handlers {
  const guarded = { ...handlers } as Record<CallName, (args: unknown) => Promise<unknown>>;
  for (const name of Object.keys(changedConnections) as CallName[]) {
    const targets = changedConnections[name] as (args: unknown) => string[];
    const handler = guarded[name];
    guarded[name] = async (args) => {
      for (const id of targets(args)) {
        const reason = await refusesChanges(id);
        if (reason !== undefined) failWith('PermissionDenied', reason);
      }
      return handler(args);
    };
  }
  return guarded as Handlers;
}
