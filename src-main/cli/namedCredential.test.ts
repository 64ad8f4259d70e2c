import type { TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { parseBlobUrl } from '../storage/blobUrl.js';
import { namedCredentialFor, type NamedConnection } from './namedConnection.js';
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
