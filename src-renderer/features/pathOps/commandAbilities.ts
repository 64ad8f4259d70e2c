import type {
  AbilityName,
  ConnectionSummary,
  CredentialAbilities,
} from '../../../shared/contract/index.js';

/** An action on paths that a credential may not allow: the path commands and the uploads. */
export type GuardedAction =
  'newFolder' | 'rename' | 'delete' | 'cut' | 'copy' | 'paste' | 'upload' | 'download';

/**
 * The abilities each action needs of the connection it acts in: a rename or a cut (a move)
 * writes the destination and deletes the source; a copy reads the source and its paste writes
 * where it lands, which is checked on the connection pasted into.
 */
export const abilitiesNeeded: Record<GuardedAction, readonly AbilityName[]> = {
  newFolder: ['write'],
  rename: ['write', 'delete'],
  delete: ['delete'],
  cut: ['write', 'delete'],
  copy: ['read'],
  paste: ['write'],
  upload: ['write'],
  download: ['read'],
};

/**
 * Why `action` is refused by `abilities` (the reason of the first needed ability that is
 * `denied`, as a tooltip shows it), or `undefined` when it may be tried: abilities that are
 * `allowed` or `unknown` (only the service can tell), or no abilities known at all.
 */
export function refusalOf(
  action: GuardedAction,
  abilities: CredentialAbilities | undefined,
): string | undefined {
  if (!abilities) return undefined;
  for (const name of abilitiesNeeded[action]) {
    const ability = abilities.abilities[name];
    if (ability.state === 'denied') return ability.reason;
  }
  return undefined;
}

/** The abilities of connection `connectionId` among `connections`, if it is listed with any. */
export const abilitiesIn = (
  connections: readonly ConnectionSummary[] | undefined,
  connectionId: string | undefined,
): CredentialAbilities | undefined =>
  connectionId === undefined
    ? undefined
    : connections?.find((c) => c.id === connectionId)?.abilities;

/** A tooltip naming why an action is off, after what the action does: "Delete (Del) — not allowed: …". */
export const refusedTitle = (title: string, refusal: string | undefined): string =>
  refusal ? `${title} — not allowed: ${refusal}` : title;
