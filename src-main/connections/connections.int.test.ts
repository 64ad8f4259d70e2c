import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  ContainerSASPermissions,
  generateAccountSASQueryParameters,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { toLakeError } from '../storage/toLakeError.js';
import { createConnectionStore } from './connectionStore.js';
import { createConnections, type EmulatorHandle } from './connections.js';

const accountName = 'devstoreaccount1';
const accountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const wrongKey = Buffer.alloc(64, 7).toString('base64');
const sharedKey = new StorageSharedKeyCredential(accountName, accountKey);
// These tests add account credentials only; the emulator connection is covered by the emulator's own tests.
const noEmulator: EmulatorHandle = {
  ensureRunning: () => Promise.reject(new Error('not used here')),
};

let endpoint: string;
let containerName: string;
beforeAll(async () => {
  endpoint = inject('azuriteBlobEndpoint');
  containerName = uniqueContainerName('conn');
  await testBlobService().getContainerClient(containerName).create();
  await testBlobService()
    .getContainerClient(containerName)
    .getBlockBlobClient('hello.txt')
    .upload('hi', 2);
});

const freshConnections = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lake-conn-'));
  return {
    dir,
    connections: createConnections(createConnectionStore(dir, plainFileCipher), noEmulator),
  };
};

const accountSas = (expiresOn: Date) =>
  generateAccountSASQueryParameters(
    {
      expiresOn,
      permissions: AccountSASPermissions.parse('rl'),
      resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
      services: AccountSASServices.parse('b').toString(),
    },
    sharedKey,
  ).toString();

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return toLakeError(e).code;
  }
};

