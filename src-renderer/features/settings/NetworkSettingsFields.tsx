import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  defaultNetworkSettings,
  logLevels,
  type LogLevel,
} from '../../../shared/contract/index.js';
import { isValidNetworkValue, networkFields, type NetworkDraft } from './networkFields.js';
import { useSettings, useUpdateSettings } from './useSettings.js';

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
  const [draft, setDraft] = useState<NetworkDraft>({});
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
            const valid = isValidNetworkValue(f, shown);
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
