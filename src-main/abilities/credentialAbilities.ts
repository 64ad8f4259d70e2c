import {
  abilityNames,
  type Ability,
  type AbilityName,
  type CredentialAbilities,
  type SasGrant,
} from '../../shared/contract/index.js';
import { connectionStringAccount } from '../storage/connectionStringAccount.js';
import { accountSasLetters, readSasGrant, serviceSasLetters } from './sasGrant.js';

/** How far ahead of its expiry a SAS is warned about: one day. */
export const sasWarningMs = 24 * 60 * 60 * 1000;

const every = (ability: (name: AbilityName) => Ability): Record<AbilityName, Ability> =>
  Object.fromEntries(abilityNames.map((n) => [n, ability(n)])) as Record<AbilityName, Ability>;

/** A key (or the emulator's): Shared Key authorizes every data operation of the account. */
export function keyAbilities(what: string): CredentialAbilities {
  return {
    summary: `${what}: everything`,
    abilities: every(() => ({ state: 'allowed', reason: `${what} allows every operation.` })),
    warnings: [],
  };
}

/**
 * An Entra ID identity: its data roles (RBAC) and ACLs decide, which only Resource Manager's
 * permissions call on the account scope can tell; `roles` is that hook's answer when one is
 * wired (issue 13 owns it), and absent everything is `unknown` and stays enabled.
 */
export function entraAbilities(roles?: Record<AbilityName, Ability>): CredentialAbilities {
  return {
    summary: 'Microsoft Entra ID: your data roles and ACLs decide',
    abilities:
      roles ??
      every(() => ({
        state: 'unknown',
        reason:
          'Decided by your Azure data roles (RBAC) or ACLs; the service says when one is missing.',
      })),
    warnings: [],
  };
}

const letterReason = (grant: SasGrant, letter: string, granted: boolean) => {
  const name = (grant.type === 'account' ? accountSasLetters : serviceSasLetters)[letter];
  return granted
    ? `The SAS has ${letter} (${name}).`
    : `The SAS has no ${letter} (${name}); it was signed with sp=${grant.permissions || '(none)'}.`;
};

/**
 * What a SAS allows, from its signed fields alone (no request): each ability from its `sp`
 * letter (list l, read r, write w, delete d; ACLs p on a service SAS, unknown for an account
 * SAS) and, for an account SAS, the resource type it needs in `srt` (c to list blobs, o for
 * blobs) and the Blob service in `ss`. Everything is denied when the SAS is not valid yet, has
 * expired, or is HTTPS-only on an `http` endpoint; an IP range and an expiry within a day
 * (`sasWarningMs`) are warnings. `now` in ms since the epoch.
 */
export function sasAbilities(grant: SasGrant, endpoint: string, now: number): CredentialAbilities {
  const warnings: string[] = [];
  const expires = grant.expiresAt ? Date.parse(grant.expiresAt) : undefined;
  const starts = grant.startsAt ? Date.parse(grant.startsAt) : undefined;
  const blocked =
    expires !== undefined && expires <= now
      ? `The SAS expired at ${grant.expiresAt}; get a new one.`
      : starts !== undefined && starts > now
        ? `The SAS is not valid until ${grant.startsAt}.`
        : grant.type === 'account' && grant.services !== undefined && !grant.services.includes('b')
          ? `The SAS is not for the Blob service (ss=${grant.services}).`
          : grant.protocol === 'https' && endpoint.startsWith('http:')
            ? 'The SAS allows HTTPS only (spr=https), but this endpoint is http.'
            : undefined;
  if (expires !== undefined && expires > now && expires - now <= sasWarningMs) {
    const hours = Math.max(1, Math.round((expires - now) / 3_600_000));
    warnings.push(
      `This SAS expires at ${grant.expiresAt} (in about ${hours} h); get a new one before then.`,
    );
  }
  if (grant.ipRange) warnings.push(`The SAS works only from ${grant.ipRange} (sip).`);
  const has = (letter: string) => grant.permissions.includes(letter);
  const needsType = (type: string, what: string): string | undefined =>
    grant.type === 'account' &&
    grant.resourceTypes !== undefined &&
    !grant.resourceTypes.includes(type)
      ? `The SAS has no ${type} in srt=${grant.resourceTypes}, needed ${what}.`
      : undefined;
  const byLetter = (letter: string, type: string, what: string): Ability => {
    if (blocked) return { state: 'denied', reason: blocked };
    if (!has(letter)) return { state: 'denied', reason: letterReason(grant, letter, false) };
    const missingType = needsType(type, what);
    if (missingType) return { state: 'denied', reason: missingType };
    return { state: 'allowed', reason: letterReason(grant, letter, true) };
  };
  const manageAcl = (): Ability => {
    if (blocked) return { state: 'denied', reason: blocked };
    if (grant.type === 'account')
      return {
        state: 'unknown',
        reason: 'An account SAS does not say whether it may change ACLs; the service decides.',
      };
    return has('p')
      ? { state: 'allowed', reason: letterReason(grant, 'p', true) }
      : { state: 'denied', reason: letterReason(grant, 'p', false) };
  };
  return {
    summary: `${grant.type === 'account' ? 'Account' : 'Service'} SAS (sp=${grant.permissions})${grant.expiresAt ? ` until ${grant.expiresAt}` : ''}`,
    abilities: {
      list: byLetter('l', 'c', 'to list blobs'),
      read: byLetter('r', 'o', 'to read blobs'),
      write: byLetter('w', 'o', 'to write blobs'),
      delete: byLetter('d', 'o', 'to delete blobs'),
      manageAcl: manageAcl(),
    },
    sas: grant,
    warnings: blocked ? [blocked, ...warnings] : warnings,
  };
}

/** `abilities` with every change (write, delete, ACLs) denied because the connection is read-only. */
export function readOnlyAbilities(
  abilities: CredentialAbilities,
  why: string,
): CredentialAbilities {
  const denied: Ability = { state: 'denied', reason: why };
  return {
    ...abilities,
    summary: `${abilities.summary} · read-only`,
    abilities: { ...abilities.abilities, write: denied, delete: denied, manageAcl: denied },
  };
}

/**
 * What `credential` can do on the account at `endpoint`: a key everything, a SAS (alone or in
 * a connection string) what it was signed for, an Entra ID identity what its roles allow.
 */
export function abilitiesOf(
  credential:
    | {
        kind:
          'accountKey' | 'emulator' | 'entra' | 'token' | 'servicePrincipal' | 'defaultCredential';
      }
    | { kind: 'connectionString'; connectionString: string }
    | { kind: 'sas'; url: string },
  endpoint: string,
  now: number,
): CredentialAbilities {
  switch (credential.kind) {
    case 'accountKey':
      return keyAbilities('Account key');
    case 'emulator':
      return keyAbilities("The emulator's key");
    case 'entra':
    case 'token':
    case 'servicePrincipal':
    case 'defaultCredential':
      return entraAbilities();
    case 'sas': {
      const grant = readSasGrant(credential.url);
      return grant ? sasAbilities(grant, endpoint, now) : keyAbilities('Account key');
    }
    case 'connectionString': {
      const sas = connectionStringAccount(credential.connectionString)?.sharedAccessSignature;
      const grant = sas ? readSasGrant(sas) : undefined;
      return grant ? sasAbilities(grant, endpoint, now) : keyAbilities('Account key');
    }
  }
}
