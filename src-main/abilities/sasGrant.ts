import type { SasGrant } from '../../shared/contract/index.js';

/**
 * The `sp` letters of an account SAS and what each grants ("Create an account SAS",
 * https://learn.microsoft.com/rest/api/storageservices/create-account-sas#account-sas-permissions-by-operation).
 */
export const accountSasLetters: Record<string, string> = {
  r: 'Read',
  w: 'Write',
  d: 'Delete',
  x: 'Delete version',
  y: 'Permanent delete',
  l: 'List',
  a: 'Add',
  c: 'Create',
  u: 'Update',
  p: 'Process',
  t: 'Tag',
  f: 'Filter',
  i: 'Set immutability policy',
};

/**
 * The `sp` letters of a service or user delegation SAS on Blob Storage and ADLS Gen2 ("Create a
 * service SAS", https://learn.microsoft.com/rest/api/storageservices/create-service-sas#permissions-for-a-directory-container-or-blob).
 */
export const serviceSasLetters: Record<string, string> = {
  r: 'Read',
  a: 'Add',
  c: 'Create',
  w: 'Write',
  d: 'Delete',
  x: 'Delete version',
  y: 'Permanent delete',
  l: 'List',
  t: 'Tags',
  f: 'Find',
  m: 'Move',
  e: 'Execute',
  o: 'Ownership',
  p: 'Permissions',
  i: 'Set immutability policy',
};

const isoOf = (value: string | null): string | undefined => {
  if (!value) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

/**
 * Reads what a SAS was signed for from its query (with or without `?`, or a whole SAS URL):
 * an account SAS has `ss`/`srt`, a service SAS `sr`. Returns `undefined` when the query has no
 * `sig`. Letters a SAS type does not define are kept in `permissions` and named "unknown (q)".
 */
export function readSasGrant(urlOrQuery: string): SasGrant | undefined {
  const query = urlOrQuery.includes('?')
    ? urlOrQuery.slice(urlOrQuery.indexOf('?') + 1)
    : urlOrQuery;
  const p = new URLSearchParams(query);
  if (!p.get('sig')) return undefined;
  const type = p.has('ss') || p.has('srt') ? 'account' : 'service';
  const letters = type === 'account' ? accountSasLetters : serviceSasLetters;
  const permissions = p.get('sp') ?? '';
  const optional = (key: string, value: string | null | undefined) =>
    value ? { [key]: value } : {};
  return {
    type,
    permissions,
    permissionNames: [...permissions].map((l) => letters[l] ?? `unknown (${l})`),
    ...optional('resourceTypes', p.get('srt')),
    ...optional('services', p.get('ss')),
    ...optional('resource', p.get('sr')),
    ...optional('startsAt', isoOf(p.get('st'))),
    ...optional('expiresAt', isoOf(p.get('se'))),
    ...optional('ipRange', p.get('sip')),
    ...optional('protocol', p.get('spr')),
  };
}
