import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../shared/contract/index.js';
import type { ServiceOptions } from '../../service/createService.js';
import type { LakeService } from '../../service/types.js';

// Runs the Electron entry against a fake `electron` (the real one cannot load in plain Node)
// and a fake service, and checks the order of startup and quit.
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    appHandlers: new Map<string, (...a: unknown[]) => void>(),
    ipcHandlers: new Map<string, () => unknown>(),
    hasLock: true,
    isPackaged: false,
    encryptionAvailable: true,
    windowOptions: undefined as BrowserWindowConstructorOptions | undefined,
    loaded: undefined as string | undefined,
    schemes: [] as unknown[],
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response> | Response),
    fetched: [] as string[],
    forked: [] as unknown[][],
    menu: [] as MenuItemConstructorOptions[],
    openedExternally: [] as string[],
    shownInFolder: [] as string[],
    /** What settings.get answers, and the settings.update calls made. */
    settings: null as unknown,
    updates: [] as unknown[],
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    window: undefined as
      undefined | { handlers: Map<string, () => void>; maximized: boolean; bounds: unknown },
    serviceOptions: undefined as ServiceOptions | undefined,
    drags: [] as unknown[],
    finishDispose: undefined as undefined | (() => void),
    reset() {
      state.log = [];
      state.appHandlers.clear();
      state.ipcHandlers.clear();
      state.hasLock = true;
      state.isPackaged = false;
      state.encryptionAvailable = true;
      state.menu = [];
      state.openedExternally = [];
      state.shownInFolder = [];
      state.settings = null;
      state.updates = [];
      state.window = undefined;
      state.serviceOptions = undefined;
      state.drags = [];
      state.schemes = [];
      state.protocolHandler = undefined;
      state.fetched = [];
      state.forked = [];
    },
  };
  return state;
});

vi.mock('electron', () => {
  const webContents = {
    id: 1,
    on() {},
    setWindowOpenHandler() {},
    send() {},
    isDestroyed: () => false,
    startDrag: (item: unknown) => fake.drags.push(item),
  };
  class BrowserWindow {
    webContents = webContents;
    handlers = new Map<string, () => void>();
    maximized = false;
    bounds: unknown;
    constructor(options: BrowserWindowConstructorOptions) {
      fake.windowOptions = options;
      const { x, y, width, height } = options;
      this.bounds = { x, y, width, height };
      fake.window = this;
    }
    once(name: string, fn: () => void) {
      this.handlers.set(name, fn);
    }
    on(name: string, fn: () => void) {
      this.handlers.set(name, fn);
    }
    show() {}
    maximize() {
      this.maximized = true;
    }
    isMaximized = () => this.maximized;
    getNormalBounds = () => this.bounds;
    loadURL(url: string) {
      fake.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
  }
  return {
    app: {
      get isPackaged() {
        return fake.isPackaged;
      },
      setPath: (name: string, value: string) => fake.log.push(`setPath ${name} ${value}`),
      getPath: () => '/home/u/.config/Lakeshore',
      getVersion: () => '9.8.7',
      requestSingleInstanceLock: () => (fake.log.push('lock'), fake.hasLock),
      whenReady: () => (fake.log.push('whenReady'), Promise.resolve()),
      on: (name: string, fn: (...a: unknown[]) => void) => fake.appHandlers.set(name, fn),
      quit: () => fake.log.push('quit'),
    },
    BrowserWindow,
    ipcMain: {
      handle: (name: string, fn: () => unknown) => fake.ipcHandlers.set(name, fn),
      removeHandler: (name: string) => fake.ipcHandlers.delete(name),
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: MenuItemConstructorOptions[]) => (fake.menu = m),
    },
    shell: {
      openExternal: async (url: string) => void fake.openedExternally.push(url),
      showItemInFolder: (file: string) => void fake.shownInFolder.push(file),
    },
    nativeImage: {
      createFromPath: (p: string) => ({ isEmpty: () => false, resize: () => ({ icon: p }) }),
    },
    screen: { getAllDisplays: () => fake.displays },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        fake.log.push('registerSchemes');
        fake.schemes = schemes;
      },
      handle: (scheme: string, fn: typeof fake.protocolHandler) => {
        fake.log.push(`handle ${scheme}`);
        fake.protocolHandler = fn;
      },
    },
    net: {
      fetch: async (url: string) => (fake.fetched.push(url), new Response('file')),
    },
    utilityProcess: {
      fork: (...a: unknown[]) => {
        fake.forked.push(a);
        return { pid: 42, stdout: null, stderr: null, once() {}, kill: () => true };
      },
    },
    session: {
      defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} },
    },
    safeStorage: {
      isEncryptionAvailable: () => fake.encryptionAvailable,
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(4),
    },
  };
});

