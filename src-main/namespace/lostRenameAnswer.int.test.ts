import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newOperationId,
  startLostAnswerWorld,
  type LostAnswerWorld,
} from '../../test/support/lostAnswerWorld.js';

// An HNS rename that took effect but whose answer was lost is retried; the retry answers 404
// SourcePathNotFound although the path was moved. Found by the reliability fault suite; the
// storage layer's lost-answer rules confirm it.
let world: LostAnswerWorld;
beforeAll(async () => {
  world = await startLostAnswerWorld(
    'hns',
    (req) => req.method === 'PUT' && req.headers['x-ms-rename-source'] !== undefined,
  );
});
afterAll(() => world.close());

describe('an HNS rename whose answer was lost', () => {
  it.each(['file', 'directory'] as const)('reports the %s moved, not NotFound', async (kind) => {
    const container = await world.newContainer(`lost-rename-${kind}`);
    await container.getBlockBlobClient('a/src/x.txt').upload('moved bytes', 11);
    const from = kind === 'file' ? 'a/src/x.txt' : 'a/src';
    world.arm();
    const result = await world.service.dispatch('paths.rename', {
      connectionId: world.connection.id,
      container: container.containerName,
      source: { path: from, kind },
      destination: 'a/dst',
      operationId: newOperationId(),
    });
    expect(world.armed()).toBe(false);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    const moved = kind === 'file' ? 'a/dst' : 'a/dst/x.txt';
    expect((await container.getBlobClient(moved).downloadToBuffer()).toString()).toBe(
      'moved bytes',
    );
    expect(await container.getBlobClient('a/src/x.txt').exists()).toBe(false);
  });

  it('still says NotFound when the source is really gone', async () => {
    const container = await world.newContainer('lost-rename-gone');
    const result = await world.service.dispatch('paths.rename', {
      connectionId: world.connection.id,
      container: container.containerName,
      source: { path: 'nothing.txt', kind: 'file' },
      destination: 'dst.txt',
      operationId: newOperationId(),
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('NotFound');
  });
});
