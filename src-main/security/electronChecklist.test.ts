// Electron's security checklist, one test per item, against the real window, IPC and preload
// code (https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations).
// The `electron` module cannot load in plain Node: it is replaced by a fake that records what
// the code asked Electron to do.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FusesHook from '../../scripts/electronFuses.mjs';
import { callNames } from '../../shared/contract/index.js';
import { createEventBus } from '../service/eventBus.js';
import type { LakeService } from '../service/types.js';

const fake = vi.hoisted(() => ({
  windowOptions: undefined as unknown,
  webContents: new Map<string, (...a: unknown[]) => void>(),
  windowOpenHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
  openedExternally: [] as string[],
  handlers: new Map<string, (event: unknown, args: unknown) => unknown>(),
  permissionRequest: undefined as
    undefined | ((wc: unknown, permission: string, answer: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
  exposed: new Map<string, unknown>(),
  loaded: [] as string[],
  schemes: [] as unknown[],
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response> | Response),
  fetched: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      id: 7,
      on: (name: string, fn: (...a: unknown[]) => void) => fake.webContents.set(name, fn),
      setWindowOpenHandler: (fn: typeof fake.windowOpenHandler) => (fake.windowOpenHandler = fn),
      send: () => undefined,
    };
    constructor(options: unknown) {
      fake.windowOptions = options;
    }
    once() {}
    loadFile(file: string) {
      fake.loaded.push(`loadFile ${file}`);
      return Promise.resolve();
    }
    loadURL(url: string) {
      fake.loaded.push(url);
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
    ipcRenderer: {
      invoke: () => Promise.resolve(),
      on: () => undefined,
      removeListener: () => undefined,
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
    },
    webUtils: { getPathForFile: () => '' },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => (fake.schemes = schemes),
      handle: (_scheme: string, fn: typeof fake.protocolHandler) => (fake.protocolHandler = fn),
    },
    net: { fetch: async (url: string) => (fake.fetched.push(url), new Response('file')) },
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

const { createMainWindow, denyAllPermissions, mainWindowOptions } =
  await import('../hosts/electron/window.js');
const { bindServiceToIpc } = await import('../hosts/electron/ipc.js');
const { contentSecurityPolicy } = await import('../hosts/csp.js');
const { registerAppScheme, serveRenderer } = await import('../hosts/electron/protocol.js');

const rendererUrl = 'app://lakeshore/index.html';
const webPreferences = () => {
  createMainWindow({ preloadPath: '/app/dist/main/preload.cjs' });
  return (fake.windowOptions as { webPreferences: Record<string, unknown> }).webPreferences;
};

/** The CSP's directives: name → sources. */
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );

beforeEach(() => {
  fake.webContents.clear();
  fake.openedExternally.length = 0;
  fake.handlers.clear();
});

describe("Electron's security checklist", () => {
  it('#1 only loads secure content: the renderer comes from its own files and the CSP names no remote origin', () => {
    fake.loaded.length = 0;
    webPreferences();
    expect(fake.loaded).toEqual([rendererUrl]);
    // 'self', 'none', data:/blob: images and the browser mode's loopback socket only.
    const remote = [...directives(contentSecurityPolicy)].flatMap(([name, sources]) =>
      sources
        .filter(
          (s) => !/^'(self|none|unsafe-inline)'$|^(data|blob):$|^ws:\/\/127\.0\.0\.1:\*$/.test(s),
        )
        .map((s) => `${name} ${s}`),
    );
    expect(remote).toEqual([]);
  });

  it('#2 gives no renderer Node.js integration', () => {
    const prefs = webPreferences();
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).not.toBe(true);
  });

  it('#3 enables context isolation', () => {
    expect(webPreferences().contextIsolation).toBe(true);
    expect(mainWindowOptions('/p.cjs').webPreferences?.contextIsolation).toBe(true);
  });

  it('#4 enables the process sandbox', () => {
    expect(webPreferences().sandbox).toBe(true);
  });

  it('#5 denies every permission request and check', () => {
    denyAllPermissions();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const answer = vi.fn();
      fake.permissionRequest!({}, permission, answer);
      expect(answer).toHaveBeenCalledWith(false);
    }
    expect(fake.permissionCheck!({}, 'media', rendererUrl, {})).toBe(false);
  });

  it('#6 keeps webSecurity on', () => {
    expect(webPreferences().webSecurity).toBe(true);
  });

  it("#7 defines a restrictive CSP: scripts only from 'self', no eval, no inline script, no plugins, no <base>", () => {
    const csp = directives(contentSecurityPolicy);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    expect(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]).toBe(
      contentSecurityPolicy,
    );
    // Every script of the page is a file of its own ('self'): none inline.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('#8 does not allow insecure content', () => {
    expect(webPreferences().allowRunningInsecureContent).not.toBe(true);
  });

  it('#9 enables no experimental features', () => {
    expect(webPreferences().experimentalFeatures).not.toBe(true);
  });

  it('#10 enables no Blink features', () => {
    expect(webPreferences().enableBlinkFeatures).toBeUndefined();
  });

  it('#11 and #12 allow no <webview> (so none with allowpopups or unchecked options)', () => {
    expect(webPreferences().webviewTag).toBe(false);
  });

  it("#13 limits navigation to the renderer's own page", () => {
    webPreferences();
    const willNavigate = fake.webContents.get('will-navigate')!;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:1/']) {
      const event = { preventDefault: vi.fn() };
      willNavigate(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const reload = { preventDefault: vi.fn() };
    willNavigate(reload, `${rendererUrl}#/samples`);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('#14 denies every new window', () => {
    webPreferences();
    for (const url of ['https://learn.microsoft.com/', 'about:blank', rendererUrl]) {
      expect(fake.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('#15 hands only https links to shell.openExternal', () => {
    webPreferences();
    for (const url of [
      'https://learn.microsoft.com/azure/storage/',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id PCWDiagnostic',
    ]) {
      fake.windowOpenHandler!({ url });
    }
    expect(fake.openedExternally).toEqual(['https://learn.microsoft.com/azure/storage/']);
  });

  it('#16 runs the Electron the lock file pins, a current major', () => {
    const installed = (
      JSON.parse(
        readFileSync(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8'),
      ) as { version: string }
    ).version;
    const lock = JSON.parse(
      readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'),
    ) as { packages: Record<string, { version: string }> };
    expect(installed).toBe(lock.packages['node_modules/electron']!.version);
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it("#17 validates the sender of every IPC call: only the app window's main frame at the renderer URL reaches the service", async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    const service = {
      dispatch,
      subscribe: createEventBus().subscribe,
    } as unknown as LakeService;
    const { BrowserWindow } = await import('electron');
    const win = new BrowserWindow();
    bindServiceToIpc(service, win, 'app://lakeshore/');
    expect([...fake.handlers.keys()].sort()).toEqual([...callNames].sort());
    const mainFrame = { url: rendererUrl, parent: null };
    const senders = {
      'another window': { sender: { id: 8, mainFrame }, senderFrame: mainFrame },
      'a subframe': {
        sender: { id: 7, mainFrame },
        senderFrame: { url: rendererUrl, parent: mainFrame },
      },
      'a page navigated elsewhere': {
        sender: { id: 7 },
        senderFrame: { url: 'https://evil.example/', parent: null },
      },
      'a disposed frame': { sender: { id: 7 }, senderFrame: null },
    };
    for (const name of callNames) {
      for (const [who, event] of Object.entries(senders)) {
        const answer = (await fake.handlers.get(name)!(event, {})) as {
          ok: boolean;
          error?: { code: string };
        };
        expect([name, who, answer.error?.code]).toEqual([name, who, 'PermissionDenied']);
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
    await fake.handlers.get('connections.list')!(
      { sender: { id: 7, mainFrame }, senderFrame: mainFrame },
      {},
    );
    expect(dispatch).toHaveBeenCalledWith('connections.list', {});
  });

  it('#17 and contextBridge: the preload exposes only the contract (lake.call, lake.on) and lakeFiles.pathForFile', async () => {
    await import('../hosts/electron/preload.js');
    expect([...fake.exposed.keys()].sort()).toEqual(['lake', 'lakeFiles']);
    expect(Object.keys(fake.exposed.get('lake') as object).sort()).toEqual(['call', 'on']);
    expect(Object.keys(fake.exposed.get('lakeFiles') as object)).toEqual(['pathForFile']);
    const lake = fake.exposed.get('lake') as {
      call(name: string, args: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
      on(name: string, fn: () => void): () => void;
    };
    for (const name of ['fs.readFile', 'lake:event', '__proto__', 'constructor']) {
      expect((await lake.call(name, {})).error?.code).toBe('InvalidInput');
    }
  });

  it('#18 loads the renderer from a custom protocol, not file://: app://lakeshore/, a secure standard scheme serving only the renderer folder', async () => {
    fake.loaded.length = 0;
    webPreferences();
    expect(fake.loaded).toHaveLength(1);
    expect(new URL(fake.loaded[0]!).protocol).toBe('app:');
    expect(fake.loaded.filter((u) => u.startsWith('file:') || u.startsWith('loadFile'))).toEqual(
      [],
    );
    registerAppScheme();
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    fake.fetched.length = 0;
    serveRenderer('/app/dist/renderer');
    const serve = (url: string) => Promise.resolve(fake.protocolHandler!(new Request(url)));
    expect((await serve('app://lakeshore/assets/index.js')).status).toBe(200);
    for (const url of [
      'app://lakeshore/..%2fmain%2fpreload.cjs',
      'app://lakeshore/%2e%2e%2f%2e%2e%2fsecrets.json',
      'app://lakeshore/..%5cmain%5celectron-main.cjs',
      'app://other/index.html',
    ]) {
      expect((await serve(url)).status, url).toBe(404);
    }
    expect(fake.fetched).toEqual(['file:///app/dist/renderer/assets/index.js']);
  });

  it("#19 flips Electron's fuses when packaging: electron-builder's afterPack turns off RunAsNode, NODE_OPTIONS and --inspect, turns on cookie encryption, app.asar only and (macOS, Windows) its integrity check", async () => {
    const builderConfig = readFileSync(
      new URL('../../electron-builder.yml', import.meta.url),
      'utf8',
    );
    const hook = /^afterPack:\s*(\S+)\s*$/m.exec(builderConfig)?.[1];
    expect(hook).toBe('./scripts/electronFuses.mjs');
    expect(builderConfig).toMatch(/^asar: true$/m);
    const { default: afterPack } = (await import(
      /* @vite-ignore */ new URL(`../../${hook!}`, import.meta.url).href
    )) as typeof FusesHook;
    const { ENABLE, DISABLE } = FuseState;
    // A stand-in executable: Electron's fuse sentinel and a wire of 9 fuses as Electron 45 ships
    // them (RunAsNode, NODE_OPTIONS, --inspect and the file protocol's privileges on).
    const binary = (file: string) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.alloc(4096, 0x90),
          Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
          Buffer.from([1, 9]),
          Buffer.from('101100011'),
          Buffer.alloc(4096, 0x90),
        ]),
      );
      return file;
    };
    const packed = {
      linux: (dir: string) => binary(path.join(dir, 'lakeshore')),
      win32: (dir: string) => binary(path.join(dir, 'Lakeshore.exe')),
      darwin: (dir: string) =>
        binary(
          path.join(
            dir,
            'Lakeshore.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
          ),
        ),
    };
    for (const [platform, make] of Object.entries(packed)) {
      const appOutDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-fuses-'));
      const file = make(appOutDir);
      await afterPack({
        appOutDir,
        electronPlatformName: platform,
        arch: 1,
        packager: { executableName: 'lakeshore', appInfo: { productFilename: 'Lakeshore' } },
      });
      const wire = await getCurrentFuseWire(file);
      rmSync(appOutDir, { recursive: true });
      expect([platform, wire]).toEqual([
        platform,
        {
          version: '1',
          [FuseV1Options.RunAsNode]: DISABLE,
          [FuseV1Options.EnableCookieEncryption]: ENABLE,
          [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: DISABLE,
          [FuseV1Options.EnableNodeCliInspectArguments]: DISABLE,
          // Electron checks app.asar's hash on macOS and Windows only, where electron-builder embeds it.
          [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]:
            platform === 'linux' ? DISABLE : ENABLE,
          [FuseV1Options.OnlyLoadAppFromAsar]: ENABLE,
          [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: DISABLE,
          [FuseV1Options.GrantFileProtocolExtraPrivileges]: DISABLE,
          [FuseV1Options.WasmTrapHandlers]: ENABLE,
        },
      ]);
    }
  });
});