vi.mock('../../service/createService.js', () => ({
  createService: (options: ServiceOptions): LakeService => {
    fake.serviceOptions = options;
    fake.log.push('createService');
    return {
      dispatch: async (name: string, args: unknown) => {
        if (name === 'settings.update') fake.updates.push(args);
        return { ok: true, value: name === 'settings.get' ? fake.settings : null };
      },
      subscribe: () => () => undefined,
      inFlight: () => 0,
      dispose: () => {
        fake.log.push('dispose');
        return new Promise<void>((resolve) => (fake.finishDispose = resolve));
      },
    };
  },
}));

const runMain = async () => {
  vi.resetModules();
  await import('./main.js');
  // Let `whenReady().then(start)` run.
  await new Promise((r) => setTimeout(r, 0));
};

beforeEach(() => {
  fake.reset();
  vi.stubEnv('LAKESHORE_DATA_DIR', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('the Electron entry', () => {
  it('starts the service in electron mode with the OS cipher and binds every call', async () => {
    await runMain();
    expect(fake.log).toEqual([
      'registerSchemes',
      'lock',
      'whenReady',
      'createService',
      'handle app',
    ]);
    expect(fake.serviceOptions).toMatchObject({
      dataDir: '/home/u/.config/Lakeshore',
      mode: 'electron',
      version: '9.8.7',
    });
    const cipher = fake.serviceOptions!.cipher;
    expect(cipher.kind).toBe('os-encryption');
    expect(cipher.seal('key')).toBe(Buffer.from('enc:key').toString('base64'));
    expect(cipher.open(cipher.seal('key'))).toBe('key');
    expect(fake.windowOptions?.webPreferences?.preload).toBe(path.join(__dirname, 'preload.cjs'));
    expect(fake.loaded).toBe('app://lakeshore/index.html');
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...callNames].sort());
  });

  it('serves the renderer on app://lakeshore/ from its folder only, registered as a secure standard scheme before ready', async () => {
    await runMain();
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = (url: string) => Promise.resolve(fake.protocolHandler!(new Request(url)));
    expect(await (await serve('app://lakeshore/assets/app.js')).text()).toBe('file');
    expect(fake.fetched).toEqual([
      pathToFileURL(path.join(__dirname, '../renderer/assets/app.js')).href,
    ]);
    for (const url of [
      'app://lakeshore/..%2f..%2fmain/electron-main.cjs',
      'app://other/index.html',
    ]) {
      expect((await serve(url)).status, url).toBe(404);
    }
    expect(fake.fetched).toHaveLength(1);
  });

  it("starts the emulator's Azurite in a utility process (the binary cannot run as Node: RunAsNode is fused off)", async () => {
    await runMain();
    const child = fake.serviceOptions!.runNodeScript!('/app/azurite/main.js', ['--silent'], {
      A: '1',
    });
    expect(fake.forked).toEqual([
      [
        '/app/azurite/main.js',
        ['--silent'],
        { env: { A: '1' }, stdio: 'pipe', serviceName: 'Lakeshore emulator' },
      ],
    ]);
    expect([child.pid, child.exitCode]).toEqual([42, null]);
  });

  it("gives the service a startDrag that drags files out of the window with the app's icon", async () => {
    await runMain();
    fake.serviceOptions!.startDrag!(['/d/1/a.csv']);
    expect(fake.drags).toEqual([
      {
        file: '/d/1/a.csv',
        files: ['/d/1/a.csv'],
        icon: { icon: path.join(__dirname, '..', '..', 'assets', 'icon.png') },
      },
    ]);
  });

  it("gives the service Electron's showItemInFolder for a finished download's Show in folder", async () => {
    await runMain();
    fake.serviceOptions!.showItemInFolder!('/d/Downloads/hello.txt');
    expect(fake.shownInFolder).toEqual(['/d/Downloads/hello.txt']);
  });

  it('opens the window where it was when it last closed, and saves where it is on close and quit', async () => {
    fake.settings = { window: { x: 300, y: 50, width: 1400, height: 900, maximized: true } };
    await runMain();
    expect(fake.windowOptions).toMatchObject({ x: 300, y: 50, width: 1400, height: 900 });
    fake.window!.handlers.get('ready-to-show')!();
    expect(fake.window!.maximized).toBe(true);

    fake.window!.bounds = { x: 10, y: 20, width: 1000, height: 700 };
    fake.window!.handlers.get('close')!();
    fake.appHandlers.get('before-quit')!({ preventDefault: () => undefined });
    await new Promise((r) => setTimeout(r, 0));
    const placement = { window: { x: 10, y: 20, width: 1000, height: 700, maximized: true } };
    expect(fake.updates).toEqual([placement, placement]);
  });

  it('keeps only the size of a window saved on a screen that is gone, and the defaults without one', async () => {
    fake.settings = { window: { x: 2500, y: 50, width: 2400, height: 900, maximized: false } };
    await runMain();
    expect(fake.windowOptions).toMatchObject({ width: 1920, height: 900 });
    expect(fake.windowOptions?.x).toBeUndefined();

    fake.reset();
    await runMain();
    expect(fake.windowOptions).toMatchObject({ width: 1280, height: 820 });
  });

  it('moves userData to LAKESHORE_DATA_DIR before taking the single-instance lock', async () => {
    vi.stubEnv('LAKESHORE_DATA_DIR', 'rel/data');
    await runMain();
    expect(fake.log.slice(0, 3)).toEqual([
      `setPath userData ${path.resolve('rel/data')}`,
      'registerSchemes',
      'lock',
    ]);
  });

  it('quits at once, without a service, when another instance holds the lock', async () => {
    fake.hasLock = false;
    await runMain();
    expect(fake.log).toEqual(['registerSchemes', 'lock', 'quit']);
  });

  it('falls back to the 0600 file cipher with a warning when safeStorage is unavailable', async () => {
    fake.encryptionAvailable = false;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runMain();
    expect(fake.serviceOptions?.cipher.kind).toBe('file-0600');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not available'));
    warn.mockRestore();
  });

  it('holds the first quit until the service is disposed, then quits', async () => {
    await runMain();
    const beforeQuit = fake.appHandlers.get('before-quit')!;
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    expect(fake.ipcHandlers.size).toBe(0);
    // The window's placement is saved first, then the service stops.
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.updates).toHaveLength(1);
    expect(fake.log.at(-1)).toBe('dispose');
    fake.finishDispose!();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.log.at(-1)).toBe('quit');
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(fake.log.filter((l) => l === 'dispose')).toHaveLength(1);
  });

  it('installs File › Quit, View › Reload (+ DevTools unpackaged) and Help › docs', async () => {
    await runMain();
    const [file, view, help] = fake.menu;
    expect(fake.menu.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
    expect(file?.submenu).toEqual([{ role: 'quit' }]);
    expect(view?.submenu).toEqual([{ role: 'reload' }, { role: 'toggleDevTools' }]);
    const docs = (help?.submenu as MenuItemConstructorOptions[])[0]!;
    expect(docs.label).toBe('Azure Storage documentation');
    docs.click!(undefined as never, undefined, undefined as never);
    expect(fake.openedExternally).toEqual(['https://learn.microsoft.com/azure/storage/']);

    fake.reset();
    fake.isPackaged = true;
    await runMain();
    expect(fake.menu[1]?.submenu).toEqual([{ role: 'reload' }]);
  });
});
