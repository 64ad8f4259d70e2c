import {
  Button,
  Caption1,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArchiveRegular, CopyRegular } from '@fluentui/react-icons';
import { useDiagnosticsSummary, useExportDiagnostics } from './useActivityLog.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: 0,
    overflow: 'auto',
  },
  top: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  columns: {
    display: 'flex',
    gap: tokens.spacingHorizontalXXL,
    flexWrap: 'wrap',
    alignItems: 'flex-start',
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  head: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: 'nowrap',
  },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
  },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  saved: { overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const ms = (n: number) => `${n} ms`;

/**
 * Since the app started: p50/p95 latency, calls, failures and retries per operation, failures
 * by error code, where traces go, and "Export diagnostics" (says where the zip went).
 */
export function DiagnosticsView() {
  const styles = useStyles();
  const summary = useDiagnosticsSummary(true);
  const exporter = useExportDiagnostics();
  const data = summary.data;
  return (
    <div className={styles.root}>
      <div className={styles.top}>
        <Button
          icon={<ArchiveRegular aria-hidden />}
          disabled={exporter.isPending}
          onClick={() => exporter.mutate()}
        >
          {exporter.isPending ? 'Exporting…' : 'Export diagnostics'}
        </Button>
        {exporter.data && (
          <>
            <Caption1 className={styles.saved} role="status">
              Saved to {exporter.data.path} (logs, settings and activity; secrets removed)
            </Caption1>
            <Button
              size="small"
              appearance="subtle"
              icon={<CopyRegular aria-hidden />}
              onClick={() => void navigator.clipboard.writeText(exporter.data.path)}
            >
              Copy path
            </Button>
          </>
        )}
        {exporter.error && (
          <Caption1 role="alert">Export failed: {exporter.error.message}</Caption1>
        )}
      </div>
      <Caption1 className={styles.muted}>
        {data
          ? `Since ${new Date(data.since).toLocaleString()} · traces and metrics ${data.otlpEndpoint ? `sent to ${data.otlpEndpoint}` : 'kept on this machine (set OTEL_EXPORTER_OTLP_ENDPOINT to send them)'} · log ${data.logFile}`
          : summary.isError
            ? 'The diagnostics could not be read.'
            : 'Loading…'}
      </Caption1>
      <div className={styles.columns}>
        <section className={styles.section} aria-label="Latency per operation">
          <Subtitle2>Latency per operation</Subtitle2>
          <table className={styles.table} aria-label="Latency per operation">
            <thead>
              <tr>
                {['Operation', 'Calls', 'Failed', 'Retries', 'p50', 'p95'].map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    className={mergeClasses(styles.head, i > 0 && styles.number)}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(data?.operations ?? []).map((o) => (
                <tr key={o.operation}>
                  <td className={styles.cell}>{o.operation}</td>
                  <td className={mergeClasses(styles.cell, styles.number)}>{o.count}</td>
                  <td className={mergeClasses(styles.cell, styles.number)}>{o.failed}</td>
                  <td className={mergeClasses(styles.cell, styles.number)}>{o.retries}</td>
                  <td className={mergeClasses(styles.cell, styles.number)}>{ms(o.p50Ms)}</td>
                  <td className={mergeClasses(styles.cell, styles.number)}>{ms(o.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className={styles.section} aria-label="Errors by code">
          <Subtitle2>Errors by code</Subtitle2>
          {data && data.errorsByCode.length === 0 ? (
            <Caption1 className={styles.muted}>No failures since the app started.</Caption1>
          ) : (
            <table className={styles.table} aria-label="Errors by code">
              <thead>
                <tr>
                  <th scope="col" className={styles.head}>
                    Code
                  </th>
                  <th scope="col" className={mergeClasses(styles.head, styles.number)}>
                    Count
                  </th>
                </tr>
              </thead>
              <tbody>
                {(data?.errorsByCode ?? []).map((e) => (
                  <tr key={e.code}>
                    <td className={styles.cell}>{e.code}</td>
                    <td className={mergeClasses(styles.cell, styles.number)}>{e.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
