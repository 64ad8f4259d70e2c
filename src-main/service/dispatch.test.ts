import { describe, expect, it, vi } from 'vitest';
import { LakeFailure } from '../storage/toLakeError.js';
import { callNames } from '../../shared/contract/index.js';
import { dispatchCall, type Handlers } from './dispatch.js';

const notCalled = async (): Promise<never> => {
  throw new Error('not called in these tests');
};

/** Every call throws unless a test below gives it a body. */
const handlers = (): Handlers => ({
  ...(Object.fromEntries(callNames.map((name) => [name, vi.fn(notCalled)])) as unknown as Handlers),
  'app.info': vi.fn(async () => ({
    version: '1',
    mode: 'browser' as const,
    secretStorage: 'file-0600' as const,
    dataDir: '/d',
    logDir: '/d/logs',
    downloadDirectory: '/dl',
    canOpenFiles: false,
    canPickFolders: false,
    canDragOut: false,
    canShowInFolder: false,
  })),
  'connections.list': vi.fn(async () => []),
  'connections.add': vi.fn(async () => {
    throw new LakeFailure({ code: 'AuthFailed', message: 'bad key' });
  }),
  'connections.remove': vi.fn(async () => null),
  'containers.list': vi.fn(async () => []),
  'paths.list': vi.fn(async () => ({ entries: [] })),
  'paths.detectTable': vi.fn(async () => ({ format: 'none' as const })),
  'paths.cancelPreview': vi.fn(async () => null),
  'paths.openWithDefaultApp': vi.fn(async () => ({ jobId: 'j' })),
  'transfers.list': vi.fn(async () => []),
  'transfers.enqueueUpload': vi.fn(async () => ({ jobIds: [] })),
  'transfers.enqueueStagedUpload': vi.fn(async () => ({ jobIds: [] })),
  'transfers.enqueueDownload': vi.fn(async () => ({ jobIds: [] })),
  'transfers.pause': vi.fn(async () => null),
  'transfers.resume': vi.fn(async () => null),
  'transfers.cancel': vi.fn(async () => null),
  'transfers.retry': vi.fn(async () => null),
  'transfers.showInFolder': vi.fn(async () => null),
  'transfers.clearFinished': vi.fn(async () => null),
  'transfers.resolveConflict': vi.fn(async () => null),
});

describe('dispatchCall', () => {
  it('runs a valid call and wraps its value', async () => {
    const h = handlers();
    expect(
      await dispatchCall(h, 'paths.list', {
        connectionId: 'abc',
        container: 'samples',
        directory: 'raw/sales',
      }),
    ).toEqual({
      ok: true,
      value: { entries: [] },
    });
    expect(h['paths.list']).toHaveBeenCalledWith({
      connectionId: 'abc',
      container: 'samples',
      directory: 'raw/sales',
    });
  });

  it.each([
    ['unknown call', 'fs.readFile', {}, /Unknown call/],
    ['prototype key', '__proto__', {}, /Unknown call/],
    [
      'bad container name',
      'paths.list',
      { connectionId: 'a', container: 'Bad_Name', directory: '' },
      /container/,
    ],
    [
      'traversal-looking directory',
      'paths.list',
      { connectionId: 'a', container: 'abc', directory: '/etc' },
      /directory/,
    ],
    [
      'NUL in path',
      'paths.list',
      { connectionId: 'a', container: 'abc', directory: 'a\0b' },
      /NUL/,
    ],
    [
      'too long path',
      'paths.list',
      { connectionId: 'a', container: 'abc', directory: 'x'.repeat(1025) },
      /directory/,
    ],
    [
      'page too large',
      'paths.list',
      { connectionId: 'a', container: 'abc', directory: '', pageSize: 5001 },
      /pageSize/,
    ],
    ['extra field', 'containers.list', { connectionId: 'a', extra: 1 }, /^Not accepted: /],
    [
      'NUL in a preview path',
      'paths.preview',
      { connectionId: 'a', container: 'abc', path: 'x\0.csv' },
      /NUL/,
    ],
    [
      'a 1,025-char preview path',
      'paths.preview',
      { connectionId: 'a', container: 'abc', path: 'p'.repeat(1025) },
      /path/,
    ],
    [
      'too many preview rows',
      'paths.preview',
      { connectionId: 'a', container: 'abc', path: 'a.csv', maxRows: 1001 },
      /maxRows/,
    ],
    ['unknown credential kind', 'connections.add', { kind: 'token' }, /kind/],
    [
      'account name',
      'connections.add',
      { kind: 'accountKey', accountName: 'UPPER', accountKey: 'k' },
      /accountName/,
    ],
    ['not a SAS url', 'connections.add', { kind: 'sas', url: 'file:///etc/passwd' }, /url/],
  ])('answers %s with InvalidInput and calls nothing', async (_label, name, args, message) => {
    const h = handlers();
    const result = await dispatchCall(h, name, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidInput');
      expect(result.error.message).toMatch(message);
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it("names the field, not the call: the call's name is internal", async () => {
    const result = await dispatchCall(handlers(), 'connections.add', { kind: 'sas', url: 'nope' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^Not accepted: url: .*\.$/);
      expect(result.error.message).not.toContain('connections.add');
      // The window highlights the field it names.
      expect(result.error.field).toBe('url');
    }
  });

  it('turns a thrown failure into an error envelope', async () => {
    const result = await dispatchCall(handlers(), 'connections.add', {
      kind: 'accountKey',
      accountName: 'acct',
      accountKey: 'k',
    });
    expect(result).toEqual({ ok: false, error: { code: 'AuthFailed', message: 'bad key' } });
  });
});