describe('adding connections', () => {
  it('saves an account key connection after probing it, and shows no secret in the summary', async () => {
    const { dir, connections } = freshConnections();
    const summary = await connections.add({
      kind: 'accountKey',
      accountName,
      accountKey,
      blobEndpoint: endpoint,
    });
    expect(summary).toMatchObject({
      kind: 'accountKey',
      accountName,
      blobEndpoint: endpoint,
      scope: { type: 'account' },
    });
    expect(JSON.stringify(await connections.list())).not.toContain(accountKey);
    expect(readFileSync(path.join(dir, 'connections.json'), 'utf8')).not.toContain(accountKey);
    expect(statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const names = (await (await connections.access(summary.id)).listContainers()).map(
      (c) => c.name,
    );
    expect(names).toContain(containerName);
  });

  it('is still there after a restart (a new store on the same folder)', async () => {
    const { dir, connections } = freshConnections();
    const summary = await connections.add({
      kind: 'connectionString',
      name: 'Mine',
      connectionString: inject('azuriteConnectionString'),
    });
    const again = createConnections(createConnectionStore(dir, plainFileCipher), noEmulator);
    expect(await again.list()).toEqual([summary]);
    expect((await (await again.access(summary.id)).listContainers()).map((c) => c.name)).toContain(
      containerName,
    );
  });

  it.each([
    [
      'a wrong key',
      { kind: 'accountKey' as const, accountName, accountKey: wrongKey },
      'AuthFailed',
    ],
    [
      'a malformed connection string',
      { kind: 'connectionString' as const, connectionString: 'AccountName=x;nonsense' },
      'InvalidInput',
    ],
    [
      'an unreachable host',
      {
        kind: 'accountKey' as const,
        accountName,
        accountKey,
        blobEndpoint: 'http://127.0.0.1:1/devstoreaccount1',
      },
      'Unreachable',
    ],
    [
      'a SAS URL without a signature',
      { kind: 'sas' as const, url: 'http://127.0.0.1:1/devstoreaccount1/?sv=2020-01-01' },
      'InvalidInput',
    ],
  ])('refuses %s with %s and saves nothing', async (_label, input, code) => {
    const { connections } = freshConnections();
    const withEndpoint =
      input.kind === 'accountKey' && !('blobEndpoint' in input)
        ? { ...input, blobEndpoint: endpoint }
        : input;
    expect(await codeOf(connections.add(withEndpoint))).toBe(code);
    expect(await connections.list()).toEqual([]);
  });

  it('refuses an expired SAS with AuthFailed and saves nothing', async () => {
    const { connections } = freshConnections();
    const expiry = new Date(Date.now() - 60_000);
    const url = `${endpoint}/?${accountSas(expiry)}`;
    const refused = await connections.add({ kind: 'sas', url }).then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    // The field to highlight and the expiry as data, so the window can write it as a local date.
    expect(refused).toMatchObject({ code: 'AuthFailed', field: 'url' });
    expect(Date.parse(refused!.expiredAt!)).toBe(Math.floor(expiry.getTime() / 1000) * 1000);
    expect(refused!.message).toContain(refused!.expiredAt);
    expect(await connections.list()).toEqual([]);
  });

  it('refuses a SAS whose signature the service rejects', async () => {
    const { connections } = freshConnections();
    const good = accountSas(new Date(Date.now() + 3_600_000));
    const forged = good.replace(/sig=[^&]+/, `sig=${encodeURIComponent(wrongKey)}`);
    expect(await codeOf(connections.add({ kind: 'sas', url: `${endpoint}/?${forged}` }))).toBe(
      'AuthFailed',
    );
  });

  it('names what to check for the credential refused, and its field: the key for a key, the SAS for a SAS', async () => {
    const { connections } = freshConnections();
    const refusal = (input: Parameters<typeof connections.add>[0]) =>
      connections.add(input).then(
        () => undefined,
        (e: unknown) => toLakeError(e),
      );
    const key = await refusal({
      kind: 'accountKey',
      accountName,
      accountKey: wrongKey,
      blobEndpoint: endpoint,
    });
    expect(key).toMatchObject({ code: 'AuthFailed', field: 'accountKey' });
    expect(key!.message).toMatch(/: check the account key\.$/);
    expect(key!.message).not.toContain('SAS');
    const forged = accountSas(new Date(Date.now() + 3_600_000)).replace(
      /sig=[^&]+/,
      `sig=${encodeURIComponent(wrongKey)}`,
    );
    const sas = await refusal({ kind: 'sas', url: `${endpoint}/?${forged}` });
    expect(sas).toMatchObject({ code: 'AuthFailed', field: 'url' });
    expect(sas!.message).toMatch(/: check the SAS: it must not be expired and must allow List\.$/);
    expect(sas!.message.match(/SAS/g)).toHaveLength(1);
    const text = await refusal({
      kind: 'connectionString',
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${accountName};AccountKey=${wrongKey};BlobEndpoint=${endpoint};`,
    });
    expect(text).toMatchObject({ code: 'AuthFailed', field: 'connectionString' });
    expect(text!.message).toMatch(/: check the account key in the connection string\.$/);
    expect(await connections.list()).toEqual([]);
  });

  it('scopes a container SAS to its container', async () => {
    const { connections } = freshConnections();
    const sas = generateBlobSASQueryParameters(
      {
        containerName,
        permissions: ContainerSASPermissions.parse('rl'),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      sharedKey,
    ).toString();
    const summary = await connections.add({
      kind: 'sas',
      url: `${endpoint}/${containerName}?${sas}`,
    });
    expect(summary.scope).toEqual({ type: 'container', container: containerName });
    expect(summary.name).toBe(`${accountName}/${containerName} (SAS)`);
    expect(JSON.stringify(summary)).not.toContain('sig=');
    const access = await connections.access(summary.id);
    expect((await access.listContainers()).map((c) => c.name)).toEqual([containerName]);
    expect(await codeOf(Promise.resolve().then(() => access.container('other')))).toBe(
      'PermissionDenied',
    );
  });

  it('removes a connection and its secret', async () => {
    const { dir, connections } = freshConnections();
    const summary = await connections.add({
      kind: 'accountKey',
      accountName,
      accountKey,
      blobEndpoint: endpoint,
    });
    await connections.remove(summary.id);
    expect(await connections.list()).toEqual([]);
    expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).not.toContain(accountKey);
    expect(await codeOf(connections.access(summary.id))).toBe('NotFound');
    expect(await codeOf(connections.remove(summary.id))).toBe('NotFound');
  });
});
