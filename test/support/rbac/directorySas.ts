import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  BlobSASPermissions,
  ContainerSASPermissions,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { emulatorAccount } from '../../../src-main/emulator/azurite.js';

/** Azurite's own derivation of a user delegation key's value from its fields (the key it handed out). */
const { getUserDelegationKeyValue } = createRequire(import.meta.url)(
  'azurite/dist/src/blob/utils/utils.js',
) as {
  getUserDelegationKeyValue(oid: string, tid: string, st: string, se: string, sv: string): string;
};

/** A directory SAS the front refused: the status and Azure's error code. */
export interface DirectorySasRefusal {
  status: 403;
  code: 'AuthenticationFailed' | 'AuthorizationPermissionMismatch' | 'AuthorizationFailure';
}

/**
 * The string-to-sign of a user delegation SAS, version 2026-04-06 and later, field by field as
 * https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas#version-2026-04-06-and-later
 * lists it, with the canonicalized resource `/blob/<account>/<container>/<directory>`.
 */
function stringToSign(q: URLSearchParams, canonicalizedResource: string): string {
  const f = (name: string) => q.get(name) ?? '';
  return [
    f('sp'),
    f('st'),
    f('se'),
    canonicalizedResource,
    f('skoid'),
    f('sktid'),
    f('skt'),
    f('ske'),
    f('sks'),
    f('skv'),
    f('saoid'),
    f('suoid'),
    f('scid'),
    f('skdutid'),
    f('sduoid'),
    f('sip'),
    f('spr'),
    f('sv'),
    f('sr'),
    '',
    f('ses'),
    f('srh'),
    f('srq'),
    f('rscc'),
    f('rscd'),
    f('rsce'),
    f('rscl'),
    f('rsct'),
  ].join('\n');
}

const sasParams =
  /^(sv|ss|srt|sp|se|st|spr|sip|sig|sr|si|sdd|sk\w*|saoid|suoid|scid|sduoid|ses|srh|srq|rsc\w)$/;

/**
 * Checks a user delegation directory SAS (`sr=d`), which Azurite does not know, as Azure does
 * on a hierarchical-namespace account: the signature over the documented string-to-sign with
 * the key Azurite derived, the times, `sdd` equal to the directory's depth, the request's
 * blob (or listing prefix) inside the directory, and the permission the operation needs (`r`
 * to read, `l` to list, `c` or `w` to write). Not modelled: the signer's own roles and ACLs.
 * Answers the refusal, or the request's path and query to send on to Azurite, re-signed with a
 * service SAS of the emulator's key for that blob or container.
 */
export function checkDirectorySas(options: {
  method: string;
  /** The request URL's path, `/<account>/<container>/<blob…>`, and its query. */
  url: URL;
  accountName: string;
}): { refused: DirectorySasRefusal } | { forward: string } {
  const { url, method, accountName } = options;
  const q = url.searchParams;
  const [container = '', ...rest] = url.pathname
    .slice(accountName.length + 2)
    .split('/')
    .map(decodeURIComponent);
  const blob = rest.join('/');
  const listing = q.get('comp') === 'list' && q.get('restype') === 'container';
  const inside = listing ? (q.get('prefix') ?? '') : blob;
  const sig = q.get('sig') ?? '';
  const depth = Number(q.get('sdd'));
  // The signed directory is the path's ancestor at the depth the SAS names: a SAS for any
  // other folder fails the signature.
  const directory = inside.split('/').slice(0, depth).join('/');
  const key = getUserDelegationKeyValue(
    q.get('skoid') ?? '',
    q.get('sktid') ?? '',
    q.get('skt') ?? '',
    q.get('ske') ?? '',
    q.get('skv') ?? '',
  );
  const expected = createHmac('sha256', Buffer.from(key, 'base64'))
    .update(stringToSign(q, `/blob/${accountName}/${container}/${directory}`), 'utf8')
    .digest('base64');
  const now = Date.now();
  const timely =
    Date.parse(q.get('se') ?? '') > now &&
    Date.parse(q.get('ske') ?? '') > now &&
    !(Date.parse(q.get('st') ?? '') > now);
  if (
    !Number.isInteger(depth) ||
    depth < 1 ||
    directory.split('/').length !== depth ||
    !inside.startsWith(`${directory}/`) ||
    expected !== sig ||
    !timely
  ) {
    return { refused: { status: 403, code: 'AuthenticationFailed' } };
  }
  const granted = q.get('sp') ?? '';
  const needs = listing ? 'l' : method === 'GET' || method === 'HEAD' ? 'r' : 'cw';
  if (![...needs].some((p) => granted.includes(p))) {
    return { refused: { status: 403, code: 'AuthorizationPermissionMismatch' } };
  }
  const forwarded = new URLSearchParams([...q].filter(([k]) => !sasParams.test(k)));
  const expiresOn = new Date(now + 60_000);
  const keyCredential = new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key);
  const sas = listing
    ? generateBlobSASQueryParameters(
        {
          containerName: container,
          permissions: ContainerSASPermissions.parse('l'),
          expiresOn,
          protocol: SASProtocol.Https,
        },
        keyCredential,
      )
    : generateBlobSASQueryParameters(
        {
          containerName: container,
          blobName: blob,
          permissions: BlobSASPermissions.parse('rcw'),
          expiresOn,
          protocol: SASProtocol.Https,
        },
        keyCredential,
      );
  const query = [forwarded.toString(), sas.toString()].filter(Boolean).join('&');
  return { forward: `${url.pathname}?${query}` };
}
