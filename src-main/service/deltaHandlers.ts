import { defaultVacuumRetentionHours } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { commitRestore, planRestore } from '../delta/restore.js';
import { planVacuum, runVacuum } from '../delta/vacuum.js';
import { failWith } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

/**
 * `delta.planVacuum`, `delta.vacuum` and `delta.restore` over a connection's Delta table (see
 * src-main/delta). VACUUM deletes only what a plan made at that moment lists, so a version
 * committed since the dry run keeps its files; a retention under 7 days needs the caller to
 * have accepted the versions time travel loses.
 */
export function createDeltaHandlers(
  connections: Connections,
): Pick<Handlers, 'delta.planVacuum' | 'delta.vacuum' | 'delta.restore'> {
  const open = async (connectionId: string, container: string) =>
    (await connections.access(connectionId, 'transfer')).container(container);
  return {
    'delta.planVacuum': async ({ connectionId, container, directory, retentionHours }) => {
      const plan = await planVacuum(
        await open(connectionId, container),
        directory,
        retentionHours,
        new AbortController().signal,
      );
      const { directory: _d, ...summary } = plan;
      return summary;
    },
    'delta.vacuum': async ({ connectionId, container, directory, retentionHours, ...args }) => {
      const client = await open(connectionId, container);
      const signal = new AbortController().signal;
      const plan = await planVacuum(client, directory, retentionHours, signal);
      if (
        retentionHours < defaultVacuumRetentionHours &&
        plan.versionsLost.length > 0 &&
        !args.acceptVersionsLost
      )
        failWith(
          'InvalidInput',
          `A retention of ${retentionHours} hours is under the Delta default of 7 days: time travel to version${plan.versionsLost.length === 1 ? '' : 's'} ${plan.versionsLost.join(', ')} may no longer read. Accept that to vacuum; nothing was deleted.`,
        );
      const deleted = await runVacuum(client, plan, signal);
      return { deleted, bytes: plan.bytes };
    },
    'delta.restore': async ({ connectionId, container, directory, version }) => {
      const client = await open(connectionId, container);
      const signal = new AbortController().signal;
      const plan = await planRestore(client, directory, version, signal);
      await commitRestore(client, plan, signal);
      return {
        version: plan.version,
        commitVersion: plan.commitVersion,
        filesAdded: plan.filesAdded,
        filesRemoved: plan.filesRemoved,
      };
    },
  };
}
