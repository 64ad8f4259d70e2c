import {
  Caption1,
  Input,
  Select,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import {
  activityOutcomes,
  type ActivityOutcome,
  type StorageActivity,
} from '../../../shared/contract/index.js';
import { ActivityDetails } from './ActivityDetails.js';
import { durationText, outcomeText, targetOf } from './activityText.js';
import { useStorageActivity, type ActivityFilter } from './useActivityLog.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minHeight: 0 },
  filters: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  text: { flexGrow: 1, minWidth: '160px', maxWidth: '420px' },
  scroll: { overflow: 'auto', minHeight: 0, flexGrow: 1 },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  head: {
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
  },
  row: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '360px',
  },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  failed: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const outcomeLabels: Record<ActivityOutcome, string> = {
  ok: 'OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Columns whose values are right-aligned numbers (their headers too). */
const numericColumns = new Set(['Time', 'Status', 'Duration', 'Attempts']);

const timeOf = (at: string) =>
  new Date(at).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/**
 * The storage operations main recorded (newest first, refreshed while shown): filters by
 * outcome, operation and text; a row (click or Enter) opens its details with "Copy details".
 */
export function OperationsLog() {
  const styles = useStyles();
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [opened, setOpened] = useState<StorageActivity>();
  const activity = useStorageActivity(filter, true);
  const everything = useStorageActivity({}, true);
  const operations = useMemo(
    () =>
      [...new Set((everything.data?.entries ?? []).map((e) => `${e.area}.${e.operation}`))].sort(),
    [everything.data],
  );
  const entries = activity.data?.entries ?? [];
  return (
    <div className={styles.root}>
      <div className={styles.filters}>
        <Select
          aria-label="Outcome"
          value={filter.outcome ?? ''}
          onChange={(_, d) => {
            const { outcome: _o, ...rest } = filter;
            setFilter(d.value ? { ...rest, outcome: d.value as ActivityOutcome } : rest);
          }}
        >
          <option value="">All outcomes</option>
          {activityOutcomes.map((o) => (
            <option key={o} value={o}>
              {outcomeLabels[o]}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Operation"
          value={filter.operation ?? ''}
          onChange={(_, d) => {
            const { operation: _o, ...rest } = filter;
            setFilter(d.value ? { ...rest, operation: d.value } : rest);
          }}
        >
          <option value="">All operations</option>
          {operations.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
        <Input
          className={styles.text}
          aria-label="Filter activity"
          placeholder="Path, connection, status, request id…"
          contentBefore={<SearchRegular aria-hidden />}
          value={filter.text ?? ''}
          onChange={(_, d) => {
            const { text: _t, ...rest } = filter;
            setFilter(d.value ? { ...rest, text: d.value } : rest);
          }}
        />
        <Caption1 className={styles.muted}>
          {activity.data
            ? `${entries.length} shown of ${activity.data.total} kept`
            : activity.isError
              ? 'The activity could not be read.'
              : 'Loading…'}
        </Caption1>
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label="Storage operations">
          <thead>
            <tr>
              {[
                'Time',
                'Connection',
                'Operation',
                'Target',
                'Outcome',
                'Status',
                'Duration',
                'Attempts',
              ].map((h) => (
                <th
                  key={h}
                  className={mergeClasses(styles.head, numericColumns.has(h) && styles.number)}
                  scope="col"
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.id}
                className={styles.row}
                tabIndex={0}
                aria-label={`${e.area}.${e.operation} ${targetOf(e)} ${outcomeText(e)}`}
                onClick={() => setOpened(e)}
                onKeyDown={(k) => {
                  if (k.key === 'Enter' || k.key === ' ') {
                    k.preventDefault();
                    setOpened(e);
                  }
                }}
              >
                <td className={mergeClasses(styles.cell, styles.number)}>{timeOf(e.at)}</td>
                <td className={styles.cell}>{e.connection}</td>
                <td className={styles.cell}>
                  {e.area}.{e.operation}
                </td>
                <td className={styles.cell} title={targetOf(e)}>
                  {targetOf(e)}
                </td>
                <td className={mergeClasses(styles.cell, e.outcome === 'failed' && styles.failed)}>
                  {outcomeText(e)}
                </td>
                <td className={mergeClasses(styles.cell, styles.number)}>{e.status ?? '—'}</td>
                <td className={mergeClasses(styles.cell, styles.number)}>
                  {durationText(e.durationMs)}
                </td>
                <td className={mergeClasses(styles.cell, styles.number)}>{e.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {opened && <ActivityDetails entry={opened} onClose={() => setOpened(undefined)} />}
    </div>
  );
}
