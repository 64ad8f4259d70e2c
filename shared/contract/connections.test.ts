import { describe, expect, it } from 'vitest';
import { newConnectionSchema } from './connections.js';

describe('newConnectionSchema: a default Azure credential connection', () => {
  const url = 'https://acct.blob.core.windows.net/raw';

  it('takes an https URL alone or with a tenant, trimmed, and no secret', () => {
    expect(newConnectionSchema.parse({ kind: 'defaultCredential', url })).toEqual({
      kind: 'defaultCredential',
      url,
    });
    expect(
      newConnectionSchema.parse({
        kind: 'defaultCredential',
        name: ' Raw ',
        tenantId: ' contoso.onmicrosoft.com ',
        url,
        network: { maxAttempts: 2 },
      }),
    ).toEqual({
      kind: 'defaultCredential',
      name: 'Raw',
      tenantId: 'contoso.onmicrosoft.com',
      url,
      network: { maxAttempts: 2 },
    });
  });

  it('refuses an http URL, a missing URL and a tenant that is neither a GUID nor a domain', () => {
    const issues = (input: unknown) =>
      newConnectionSchema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ kind: 'defaultCredential', url: 'http://acct.blob.core.windows.net' })).toEqual(
      [['url', 'Invalid URL']],
    );
    expect(issues({ kind: 'defaultCredential' })?.[0]?.[0]).toBe('url');
    expect(issues({ kind: 'defaultCredential', url, tenantId: 'not a tenant' })).toEqual([
      ['tenantId', 'A tenant is its id (a GUID) or a domain such as contoso.onmicrosoft.com'],
    ]);
  });
});
