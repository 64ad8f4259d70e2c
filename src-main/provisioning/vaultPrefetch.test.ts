import { describe, expect, it } from 'vitest';
import { firstVaultReferences } from './vaultPrefetch.js';

describe('the Key Vault references a start asks for while the file is parsed', () => {
  it('are the first of each vault, from the file then the environment, comments skipped', () => {
    const text = [
      '# account_key = "secret://keyvault/kv-old/lake-key"',
      '[connections.a]',
      'account_key = "secret://keyvault/kv-prod/lake-a"',
      '[connections.b]',
      "account_key = 'secret://keyvault/KV-PROD/lake-b'",
      'sas_token = "secret://keyvault/127.0.0.1:8443/lake-sas/0123456789abcdef0123456789abcdef"',
      'client_secret = "secret://env/SP_SECRET"',
    ].join('\n');
    expect(
      firstVaultReferences(text, {
        LAKESHORE_CONNECTIONS_C__ACCOUNT_KEY: 'secret://keyvault/kv-env/lake-c',
        LAKESHORE_CONNECTIONS_D__JSON: '{"account_key":"secret://keyvault/kv-prod/lake-d"}',
        OTHER: 'secret://keyvault/kv-unrelated/x',
      }),
    ).toEqual([
      'secret://keyvault/kv-prod/lake-a',
      'secret://keyvault/127.0.0.1:8443/lake-sas/0123456789abcdef0123456789abcdef',
      'secret://keyvault/kv-env/lake-c',
    ]);
  });

  it('are none without a file or a Key Vault reference', () => {
    expect(firstVaultReferences(undefined, {})).toEqual([]);
    expect(firstVaultReferences('[connections.a]\naccount_key = "literal"\n', {})).toEqual([]);
  });
});
