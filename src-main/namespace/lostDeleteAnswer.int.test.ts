import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLostAnswerWorld, type LostAnswerWorld } from '../../test/support/lostAnswerWorld.js';

// An HNS Delete Path that took effect but whose answer was lost is retried; the retry answers
// 404 PathNotFound although the delete did what was asked. Found by the reliability fault suite
// ("hns delete folder … failed with NotFound"); the storage layer's lost-answer rules confirm it.
let world: LostAnswerWorld;
beforeAll(async () => {
  world = await startLostAnswerWorld('hns', (req) => req.method === 'DELETE');
});
afterAll(() => world.close());

describe('an HNS delete whose answer was lost', () => {
  it.each(['file', 'directory'] as const)('completes for a %s, leaving it gone', async (kind) => {
    const container = await world.newContainer(`lost-delete-${kind}`);
    await container.getBlockBlobClient('a/src/x.txt').upload('bytes', 5);
    await container.getBlockBlobClient('a/keep.txt').upload('keep', 4);
    world.arm();
    const result = await world.service.dispatch('paths.delete', {
      connectionId: world.connection.id,
      container: container.containerName,
      paths: [{ path: kind === 'file' ? 'a/src/x.txt' : 'a/src', kind }],
      operationId: `op-lost-delete-${kind}`,
    });
    expect(world.armed()).toBe(false);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    // Counted as deleted: the retry's 404 was confirmed as this delete's own effect.
    expect(result.ok && result.value).toEqual({ deleted: 1, bytes: 0 });
    expect(await container.getBlobClient('a/src/x.txt').exists()).toBe(false);
    expect((await container.getBlobClient('a/keep.txt').downloadToBuffer()).toString()).toBe(
      'keep',
    );
  });
});
