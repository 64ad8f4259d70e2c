import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  startLostAnswerWorld,
  type LostAnswerWorld,
} from '../../../test/support/lostAnswerWorld.js';
import { openAccount, type AccountAccess } from '../accountAccess.js';
import { toLakeError } from '../toLakeError.js';

// The lost-answer rules confirm only the write's own effect: a retry that meets something else
// keeps the service's error. Each case loses the first answer of one write (the service applied
// it, or refused it) and looks at what the caller gets.
let world: LostAnswerWorld;
let access: AccountAccess;
let losesNext: (method: string, query?: string) => void;
beforeAll(async () => {
  let want: { method: string; query?: string } | undefined;
  world = await startLostAnswerWorld('flat', (req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams.get('comp') ?? undefined;
    return !!want && req.method === want.method && q === want.query;
  });
  losesNext = (method, query) => {
    want = query === undefined ? { method } : { method, query };
    world.arm();
  };
  const endpoint = new URL(inject('azuriteBlobEndpoint'));
  access = openAccount({
    kind: 'connectionString',
    connectionString: inject('azuriteConnectionString').replace(
      /BlobEndpoint=[^;]+/,
      `BlobEndpoint=${world.proxy.url}${endpoint.pathname}`,
    ),
  });
});
afterAll(() => world.close());

const md5 = (s: string) => createHash('md5').update(s).digest();
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => toLakeError(e).azureCode ?? toLakeError(e).code,
  );

describe('a write retried after its answer was lost', () => {
  it('Put Blob with If-None-Match: * succeeds when the blob is its own, stays a conflict when not', async () => {
    const c = await world.newContainer('lost-put');
    const via = access.container(c.containerName);
    losesNext('PUT');
    const mine = via.getBlockBlobClient('mine.txt').upload('mine', 4, {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentMD5: md5('mine') },
    });
    expect(await codeOf(mine)).toBe('ok');
    expect(world.armed()).toBe(false);
    await c.getBlockBlobClient('theirs.txt').upload('theirs', 6);
    losesNext('PUT');
    const theirs = via.getBlockBlobClient('theirs.txt').upload('mine', 4, {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentMD5: md5('mine') },
    });
    expect(await codeOf(theirs)).toBe('BlobAlreadyExists');
    expect((await c.getBlobClient('theirs.txt').downloadToBuffer()).toString()).toBe('theirs');
  });

  it('Put Block List with If-None-Match: * succeeds for its own commit, stays a conflict for another list', async () => {
    const c = await world.newContainer('lost-commit');
    const via = access.container(c.containerName).getBlockBlobClient('b.bin');
    const id = (n: number) => Buffer.from(`block-${n}`).toString('base64');
    await via.stageBlock(id(0), 'aaaa', 4);
    await via.stageBlock(id(1), 'bbbb', 4);
    losesNext('PUT', 'blocklist');
    expect(
      await codeOf(via.commitBlockList([id(0), id(1)], { conditions: { ifNoneMatch: '*' } })),
    ).toBe('ok');
    expect((await c.getBlobClient('b.bin').downloadToBuffer()).toString()).toBe('aaaabbbb');
    const other = access.container(c.containerName).getBlockBlobClient('o.bin');
    await c.getBlockBlobClient('o.bin').upload('x', 1);
    await other.stageBlock(id(0), 'aaaa', 4);
    losesNext('PUT', 'blocklist');
    expect(await codeOf(other.commitBlockList([id(0)], { conditions: { ifNoneMatch: '*' } }))).toBe(
      'BlobAlreadyExists',
    );
    expect((await c.getBlobClient('o.bin').downloadToBuffer()).toString()).toBe('x');
  });

  it('Create Container succeeds for its own container, stays a conflict for an older one', async () => {
    const old = await world.newContainer('lost-old');
    await new Promise((r) => setTimeout(r, 3_500));
    losesNext('PUT');
    expect(await codeOf(access.container(old.containerName).create())).toBe(
      'ContainerAlreadyExists',
    );
    const fresh = `${old.containerName}-new`;
    losesNext('PUT');
    expect(await codeOf(access.container(fresh).create())).toBe('ok');
    expect(await world.direct.getContainerClient(fresh).exists()).toBe(true);
  });

  it('Delete Blob succeeds when the blob is gone, and a write with no lost answer keeps its error', async () => {
    const c = await world.newContainer('lost-del');
    await c.getBlockBlobClient('d.txt').upload('d', 1);
    losesNext('DELETE');
    expect(await codeOf(access.container(c.containerName).getBlobClient('d.txt').delete())).toBe(
      'ok',
    );
    expect(await c.getBlobClient('d.txt').exists()).toBe(false);
    expect(await codeOf(access.container(c.containerName).getBlobClient('d.txt').delete())).toBe(
      'BlobNotFound',
    );
  });
});
