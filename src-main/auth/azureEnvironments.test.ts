import { describe, expect, it } from 'vitest';
import {
  azureEnvironments,
  clientIdOf,
  defaultClientId,
  environmentFromEnv,
} from './azureEnvironments.js';

describe('environmentFromEnv', () => {
  it('is public Azure when nothing is set', () => {
    expect(environmentFromEnv({})).toEqual(azureEnvironments.public);
  });

  it("names a known cloud by its authority host, as @azure/identity's AZURE_AUTHORITY_HOST does", () => {
    expect(environmentFromEnv({ AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn/' })).toEqual(
      azureEnvironments.china,
    );
  });

  it('is a custom cloud for another host, with LAKESHORE_ARM_ENDPOINT and LAKESHORE_STORAGE_SUFFIX', () => {
    expect(
      environmentFromEnv({
        AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443/',
        LAKESHORE_ARM_ENDPOINT: 'https://127.0.0.1:9443/',
        LAKESHORE_STORAGE_SUFFIX: 'storage.test',
      }),
    ).toEqual({
      id: 'custom',
      name: 'Custom cloud',
      authorityHost: 'https://127.0.0.1:8443',
      armEndpoint: 'https://127.0.0.1:9443',
      storageSuffix: 'storage.test',
    });
  });
});

describe('clientIdOf', () => {
  const saved = '11111111-2222-4333-8444-555555555555';
  it("is LAKESHORE_CLIENT_ID when set, over the setting; the setting's next; else the Azure CLI's", () => {
    const env = 'e2e00000-0000-4000-8000-000000000001';
    expect(clientIdOf({ LAKESHORE_CLIENT_ID: env }, saved)).toBe(env);
    expect(clientIdOf({}, saved)).toBe(saved);
    expect(clientIdOf({ LAKESHORE_CLIENT_ID: '' }, undefined)).toBe(defaultClientId);
    expect(defaultClientId).toBe('04b07795-8ddb-461a-bbee-02f9e1bf7b46');
  });
});
