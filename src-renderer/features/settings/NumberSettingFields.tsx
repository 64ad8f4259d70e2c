import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  fieldLabelOf,
  isValidSettingText,
  networkSettingFields,
  querySettingFields,
  storedValueOf,
  type NumberSettingField,
  type Settings,
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

/** The sections of `Settings` whose values are numbers declared in a field table. */
type NumberSection = 'network' | 'query';

/** Settings' groups of numeric fields, in order: each a section of `Settings` and its table. */
const numberSettingGroups: Array<{
  section: NumberSection;
  label: string;
  hint: string;
  fields: readonly NumberSettingField[];
}> = [
  {
    section: 'network',
    label: 'Network',
    hint: "Timeouts and retries of storage requests; only busy-service and timeout failures are retried, after the service's Retry-After when it sends one.",
    fields: networkSettingFields,
  },
  {
    section: 'query',
    label: 'SQL queries',
    hint: "DuckDB's memory (it spills to disk beyond it) and the disk the cache of queried files may use; the least recently used files go first.",
    fields: querySettingFields,
  },
];

/**
 * One group of numeric settings: a field per entry of `fields`, showing the saved value (or the
 * default) in the field's unit. A value is saved when the field loses focus, if it is within its
 * bounds (a whole number where the field says so); an out-of-bounds one is marked with them.
 */
function NumberSettingGroup({
  section,
  label,
  hint,
  fields,
}: (typeof numberSettingGroups)[number]) {
  const styles = useStyles();
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data;
  const stored: Partial<Record<string, number>> | undefined = current?.[section];
  const [draft, setDraft] = useState<Partial<Record<string, string>>>({});
  return (
    <Field label={label} hint={hint}>
      <div className={styles.grid}>
        {fields.map((f) => {
          const shown = draft[f.key] ?? String((stored?.[f.key] ?? f.default) / f.scale);
          const valid = isValidSettingText(f, shown);
          return (
            <Field
              key={f.key}
              label={fieldLabelOf(f)}
              validationState={valid ? 'none' : 'error'}
              validationMessage={
                valid ? undefined : `${f.whole ? 'A whole number, ' : ''}${f.min}–${f.max}`
              }
            >
              <Input
                type="number"
                value={shown}
                disabled={!current}
                onChange={(_, d) => setDraft((x) => ({ ...x, [f.key]: d.value }))}
                onBlur={() => {
                  if (!valid || draft[f.key] === undefined) return;
                  const change = { [section]: { ...stored, [f.key]: storedValueOf(f, shown) } };
                  update.mutate(change as Partial<Settings>, {
                    onSuccess: () => setDraft(({ [f.key]: _saved, ...rest }) => rest),
                  });
                }}
              />
            </Field>
          );
        })}
      </div>
    </Field>
  );
}

/**
 * Settings' numeric fields, rendered from the settings tables (`networkSettingFields`: the
 * storage requests' timeouts and retries; `querySettingFields`: DuckDB's memory limit and the
 * query cache's size, applied by main to the next query once none is running).
 */
export function NumberSettingFields() {
  return (
    <>
      {numberSettingGroups.map((g) => (
        <NumberSettingGroup key={g.section} {...g} />
      ))}
    </>
  );
}
