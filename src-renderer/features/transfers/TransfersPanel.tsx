import { Badge, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useLayoutEffect, useState } from 'react';
import { useClient } from '../../api/hooks.js';
import { isFinished, useOperations } from '../pathOps/useOperations.js';
import { finishedText, limitText, progressText } from './formatTransfer.js';
import { JobList } from './JobList.js';
import { OperationsList } from './OperationsList.js';
import { StagingList } from './StagingList.js';
import { stagingUploads } from './stagingUploads.js';
import { useTransfers } from './useTransfers.js';

const useStyles = makeStyles({
  root: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    flexShrink: 0,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  summary: {
    flexGrow: 1,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  // Never taller than this: the list scrolls, the window's content keeps its room.
  body: { maxHeight: 'min(30vh, 260px)', overflowY: 'auto' },
});

/** The element's height in px, followed as it changes (0 while there is none). */
function useHeight(element: HTMLElement | null): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

/**
 * The Transfers region: path operations (deletes, moves…), browser-mode drops still being sent
 * to main, and every transfer job with progress and controls (a virtualised `JobList`), the
 * total, and "Clear finished" (for all three). It holds the queue's state (`useTransfers`)
 * itself, so a progress event renders this panel, not the whole window.
 */
export function TransfersPanel() {
  const styles = useStyles();
  const client = useClient();
  const operations = useOperations();
  const [open, setOpen] = useState(true);
  const { jobs, aggregate, staging } = useTransfers();
  // Elements in state (callback refs): the list follows the body and the lead as they appear.
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const [lead, setLead] = useState<HTMLDivElement | null>(null);
  const leadHeight = useHeight(lead);
  if (jobs.length === 0 && operations.operations.length === 0 && staging.length === 0) return null;
  const sending = staging.filter(
    (i) => i.state.kind === 'sending' || i.state.kind === 'starting',
  ).length;
  // Jobs' totals, unless only drops being sent are unfinished (they would read "0 bytes of 0 bytes").
  const totals = aggregate && (sending === 0 || aggregate.active > 0) ? aggregate : undefined;
  const active =
    (aggregate?.active ??
      jobs.filter((j) => ['queued', 'running', 'waiting'].includes(j.state.kind)).length) +
    operations.operations.filter((o) => !isFinished(o)).length +
    sending;
  // The aggregate covers unfinished jobs only (paused ones too): once there are none it would
  // read "0 bytes of 0 bytes", so the line says they all finished instead.
  const allFinished = active === 0 && !jobs.some((j) => j.state.kind === 'paused');
  return (
    <section className={styles.root} aria-label="Transfers">
      <div className={styles.head}>
        <Subtitle2>Transfers</Subtitle2>
        <Badge appearance="filled" aria-label={`${active} active`}>
          {active}
        </Badge>
        <Caption1 aria-live="polite" className={styles.summary}>
          {allFinished ? finishedText(jobs) : ''}
          {!allFinished && totals ? progressText(totals) : ''}
          {!allFinished && totals && limitText[totals.limitedBy]
            ? ` · ${limitText[totals.limitedBy]}`
            : ''}
          {!allFinished && sending > 0
            ? `${totals ? ' · ' : ''}${sending.toLocaleString('en-US')} being sent to Lakeshore`
            : ''}
        </Caption1>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => {
            operations.clearFinished();
            stagingUploads.clearFinished();
            void client.call('transfers.clearFinished', {});
          }}
        >
          Clear finished
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={open ? <ChevronDownRegular aria-hidden /> : <ChevronUpRegular aria-hidden />}
          aria-label={open ? 'Collapse Transfers' : 'Expand Transfers'}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        />
      </div>
      {open && (
        <div
          ref={setBody}
          className={styles.body}
          role="group"
          aria-label="Transfer list"
          tabIndex={0}
        >
          <div ref={setLead}>
            <OperationsList />
            <StagingList items={staging} />
          </div>
          <JobList jobs={jobs} scrollElement={body} scrollMargin={leadHeight} />
        </div>
      )}
    </section>
  );
}
