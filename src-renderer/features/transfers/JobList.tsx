import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback } from 'react';
import { isFileTransfer, type JobSummary } from '../../../shared/contract/index.js';
import { ConvertJobRow } from './ConvertJobRow.js';
import { DeltaJobRow } from './DeltaJobRow.js';
import { useJobRowStyles } from './jobGrid.js';
import { JobRow } from './JobRow.js';

/** A job row's height before it is measured (a download's bar, detail and target lines), px. */
const estimatedRowHeight = 64;

/** How an item's name starts, by the job's direction. */
const directionWords: Record<JobSummary['direction'], string> = {
  upload: 'Upload',
  download: 'Download',
  convert: 'Convert',
  vacuum: 'VACUUM',
  restore: 'RESTORE',
};

/** Rows rendered beyond each edge of the visible part of the list. */
const overscan = 8;

/**
 * The transfer jobs, newest first, as a virtualised list (TanStack Virtual): only the rows in
 * view of `scrollElement` (and `overscan` either side) are in the DOM, each measured as it renders
 * (a row asking about a conflict is taller), so a queue of 1,000 jobs mounts and updates a
 * screenful of rows instead of all of them. `scrollMargin` is the list's distance in px from
 * the top of the scrolled content (the operations and drops listed above it). Each item keeps
 * its name ("Download <name>", "Upload <name>", "Convert <name>", "VACUUM <table>") and tells its position
 * (`aria-posinset` of `aria-setsize`), since the items out of view are not in the DOM.
 */
export function JobList({
  jobs,
  scrollElement,
  scrollMargin,
}: {
  jobs: JobSummary[];
  scrollElement: HTMLElement | null;
  scrollMargin: number;
}) {
  const rows = useJobRowStyles();
  // Stable between events: the virtualizer recomputes every row's offset when it changes.
  const itemKey = useCallback((index: number) => jobs[index]?.id ?? index, [jobs]);
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => estimatedRowHeight,
    getItemKey: itemKey,
    overscan,
    scrollMargin,
  });
  if (jobs.length === 0) return null;
  return (
    <ul
      className={rows.list}
      aria-label="Transfer jobs"
      style={{ position: 'relative', height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const job = jobs[item.index]!;
        return (
          <li
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            aria-label={`${directionWords[job.direction]} ${job.name}`}
            aria-posinset={item.index + 1}
            aria-setsize={jobs.length}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${item.start - scrollMargin}px)`,
            }}
          >
            {isFileTransfer(job) ? (
              <JobRow job={job} />
            ) : job.direction === 'convert' ? (
              <ConvertJobRow job={job} />
            ) : (
              <DeltaJobRow job={job} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
