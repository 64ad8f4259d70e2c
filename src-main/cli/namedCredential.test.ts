import type { TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { parseBlobUrl } from '../storage/blobUrl.js';
import { namedCredentialFor, refusalOf, type NamedConnection } from './namedConnection.js';
import { UsageError } from './usageError.js';

const identity: TokenCredential = { getToken: () => Promise.resolve(null) };
const servicePrincipal = (container?: string): NamedConnection => ({
  name: 'lake-sp',
  source: 'file',
  readOnly: false,
  credential: {
    kind: 'token',
    blobEndpoint: 'https://lakeacct.blob.core.windows.net',
    credential: identity,
    ...(container ? { container } : {}),
  },
});

describe('a provisioned Microsoft Entra ID connection named on the command line', () => {
  it("signs the URL's container with its identity", () => {
    const location = parseBlobUrl('https://lakeacct.blob.core.windows.net/raw/q4/a.csv');
    expect(namedCredentialFor(location, servicePrincipal())).toEqual({
      kind: 'token',
      blobEndpoint: 'https://lakeacct.blob.core.windows.net',
      credential: identity,
      container: 'raw',
    });
  });

  it('refuses another account, and another container than its own, before any request', () => {
    expect(() =>
      namedCredentialFor(
        parseBlobUrl('https://other.blob.core.windows.net/raw'),
        servicePrincipal(),
      ),
    ).toThrow(UsageError);
    expect(() =>
      namedCredentialFor(
        parseBlobUrl('https://lakeacct.blob.core.windows.net/curated'),
        servicePrincipal('raw'),
      ),
    ).toThrow('only reaches container "raw"');
  });
});

describe('what a named connection refuses before a command that changes storage', () => {
  const sas = (sp: string): NamedConnection => ({
    name: 'lake-sas',
    source: 'environment',
    readOnly: false,
    credential: {
      kind: 'sas',
      url: `https://lakeacct.blob.core.windows.net/?sv=2025-01-05&ss=b&srt=sco&sp=${sp}&se=2099-01-01T00:00:00Z&spr=https&sig=c2ln`,
    },
  });

  it("refuses a copy into storage and a delete that the SAS's letters do not allow", () => {
    expect(refusalOf(sas('rl').credential, ['write'])).toBe(
      'The SAS has no w (Write); it was signed with sp=rl.',
    );
    expect(refusalOf(sas('rwl').credential, ['write', 'delete'])).toBe(
      'The SAS has no d (Delete); it was signed with sp=rwl.',
    );
    expect(refusalOf(sas('rwdl').credential, ['write', 'delete'])).toBeUndefined();
  });

  it('lets through a key, and an identity whose roles only the service knows', () => {
    const key: NamedConnection = {
      ...sas('r'),
      credential: {
        kind: 'accountKey',
        accountName: 'lakeacct',
        accountKey: 'a2V5',
        blobEndpoint: 'https://lakeacct.blob.core.windows.net',
      },
    };
    expect(refusalOf(key.credential, ['write', 'delete', 'manageAcl'])).toBeUndefined();
    expect(refusalOf(servicePrincipal().credential, ['write', 'delete'])).toBeUndefined();
  });
});
