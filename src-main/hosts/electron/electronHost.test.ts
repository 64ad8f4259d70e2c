import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, ipcEventChannel } from '../../../shared/contract/index.js';
import { createEventBus } from '../../service/eventBus.js';
import type { LakeService } from '../../service/types.js';

// The real `electron` module cannot load in plain Node: every test here runs against fakes
// that record what the host asked Electron to do.
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  const webContentsHandlers = new Map<string, (...a: unknown[]) => void>();
  const state = {
    handlers,
    webContentsHandlers,
    windowOpenHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    windowOptions: undefined as unknown,
    sent: [] as unknown[][],
    openedExternally: [] as string[],
    permissionRequest: undefined as
      undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: undefined as undefined | (() => boolean),
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      id: 7,
      on: (name: string, fn: (...a: unknown[]) => void) => fake.webContentsHandlers.set(name, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) =>
        (fake.windowOpenHandler = fn),
      send: (...a: unknown[]) => fake.sent.push(a),
    };
    constructor(options: unknown) {
      fake.windowOptions = options;
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    BrowserWindow,
    ipcMain: {
      handle: (name: string, fn: (event: unknown, args: unknown) => unknown) =>
        fake.handlers.set(name, fn),
      removeHandler: (name: string) => fake.handlers.delete(name),
    },
    shell: { openExternal: (url: string) => (fake.openedExternally.push(url), Promise.resolve()) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof fake.permissionRequest) =>
          (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof fake.permissionCheck) => (fake.permissionCheck = fn),
      },
    },
  };
});

const { createMainWindow, denyAllPermissions, mainWindowOptions } = await import('./window.js');
const { bindServiceToIpc } = await import('./ipc.js');
const { contentSecurityPolicy } = await import('../csp.js');

const rendererUrl = 'app://lakeshore/index.html';

beforeEach(() => {
  fake.handlers.clear();
  fake.webContentsHandlers.clear();
  fake.sent.length = 0;
  fake.openedExternally.length = 0;
});

describe('the main window', () => {
  it('is isolated and sandboxed with no Node integration', () => {
    expect(mainWindowOptions('/p/preload.cjs').webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    expect(fake.windowOptions).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true },
    });
  });

  it('blocks navigation away from the renderer', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    const willNavigate = fake.webContentsHandlers.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    willNavigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    willNavigate(reload, `${rendererUrl}#x`);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open and hands only https links to the system browser', () => {
    createMainWindow({ preloadPath: '/p/preload.cjs' });
    for (const url of [
      'https://learn.microsoft.com/x',
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(fake.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual(['https://learn.microsoft.com/x']);
  });

  it('denies every permission request and check', () => {
    denyAllPermissions();
    const answer = vi.fn();
    fake.permissionRequest!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck!()).toBe(false);
  });

  it('uses the same CSP as the renderer HTML', () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy);
  });
});

describe('IPC binding', () => {
  const setup = () => {
    const bus = createEventBus();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const service: LakeService = {
      dispatch,
      subscribe: bus.subscribe,
      inFlight: () => 0,
      dispose: async () => undefined,
    };
    const win = createMainWindow({ preloadPath: '/p/preload.cjs' });
    const unbind = bindServiceToIpc(service, win, 'app://lakeshore/');
    return { bus, dispatch, unbind };
  };
  const mainFrame = { url: rendererUrl, parent: null };
  const trusted = { sender: { id: 7, mainFrame }, senderFrame: mainFrame };

  it('registers exactly the contract calls', () => {
    setup();
    expect([...fake.handlers.keys()].sort()).toEqual([...callNames].sort());
  });

  it('passes a call from the app window to the service', async () => {
    const { dispatch } = setup();
    const result = await fake.handlers.get('paths.list')!(trusted, { connectionId: 'a' });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledWith('paths.list', { connectionId: 'a' });
  });

  it.each([
    ['another WebContents', { sender: { id: 8, mainFrame }, senderFrame: mainFrame }],
    [
      'a subframe',
      { sender: { id: 7, mainFrame }, senderFrame: { url: rendererUrl, parent: mainFrame } },
    ],
    [
      'a page that is not the renderer',
      {
        sender: { id: 7, mainFrame: { url: 'https://evil.example/', parent: null } },
        senderFrame: { url: 'https://evil.example/', parent: null },
      },
    ],
    ['no frame', { sender: { id: 7, mainFrame }, senderFrame: null }],
  ])('refuses a call from %s without calling the service', async (_label, event) => {
    const { dispatch } = setup();
    const result = (await fake.handlers.get('connections.list')!(event, {})) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('PermissionDenied');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards service events on the event channel and unbinds', () => {
    const { bus, unbind } = setup();
    bus.emit('activity', { level: 'info', message: 'm', at: 't' });
    expect(fake.sent).toEqual([
      [ipcEventChannel, { name: 'activity', payload: { level: 'info', message: 'm', at: 't' } }],
    ]);
    unbind();
    expect(fake.handlers.size).toBe(0);
    bus.emit('activity', { level: 'info', message: 'again', at: 't' });
    expect(fake.sent).toHaveLength(1);
  });
});
