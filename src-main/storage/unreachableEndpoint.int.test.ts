import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../platform/freePort.js';
import { emulatorAccount } from '../emulator/azurite.js';
import { toLakeError } from './toLakeError.js';

describe('an endpoint nothing answers at', () => {
  it('is Unreachable naming the URL tried, without its query (a SAS stays out)', async () => {
    const port = await findFreePort();
    const service = new BlobServiceClient(
      `http://127.0.0.1:${port}/${emulatorAccount.name}?sv=2024-08-04&sig=secret`,
      undefined,
      { retryOptions: { maxTries: 1 } },
    );
    const thrown = await service
      .getContainerClient('samples')
      .getProperties()
      .catch((e: unknown) => e);
    const error = toLakeError(thrown);
    expect(error.code).toBe('Unreachable');
    expect(error.message).toBe(
      `Could not reach the storage endpoint at http://127.0.0.1:${port}/${emulatorAccount.name}/samples: check the account name or URL and the network. (ECONNREFUSED)`,
    );
    expect(error.message).not.toContain('secret');
  });

  it('a host name that does not resolve is named', async () => {
    const service = new BlobServiceClient(
      'https://lakeshore-no-such-account.invalid',
      new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
      { retryOptions: { maxTries: 1 } },
    );
    const error = toLakeError(
      await service
        .getContainerClient('samples')
        .getProperties()
        .catch((e: unknown) => e),
    );
    expect(error.code).toBe('Unreachable');
    expect(error.message).toMatch(
      /^Could not reach the storage endpoint at https:\/\/lakeshore-no-such-account\.invalid\/samples: .* \((ENOTFOUND|EAI_AGAIN)\)$/,
    );
  });
});
