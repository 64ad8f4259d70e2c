import { Field, Select } from '@fluentui/react-components';
import { logLevels, type LogLevel } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from './useSettings.js';

/** The app log's level (absent: `info`), saved when chosen. */
export function LogLevelField() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data;
  return (
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
  );
}
