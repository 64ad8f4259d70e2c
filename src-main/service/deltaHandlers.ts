import { defaultVacuumRetentionHours } from '../../shared/contract/index.js';
import type { Connections } from '../connections/connections.js';
import { commitRestore, planRestore } from '../delta/restore.js';
import { planVacuum, runVacuum } from '../delta/vacuum.js';
import { failWith } from '../storage/toLakeError.js';
import type { DeltaRunner } from '../transfers/deltaJob.js';
import type { Handlers } from './dispatch.js';

/** `delta.planVacuum` over a connection's Delta table: the dry run (see src-main/delta). */
export function createDeltaHandlers(connections: Connections): Pick<Handlers, 'delta.planVacuum'> {
  return {
    'delta.planVacuum': async ({ connectionId, container, directory, retentionHours }) => {
      const plan = await planVacuum(
        (await connections.access(connectionId, 'transfer')).container(container),
        directory,
        retentionHours,
        new AbortController().signal,
      );
      const { directory: _d, ...summary } = plan;
      return summary;
    },
  };
}

/**
 * VACUUM and RESTORE as jobs of the transfer engine (`transfers.enqueueVacuum`,
 * `transfers.enqueueRestore`). VACUUM deletes only what a plan made when the job starts lists,
 * so a version committed since the dry run keeps its files; a retention under 7 days needs the
 * caller to have accepted the versions time travel loses (else `InvalidInput` naming them,
 * nothing deleted). Its progress is the files deleted and their bytes; a cancel stops it between
 * deletes (files deleted before stay deleted). RESTORE is one conditional commit.
 */
export const deltaRunner: DeltaRunner = {
  async vacuum({ connectionId, container, directory, retentionHours, ...args }, ctx) {
    const client = await ctx.container(connectionId, container);
    const plan = await planVacuum(client, directory, retentionHours, ctx.signal);
    if (
      retentionHours < defaultVacuumRetentionHours &&
      plan.versionsLost.length > 0 &&
      !args.acceptVersionsLost
    )
      failWith(
        'InvalidInput',
        `A retention of ${retentionHours} hours is under the Delta default of 7 days: time travel to version${plan.versionsLost.length === 1 ? '' : 's'} ${plan.versionsLost.join(', ')} may no longer read. Accept that to vacuum; nothing was deleted.`,
      );
    ctx.progress({ filesTotal: plan.files.length, bytesTotal: plan.bytes });
    let bytesDone = 0;
    const deleted = await runVacuum(client, plan, ctx.signal, (filesDone, bytes) =>
      ctx.progress({ filesDone, bytesDone: (bytesDone += bytes) }),
    );
    return { deleted, bytes: plan.bytes };
  },
  async restore({ connectionId, container, directory, version }, ctx) {
    const client = await ctx.container(connectionId, container);
    const plan = await planRestore(client, directory, version, ctx.signal);
    ctx.progress({ filesTotal: 1 });
    await commitRestore(client, plan, ctx.signal);
    ctx.progress({ filesDone: 1 });
    return {
      version: plan.version,
      commitVersion: plan.commitVersion,
      filesAdded: plan.filesAdded,
      filesRemoved: plan.filesRemoved,
    };
  },
};
