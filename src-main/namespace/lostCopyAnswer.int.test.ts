import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/index.js';
import {
  newOperationId,
  startLostAnswerWorld,
  type LostAnswerWorld,
} from '../../test/support/lostAnswerWorld.js';

// A Copy Blob that took effect but whose answer was lost is retried; the retry's
// If-None-Match: * then answers 409 BlobAlreadyExists. Found by the reliability fault suite;
// the storage layer's lost-answer rules confirm the copy found as this one's.
let world: LostAnswerWorld;
beforeAll(async () => {
  world = await startLostAnswerWorld(
    'flat',
    (req) => req.method === 'PUT' && req.headers['x-ms-copy-source'] !== undefined,
  );
});
afterAll(() => world.close());

const ok = (r: Result<unknown>) => expect(r.ok ? 'ok' : r.error).toBe('ok');
const copyInto = (container: string, directory: string) =>
  world.service.dispatch('paths.copy', {
    source: {
      connectionId: world.connection.id,
      container,
      paths: [{ path: 'a/one.txt', kind: 'file' }],
    },
    destination: { connectionId: world.connection.id, container, directory },
    operationId: newOperationId(),
  });

describe('a Copy Blob whose answer was lost', () => {
  it('still moves a file on a flat account: the copy found is verified, then the source deleted', async () => {
    const container = await world.newContainer('lost-copy-mv');
    await container.getBlockBlobClient('a/src.txt').upload('moved bytes', 11);
    world.arm();
    ok(
      await world.service.dispatch('paths.rename', {
        connectionId: world.connection.id,
        container: container.containerName,
        source: { path: 'a/src.txt', kind: 'file' },
        destination: 'a/dst.txt',
        operationId: newOperationId(),
      }),
    );
    expect(world.armed()).toBe(false);
    expect((await container.getBlobClient('a/dst.txt').downloadToBuffer()).toString()).toBe(
      'moved bytes',
    );
    expect(await container.getBlobClient('a/src.txt').exists()).toBe(false);
  });

  it('still copies without replacing, and a blob that was there before stays a conflict', async () => {
    const container = await world.newContainer('lost-copy-cp');
    await container.getBlockBlobClient('a/one.txt').upload('one', 3);
    world.arm();
    ok(await copyInto(container.containerName, 'b'));
    expect(world.armed()).toBe(false);
    expect((await container.getBlobClient('b/one.txt').downloadToBuffer()).toString()).toBe('one');
    await container.getBlockBlobClient('c/one.txt').upload('not a copy', 10);
    const refused = await copyInto(container.containerName, 'c');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('AlreadyExists');
    expect((await container.getBlobClient('c/one.txt').downloadToBuffer()).toString()).toBe(
      'not a copy',
    );
  });
});
