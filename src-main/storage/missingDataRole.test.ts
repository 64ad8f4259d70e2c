import { describe, expect, it } from 'vitest';
import { missingDataRole, missingDataRoleMessage } from './missingDataRole.js';

const account = 'https://lake1.blob.core.windows.net';

describe('missingDataRole', () => {
  it.each([
    ['GET', `${account}/?comp=list`, 'Storage Blob Data Reader', undefined],
    ['HEAD', `${account}/raw/a.csv`, 'Storage Blob Data Reader', 'raw'],
    ['GET', `${account}/raw?restype=container&comp=list`, 'Storage Blob Data Reader', 'raw'],
    [
      'POST',
      `${account}/?restype=service&comp=userdelegationkey`,
      'Storage Blob Data Reader',
      undefined,
    ],
    ['PUT', `${account}/raw/a.csv`, 'Storage Blob Data Contributor', 'raw'],
    // Create Container and Filesystem - Create: the role must be on the account.
    ['PUT', `${account}/raw?restype=container`, 'Storage Blob Data Contributor', undefined],
    [
      'PUT',
      'https://lake1.dfs.core.windows.net/raw?resource=filesystem',
      'Storage Blob Data Contributor',
      undefined,
    ],
    [
      'PUT',
      `${account}/raw?restype=container&comp=metadata`,
      'Storage Blob Data Contributor',
      'raw',
    ],
    ['DELETE', `${account}/raw/a.csv`, 'Storage Blob Data Contributor', 'raw'],
    [
      'PATCH',
      'https://lake1.dfs.core.windows.net/raw/dir?action=setAccessControl',
      'Storage Blob Data Owner',
      'raw',
    ],
    [
      'PATCH',
      'https://lake1.dfs.core.windows.net/raw/dir?action=setAccessControlRecursive&mode=set',
      'Storage Blob Data Owner',
      'raw',
    ],
    [
      'PATCH',
      'https://lake1.dfs.core.windows.net/raw/f?action=flush&position=3',
      'Storage Blob Data Contributor',
      'raw',
    ],
    ['GET', 'https://127.0.0.1:10000/devstoreaccount1/raw/x', 'Storage Blob Data Reader', 'raw'],
  ])('%s %s needs %s', (method, url, role, container) => {
    const found = missingDataRole(method, url);
    expect(found?.role).toBe(role);
    expect(found?.container).toBe(container);
    expect(found?.accountName).toMatch(/^(lake1|devstoreaccount1)$/);
  });

  it('knows nothing of a URL that is not a storage one', () => {
    expect(missingDataRole('GET', 'not a url')).toBeUndefined();
  });

  it('says what was refused, the role and where to ask for it', () => {
    expect(
      missingDataRoleMessage({
        role: 'Storage Blob Data Owner',
        operation: 'change access control',
        accountName: 'lake1',
        container: 'raw',
      }),
    ).toBe(
      'You are signed in, but your identity may not change access control in container "raw" of account lake1: ask for the Storage Blob Data Owner role on the container (or on the account, which covers every container). With only ADLS ACLs and no role, open the container by its URL (in the app: Add connection → Microsoft Entra ID).',
    );
    expect(
      missingDataRoleMessage(missingDataRole('PUT', `${account}/new?restype=container`)!),
    ).toBe(
      'You are signed in, but your identity may not create a container on account lake1: ask for the Storage Blob Data Contributor role on the account (Storage Blob Data Owner also allows it). With only ADLS ACLs and no role, open the container by its URL (in the app: Add connection → Microsoft Entra ID).',
    );
  });
});
