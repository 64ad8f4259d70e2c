import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  defaultNetworkSettings,
  fieldLabelOf,
  isValidSettingText,
  networkSettingFields,
} from '../../../shared/contract/index.js';
import type { NetworkDraft } from '../settings/networkFields.js';
import { useSettings } from '../settings/useSettings.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
  },
  // A grid item is as wide as its content by default: these let the fields shrink to their column.
  cell: { minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalS },
});

/**
 * A connection's own value for each network setting, in Settings' units; an empty field (its
 * placeholder shows the value Settings gives now) follows Settings. A value out of bounds is
 * marked with the bounds.
 */
export function NetworkFieldsGrid({
  draft,
  onChange,
}: {
  draft: NetworkDraft;
  onChange: (draft: NetworkDraft) => void;
}) {
  const styles = useStyles();
  const settings = useSettings();
  const fromSettings = { ...defaultNetworkSettings, ...settings.data?.network };
  return (
    <>
      <div className={styles.hint}>
        This connection&apos;s own values; an empty field follows Settings › Network.
      </div>
      <div className={styles.grid}>
        {networkSettingFields.map((f) => {
          const text = draft[f.key] ?? '';
          const valid = text.trim() === '' || isValidSettingText(f, text);
          return (
            <Field
              key={f.key}
              className={styles.cell}
              label={fieldLabelOf(f)}
              validationState={valid ? 'none' : 'error'}
              validationMessage={valid ? undefined : `${f.min}–${f.max}`}
            >
              <Input
                className={styles.input}
                type="number"
                value={text}
                placeholder={String(fromSettings[f.key] / f.scale)}
                onChange={(_, d) => onChange({ ...draft, [f.key]: d.value })}
              />
            </Field>
          );
        })}
      </div>
    </>
  );
}

/** The Add connection dialog's collapsed "Advanced: timeouts and retries" section (`NetworkFieldsGrid`). */
export function ConnectionNetworkFields(props: {
  draft: NetworkDraft;
  onChange: (draft: NetworkDraft) => void;
}) {
  return (
    <Accordion collapsible>
      <AccordionItem value="network">
        <AccordionHeader size="small">Advanced: timeouts and retries</AccordionHeader>
        <AccordionPanel>
          <NetworkFieldsGrid {...props} />
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
