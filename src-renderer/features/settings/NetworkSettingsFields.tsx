import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  defaultNetworkSettings,
  logLevels,
  type LogLevel,
  type NetworkSettings,
} from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from './useSettings.js';

/** Each network setting as Settings shows it: in seconds or a count, with the contract's bounds. */
const networkFields: Array<{
  key: keyof NetworkSettings;
  label: string;
  /** ms per shown unit: 1,000 for seconds, 1 for counts and ms. */
  scale: number;
  unit: string;
  min: number;
  max: number;
}> = [
  {
    key: 'connectTimeoutMs',
    label: 'Connect timeout',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  {
    key: 'readTimeoutMs',
    label: 'Read timeout (no data)',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  {
    key: 'operationTimeoutMs',
    label: 'Operation timeout',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  { key: 'maxAttempts', label: 'Attempts', scale: 1, unit: '', min: 1, max: 10 },
  { key: 'retryDelayMs', label: 'First retry after', scale: 1, unit: 'ms', min: 0, max: 300_000 },
  {
    key: 'maxRetryDelayMs',
    label: 'Longest wait between retries',
    scale: 1,
    unit: 'ms',
    min: 0,
    max: 300_000,
  },
];

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
  },
});

/**
 * The log level and the storage requests' timeouts and retries (defaults: the reference's
 * connect 5 s, read 60 s, operation 60 s, 5 attempts, 100 ms..2 s; only Transient and Timeout failures are
 * retried). A value is saved when the field loses focus, if it is within its bounds.
 */
export function NetworkSettingsFields() {
  const styles = useStyles();
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data;
  const network = { ...defaultNetworkSettings, ...current?.network };
  const [draft, setDraft] = useState<Partial<Record<keyof NetworkSettings, string>>>({});
  return (
    <>
      <Field label="Log level" hint="What the log in the data folder's logs/ keeps.">
        <Select
          value={current?.logLevel ?? 'info'}
          disabled={!current}
          onChange={(_, d) => update.mutate({ logLevel: d.value as LogLevel })}
        >
          {logLevels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Network"
        hint="Timeouts and retries of storage requests; only busy-service and timeout failures are retried, after the service's Retry-After when it sends one."
      >
        <div className={styles.grid}>
          {networkFields.map((f) => {
            const shown = draft[f.key] ?? String(network[f.key] / f.scale);
            const value = Number(shown);
            const valid =
              shown !== '' && Number.isFinite(value) && value >= f.min && value <= f.max;
            return (
              <Field
                key={f.key}
                label={`${f.label}${f.unit ? ` (${f.unit})` : ''}`}
                validationState={valid ? 'none' : 'error'}
                validationMessage={valid ? undefined : `${f.min}–${f.max}`}
              >
                <Input
                  type="number"
                  value={shown}
                  disabled={!current}
                  onChange={(_, d) => setDraft((x) => ({ ...x, [f.key]: d.value }))}
                  onBlur={() => {
                    if (!valid || draft[f.key] === undefined) return;
                    update.mutate(
                      { network: { ...current?.network, [f.key]: Math.round(value * f.scale) } },
                      {
                        onSuccess: () => setDraft(({ [f.key]: _saved, ...rest }) => rest),
                      },
                    );
                  }}
                />
              </Field>
            );
          })}
        </div>
      </Field>
    </>
  );
}
