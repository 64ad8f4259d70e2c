import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';
import { createContainer } from './containerOps.js';
import type { NamespaceTarget } from './namespaceTarget.js';
import { createOperationRunner } from './operationRunner.js';
import { pasteCopy, refuseNamesInTheWay, type PastePolicy } from './pasteCopy.js';

describe('a paste onto names that exist (flat, Azurite)', () => {
  let target: NamespaceTarget & { directory: string };
  let blobs: ContainerClient;
  const names = async () => {
    const list: string[] = [];
    for await (const b of blobs.listBlobsFlat()) list.push(b.name);
    return list.sort();
  };
  const text = async (name: string) =>
    (await blobs.getBlobClient(name).downloadToBuffer()).toString();
  const paste = (existing: PastePolicy, into = 'in') =>
    createOperationRunner(() => undefined, 0).run(
      `op-${Math.random().toString(36).slice(2, 12)}`,
      'copy',
      't',
      (c) =>
        pasteCopy(
          target,
          [
            { path: 'src/a.csv', kind: 'file' },
            { path: 'src/dir', kind: 'directory' },
          ],
          { ...target, directory: into },
          c,
          { keepAcls: false, existing },
        ),
    );

  beforeAll(async () => {
    const connectionString = inject('azuriteConnectionString');
    const access = openAccount({ kind: 'connectionString', connectionString });
    const container = uniqueContainerName('paste');
    await createContainer(access, container);
    target = { access, container, namespace: 'flat', directory: 'in' };
    blobs = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
    for (const [name, body] of [
      ['src/a.csv', 'new a'],
      ['src/dir/b.csv', 'new b'],
      ['in/a.csv', 'old a'],
      ['in/dir/b.csv', 'old b'],
    ])
      await blobs.getBlockBlobClient(name!).upload(body!, body!.length);
  });
  afterAll(async () => {
    await blobs.deleteIfExists();
  });

  it('refuses before copying anything, naming what exists', async () => {
    const refused = await refuseNamesInTheWay(
      [
        { path: 'src/a.csv', kind: 'file' },
        { path: 'src/dir', kind: 'directory' },
      ],
      target,
    ).catch((e: unknown) => toLakeError(e));
    expect(refused).toMatchObject({
      code: 'AlreadyExists',
      message: `“a.csv”, “dir” already exist in ${target.container}/in.`,
    });
    await expect(
      refuseNamesInTheWay([{ path: 'src/a.csv', kind: 'file' }], { ...target, directory: 'x' }),
    ).resolves.toBeUndefined();
    const atRoot = await refuseNamesInTheWay([{ path: 'src', kind: 'directory' }], {
      ...target,
      directory: '',
    }).catch((e: unknown) => toLakeError(e));
    expect(atRoot).toMatchObject({ message: `“src” already exists in ${target.container}.` });
  });

  it('Keep both copies each item under the first free name; Skip keeps; Replace replaces', async () => {
    expect(await paste('rename')).toMatchObject({ copied: 2 });
    expect(await names()).toEqual([
      'in/a (1).csv',
      'in/a.csv',
      'in/dir (1)/b.csv',
      'in/dir/b.csv',
      'src/a.csv',
      'src/dir/b.csv',
    ]);
    expect(await text('in/a (1).csv')).toBe('new a');
    expect(await text('in/a.csv')).toBe('old a');
    expect(await paste('skip')).toMatchObject({ copied: 0, skipped: 2 });
    expect(await text('in/dir/b.csv')).toBe('old b');
    expect(await paste('overwrite')).toMatchObject({ copied: 2 });
    expect(await text('in/a.csv')).toBe('new a');
    expect(await text('in/dir/b.csv')).toBe('new b');
  });
});
