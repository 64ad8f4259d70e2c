import { describe, expect, it } from 'vitest';
import { newConnectionSchema } from '../../../shared/contract/index.js';
import { emptyForm, formFieldOf, toNewConnection } from './connectionForm.js';

describe('Add connection: the default Azure credential kind', () => {
  const form = { ...emptyForm, kind: 'defaultCredential' as const };

  it('sends the URL, and the tenant only when one is typed, trimmed, and nothing of the other kinds', () => {
    expect(toNewConnection({ ...form, dcUrl: ' https://acct.blob.core.windows.net/raw ' })).toEqual(
      { kind: 'defaultCredential', url: 'https://acct.blob.core.windows.net/raw' },
    );
    const withTenant = toNewConnection({
      ...form,
      name: ' Raw ',
      dcTenantId: ' contoso.onmicrosoft.com ',
      dcUrl: 'https://acct.blob.core.windows.net/raw',
      spClientSecret: 'not-sent',
    });
    expect(withTenant).toEqual({
      kind: 'defaultCredential',
      name: 'Raw',
      tenantId: 'contoso.onmicrosoft.com',
      url: 'https://acct.blob.core.windows.net/raw',
    });
    expect(newConnectionSchema.safeParse(withTenant).success).toBe(true);
  });

  it('marks its own fields when a refusal names the URL or the tenant', () => {
    expect(formFieldOf('defaultCredential', 'url')).toBe('dcUrl');
    expect(formFieldOf('defaultCredential', 'tenantId')).toBe('dcTenantId');
    expect(formFieldOf('defaultCredential', 'clientSecret')).toBeUndefined();
  });
});
