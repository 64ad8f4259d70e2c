import { describe, expect, it } from 'vitest';
import { toLakeError } from '../storage/toLakeError.js';
import { parseSecretReference } from './secretReference.js';

const opts = { configDir: '/etc/lakeshore', env: {} };

describe('parseSecretReference', () => {
  it('reads the three forms', () => {
    expect(parseSecretReference('secret://env/LAKE_KEY', opts)).toEqual({
      kind: 'env',
      text: 'secret://env/LAKE_KEY',
      variable: 'LAKE_KEY',
    });
    expect(parseSecretReference('secret://file/keys/lake', opts)).toMatchObject({
      kind: 'file',
      path: '/etc/lakeshore/keys/lake',
    });
    expect(parseSecretReference('secret://file//run/secrets/lake', opts)).toMatchObject({
      kind: 'file',
      path: '/run/secrets/lake',
    });
    expect(parseSecretReference('secret://keyvault/kv-prod/storage-key', opts)).toEqual({
      kind: 'keyvault',
      text: 'secret://keyvault/kv-prod/storage-key',
      vault: 'kv-prod',
      vaultUrl: 'https://kv-prod.vault.azure.net',
      name: 'storage-key',
    });
  });

  it('takes a vault host with a port, a version, and the cloud suffix for a name', () => {
    expect(
      parseSecretReference(
        'secret://keyvault/127.0.0.1:8443/k/0123456789abcdef0123456789abcdef',
        opts,
      ),
    ).toMatchObject({
      vaultUrl: 'https://127.0.0.1:8443',
      version: '0123456789abcdef0123456789abcdef',
    });
    expect(
      parseSecretReference('secret://keyvault/kv-prod.privatelink.vaultcore.azure.net/k', opts),
    ).toMatchObject({
      vaultUrl: 'https://kv-prod.privatelink.vaultcore.azure.net',
    });
    expect(
      parseSecretReference('secret://keyvault/kv-cn/k', {
        ...opts,
        env: { AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn' },
      }),
    ).toMatchObject({ vaultUrl: 'https://kv-cn.vault.azure.cn' });
    expect(
      parseSecretReference('secret://keyvault/kv/k', {
        ...opts,
        env: { LAKESHORE_KEYVAULT_SUFFIX: 'vault.example' },
      }),
    ).toMatchObject({
      vaultUrl: 'https://kv.vault.example',
    });
  });

  it('refuses malformed ones as InvalidInput naming the reference', () => {
    for (const bad of [
      'secret://env/',
      'secret://env/1X',
      'secret://file/',
      'secret://keyvault/kv/bad_name',
      'secret://keyvault/kv/k/notahexversion',
      'secret://s3/x',
    ]) {
      let error;
      try {
        parseSecretReference(bad, opts);
      } catch (e) {
        error = toLakeError(e);
      }
      expect(error?.code).toBe('InvalidInput');
      expect(error?.message.startsWith(`${bad} is not a usable secret reference: expected `)).toBe(
        true,
      );
    }
  });
});
