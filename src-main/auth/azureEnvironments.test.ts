import { describe, expect, it } from 'vitest';
import { azureEnvironments, environmentFromEnv } from './azureEnvironments.js';

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
