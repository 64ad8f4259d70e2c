import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  DismissCircleRegular,
  QuestionCircleRegular,
} from '@fluentui/react-icons';
import {
  abilityNames,
  type AbilityName,
  type CredentialAbilities,
} from '../../../shared/contract/index.js';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    alignItems: 'start',
  },
  reason: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** What each ability is called on screen. */
export const abilityLabels: Record<AbilityName, string> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  delete: 'Delete',
  manageAcl: 'Manage ACLs',
};

const stateText = {
  allowed: 'Allowed',
  denied: 'Not allowed',
  unknown: 'Decided by Azure',
} as const;

/** "What this credential can do": each ability with allowed / not allowed / decided by Azure and the reason, then the warnings. */
export function CredentialAbilitiesList({ abilities }: { abilities: CredentialAbilities }) {
  const styles = useStyles();
  return (
    <section aria-label="What this credential can do">
      <p style={{ margin: `0 0 ${tokens.spacingVerticalS}` }}>{abilities.summary}</p>
      {abilities.warnings.map((w) => (
        <MessageBar key={w} intent="warning" style={{ marginBottom: tokens.spacingVerticalS }}>
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      <dl className={styles.list}>
        {abilityNames.map((name) => {
          const a = abilities.abilities[name];
          const Icon =
            a.state === 'allowed'
              ? CheckmarkCircleRegular
              : a.state === 'denied'
                ? DismissCircleRegular
                : QuestionCircleRegular;
          return (
            <div
              key={name}
              style={{ display: 'contents' }}
              aria-label={`${abilityLabels[name]}: ${stateText[a.state]}`}
            >
              <dt>{abilityLabels[name]}</dt>
              <dd style={{ margin: 0, whiteSpace: 'nowrap' }}>
                <Icon aria-hidden /> {stateText[a.state]}
              </dd>
              <dd className={styles.reason}>{a.reason}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
