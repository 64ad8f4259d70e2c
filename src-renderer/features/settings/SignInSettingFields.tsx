import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { signInSettingFields, type Settings } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from './useSettings.js';

/**
 * Settings → Sign-in, rendered from `signInSettingFields`: a text field per entry showing the
 * saved value (or the default). A value is saved when the field loses focus if it matches the
 * field's pattern; an empty one goes back to the default; another is marked with the reason.
 */
export function SignInSettingFields() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data;
  const stored: Partial<Record<string, string>> = current?.signIn ?? {};
  const [draft, setDraft] = useState<Partial<Record<string, string>>>({});
  return (
    <Field label="Sign-in">
      {signInSettingFields.map((f) => {
        const shown = draft[f.key] ?? stored[f.key] ?? f.default;
        const valid = shown.trim() === '' || f.pattern.test(shown.trim());
        return (
          <Field
            key={f.key}
            label={f.label}
            hint={f.hint}
            validationState={valid ? 'none' : 'error'}
            validationMessage={valid ? undefined : f.invalid}
          >
            <Input
              value={shown}
              disabled={!current}
              spellCheck={false}
              onChange={(_, d) => setDraft((x) => ({ ...x, [f.key]: d.value }))}
              onBlur={() => {
                if (!valid || draft[f.key] === undefined) return;
                const { [f.key]: _old, ...others } = stored;
                const value = shown.trim();
                const signIn =
                  value && value !== f.default ? { ...others, [f.key]: value } : others;
                update.mutate({ signIn } as Partial<Settings>, {
                  onSuccess: () => setDraft(({ [f.key]: _saved, ...rest }) => rest),
                });
              }}
            />
          </Field>
        );
      })}
    </Field>
  );
}
