import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  defaultQuerySettings,
  querySettingFields,
  type QuerySettings,
} from '../../../shared/contract/index.js';
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
 * DuckDB's memory limit and the query cache's size (MiB), from `querySettingFields`. A value is
 * saved when the field loses focus, if it is a whole number within its bounds; main applies it
 * to the next query once none is running.
 */
export function QuerySettingsFields() {
  const styles = useStyles();
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data;
  const values = { ...defaultQuerySettings, ...current?.query };
  const [draft, setDraft] = useState<Partial<Record<keyof QuerySettings, string>>>({});
  return (
    <Field
      label="SQL queries"
      hint="DuckDB's memory (it spills to disk beyond it) and the disk the cache of queried files may use; the least recently used files go first."
    >
      <div className={styles.grid}>
        {querySettingFields.map((f) => {
          const shown = draft[f.key] ?? String(values[f.key]);
          const valid =
            /^\d+$/.test(shown.trim()) && Number(shown) >= f.min && Number(shown) <= f.max;
          return (
            <Field
              key={f.key}
              label={`${f.label} (${f.unit})`}
              validationState={valid ? 'none' : 'error'}
              validationMessage={valid ? undefined : `A whole number, ${f.min}–${f.max}`}
            >
              <Input
                type="number"
                value={shown}
                disabled={!current}
                onChange={(_, d) => setDraft((x) => ({ ...x, [f.key]: d.value }))}
                onBlur={() => {
                  if (!valid || draft[f.key] === undefined) return;
                  update.mutate(
                    { query: { ...current?.query, [f.key]: Number(shown) } },
                    { onSuccess: () => setDraft(({ [f.key]: _saved, ...rest }) => rest) },
                  );
                }}
              />
            </Field>
          );
        })}
      </div>
    </Field>
  );
}
