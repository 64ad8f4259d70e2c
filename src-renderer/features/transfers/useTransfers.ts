import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  isFileTransfer,
  type JobSummary,
  type TransferAggregate,
} from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { stagingUploads, type StagingItem } from './stagingUploads.js';

export interface TransfersState {
  /** Newest first: uploads, downloads and conversions. */
  jobs: JobSummary[];
  aggregate: TransferAggregate | undefined;
  /** Browser-mode drops still being sent to main, newest first (none once their jobs show). */
  staging: StagingItem[];
}

/** Whether the engine already has a job reading from the item's staging batch. */
const hasJob = (item: StagingItem, jobs: JobSummary[]) =>
  item.state.kind === 'starting' &&
  jobs.some((j) => isFileTransfer(j) && j.localPath.includes(item.batchId));

/**
 * The transfer queue as main reports it: the job list once, then `transfers.progress` events
 * (changed jobs, removed ids, the aggregate); the list again when the link to main comes back.
 * When an upload, a conversion, a VACUUM or a RESTORE completes, listings of the container it changed are
 * refetched so the new blobs show. Drops being staged (`stagingUploads`) come
 * first; each is dropped from the store once a job of its batch is listed, so the row goes on
 * without a gap or a double.
 */
export function useTransfers(): TransfersState {
  const client = useClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<Omit<TransfersState, 'staging'>>({
    jobs: [],
    aggregate: undefined,
  });
  const staging = useSyncExternalStore(stagingUploads.subscribe, stagingUploads.snapshot);
  useEffect(() => {
    const started = staging.filter((i) => hasJob(i, state.jobs));
    if (started.length > 0) stagingUploads.remove(started.map((i) => i.id));
  }, [staging, state.jobs]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void client.call('transfers.list', {}).then((r) => {
        if (alive && r.ok) setState((s) => ({ ...s, jobs: [...r.value].reverse() }));
      });
    load();
    // Back after a drop: events were missed meanwhile, so the list is read again.
    const offLink = client.link?.onChange((state) => state === 'open' && load());
    const off = client.on('transfers.progress', (event) => {
      for (const job of event.jobs) {
        if (job.state.kind !== 'completed' || job.direction === 'download') continue;
        const at = isFileTransfer(job) ? job : job.direction === 'convert' ? job.target : job.table;
        void queryClient.invalidateQueries({ queryKey: ['paths', at.connectionId, at.container] });
      }
      setState((s) => {
        const changed = new Map(event.jobs.map((j) => [j.id, j]));
        const removed = new Set(event.removed);
        const kept = s.jobs.filter((j) => !removed.has(j.id)).map((j) => changed.get(j.id) ?? j);
        const known = new Set(kept.map((j) => j.id));
        const added = event.jobs.filter((j) => !known.has(j.id) && !removed.has(j.id));
        return { jobs: [...added.reverse(), ...kept], aggregate: event.aggregate };
      });
    });
    return () => {
      alive = false;
      off();
      offLink?.();
    };
  }, [client, queryClient]);
  return { ...state, staging: staging.filter((i) => !hasJob(i, state.jobs)) };
}
