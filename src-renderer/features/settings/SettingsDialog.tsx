import {
  Button,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { themeChoices, type ThemeChoice } from '../../../shared/contract/index.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { DialogShell } from '../shell/DialogShell.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { FolderPickerDialog } from './FolderPickerDialog.js';
import { LogLevelField } from './LogLevelField.js';
import { NumberSettingFields } from './NumberSettingFields.js';
import { SignInSettingFields } from './SignInSettingFields.js';
import { useSettings, useUpdateSettings } from './useSettings.js';

/** The theme choices as Settings names them. */
const themeLabels: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
  highContrast: 'High contrast',
};

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  folder: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1 },
});

/**
 * Settings: the theme (System follows the OS), whether unfinished transfers resume when
 * Lakeshore starts, where downloads go, the log level, the network timeouts and retries, the
 * SQL engine's limits and the sign-in's application (client) id.
 * "Change…" opens the OS folder dialog in the
 * desktop app and the in-app picker in
 * browser mode. Each change is saved at once.
 */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const client = useClient();
  const info = useAppInfo();
  const settings = useSettings();
  const update = useUpdateSettings();
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<unknown>();
  const current = settings.data;
  // The choice shows at once: the settings cache answers only after the save and TanStack's
  // next tick, and until then the controlled radio would spring back to the saved theme.
  const [chosenTheme, setChosenTheme] = useState<ThemeChoice>();
  const chooseTheme = (theme: ThemeChoice) => {
    setChosenTheme(theme);
    update.mutate({ theme }, { onError: () => setChosenTheme(undefined) });
  };

  const changeFolder = async () => {
    if (!info.data?.canPickFolders) {
      setPicking(true);
      return;
    }
    try {
      const { path } = unwrap(await client.call('local.pickFolder', { title: 'Download folder' }));
      if (path) update.mutate({ downloadDirectory: path });
    } catch (e) {
      setPickError(e);
    }
  };

  return (
    <DialogShell
      open={open}
      onClose={onClose}
      label="Settings"
      title="Settings"
      contentProps={{ className: styles.form }}
    >
      <Field label="Theme" hint="System follows the OS's dark mode and high contrast.">
        <RadioGroup
          layout="horizontal"
          value={chosenTheme ?? current?.theme ?? 'system'}
          disabled={!current}
          onChange={(_, d) => chooseTheme(d.value as ThemeChoice)}
        >
          {themeChoices.map((choice) => (
            <Radio key={choice} value={choice} label={themeLabels[choice]} />
          ))}
        </RadioGroup>
      </Field>
      <Switch
        label="Resume unfinished transfers when Lakeshore starts"
        checked={current?.resumeTransfersOnStart ?? false}
        disabled={!current || update.isPending}
        onChange={(_, d) => update.mutate({ resumeTransfersOnStart: d.checked })}
      />
      <Caption1>
        Off: transfers interrupted by a crash or quit come back paused in the Transfers panel;
        resume them there.
      </Caption1>
      <div className={styles.folder}>
        <Field label="Download folder" className={styles.grow}>
          <Input readOnly value={current?.downloadDirectory ?? ''} />
        </Field>
        <Button onClick={() => void changeFolder()} disabled={!current}>
          Change…
        </Button>
      </div>
      <LogLevelField />
      <NumberSettingFields />
      <SignInSettingFields />
      {update.error ? <ErrorNotice error={update.error} /> : null}
      {pickError ? <ErrorNotice error={pickError} /> : null}
      <FolderPickerDialog
        open={picking}
        start={current?.downloadDirectory}
        onCancel={() => setPicking(false)}
        onChoose={(folder) => {
          setPicking(false);
          update.mutate({ downloadDirectory: folder });
        }}
      />
    </DialogShell>
  );
}
