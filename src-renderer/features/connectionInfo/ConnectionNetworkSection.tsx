import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  defaultNetworkSettings,
  networkSettingFields,
  type ConnectionSummary,
  type NumberSettingField,
} from '../../../shared/contract/index.js';
import { useUpdateConnection } from '../../api/hooks.js';
import { NetworkFieldsGrid } from '../connections/ConnectionNetworkFields.js';
import {
  draftFromNetwork,
  isValidDraft,
  networkFromDraft,
  type NetworkDraft,
} from '../settings/networkFields.js';
import { useSettings } from '../settings/useSettings.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { FactList } from '../shell/FactList.js';

const useStyles = makeStyles({
  heading: {
    fontSize: tokens.fontSizeBase300,
    margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`,
  },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalM,
  },
});

/** A stored value in the field's shown unit: `2.5 s`, `250 ms`, `3`. */
const shown = (f: NumberSettingField, value: number): string =>
  `${value / f.scale}${f.unit ? ` ${f.unit}` : ''}`;

/**
 * Connection properties' "Timeouts and retries": each value the connection's requests use, its
 * own or Settings' (marked so), and, when `editable` (saved in Lakeshore), **Edit timeouts and
 * retries…**, which turns the list into the fields of Add connection and saves them with
 * `connections.update` (an emptied field follows Settings again).
 */
export function ConnectionNetworkSection({
  connection,
  editable,
}: {
  connection: ConnectionSummary;
  editable: boolean;
}) {
  const styles = useStyles();
  const settings = useSettings();
  const update = useUpdateConnection();
  const [draft, setDraft] = useState<NetworkDraft | undefined>(undefined);
  const fromSettings = { ...defaultNetworkSettings, ...settings.data?.network };
  const heading = <h3 className={styles.heading}>Timeouts and retries</h3>;

  if (draft) {
    const save = () =>
      update.mutate(
        { id: connection.id, network: networkFromDraft(draft) },
        { onSuccess: () => setDraft(undefined) },
      );
    return (
      <section aria-label="Timeouts and retries">
        {heading}
        <NetworkFieldsGrid draft={draft} onChange={setDraft} />
        {update.error ? <ErrorNotice error={update.error} title="Not saved" /> : null}
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={!isValidDraft(draft) || update.isPending}
            onClick={save}
          >
            Save timeouts and retries
          </Button>
          <Button onClick={() => setDraft(undefined)}>Cancel</Button>
        </div>
      </section>
    );
  }
  return (
    <section aria-label="Timeouts and retries">
      {heading}
      <FactList
        facts={networkSettingFields.map((f) => {
          const own = connection.network?.[f.key];
          return {
            term: f.label,
            value:
              own === undefined ? `${shown(f, fromSettings[f.key])} (Settings)` : shown(f, own),
          };
        })}
      />
      {editable ? (
        <div className={styles.actions}>
          <Button
            onClick={() => {
              update.reset();
              setDraft(draftFromNetwork(connection.network));
            }}
          >
            Edit timeouts and retries…
          </Button>
        </div>
      ) : null}
    </section>
  );
}
