/** What a user may try with a connection: each one decides whether an action is enabled. */
export const abilityNames = ['list', 'read', 'write', 'delete', 'manageAcl'] as const;
export type AbilityName = (typeof abilityNames)[number];

/**
 * Whether the credential allows one ability: `allowed`, `denied` (with the reason a tooltip
 * shows), or `unknown` when only the service can tell (an Entra ID identity's roles, an account
 * SAS on ACLs); actions stay enabled for `unknown`.
 */
export type Ability =
  | { state: 'allowed'; reason: string }
  | { state: 'denied'; reason: string }
  | { state: 'unknown'; reason: string };

/**
 * A SAS as it was signed ("Create an account SAS", "Create a service SAS",
 * https://learn.microsoft.com/rest/api/storageservices/create-account-sas,
 * https://learn.microsoft.com/rest/api/storageservices/create-service-sas): `sp` letters and
 * their names, `srt` resource types and `ss` services (account SAS only), `sr` resource
 * (service SAS), `st`/`se` as ISO times, `sip` and `spr`.
 */
export interface SasGrant {
  type: 'account' | 'service';
  permissions: string;
  permissionNames: string[];
  resourceTypes?: string;
  services?: string;
  resource?: string;
  startsAt?: string;
  expiresAt?: string;
  ipRange?: string;
  protocol?: string;
}

/** What a connection's credential can do, as Properties shows it. */
export interface CredentialAbilities {
  /** One line: "Account key: everything", "Account SAS (rl) until 2026-12-03T10:00:00Z". */
  summary: string;
  abilities: Record<AbilityName, Ability>;
  sas?: SasGrant;
  /** Notices to show beside the connection (an IP range, an HTTPS-only SAS, expiry within a day). */
  warnings: string[];
}
