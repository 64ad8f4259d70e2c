import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { ipcEventChannel } from '../../../shared/contract/index.js';

// A sandboxed preload gets a bare context: `require` answers for `electron` (and a few Node
// built-ins we do not use) and there is no file system. So the preload is bundled as
// scripts/build.mjs does and run in a fresh context whose only module is a fake `electron`.
const bundlePreload = async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./preload.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
};

describe('the preload bundle', () => {
  it('runs with only electron available and exposes window.lake (call, on) and window.lakeFiles (pathForFile)', async () => {
    const code = await bundlePreload();
    const exposed = new Map<string, unknown>();
    const invoke = vi.fn(async () => ({ ok: true, value: 'v' }));
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
      webUtils: { getPathForFile: (file: { name: string }) => `/home/u/${file.name}` },
    };
    const required: string[] = [];
    const require = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require, module, exports: module.exports });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['lake', 'lakeFiles']);
    const lakeFiles = exposed.get('lakeFiles') as { pathForFile(file: { name: string }): string };
    expect(Object.keys(lakeFiles)).toEqual(['pathForFile']);
    expect(lakeFiles.pathForFile({ name: 'a.csv' })).toBe('/home/u/a.csv');
    const lake = exposed.get('lake') as {
      call(name: string, args: unknown): Promise<unknown>;
      on(name: string, fn: () => void): () => void;
    };
    expect(Object.keys(lake).sort()).toEqual(['call', 'on']);
    expect(await lake.call('app.info', {})).toEqual({ ok: true, value: 'v' });
    expect(invoke).toHaveBeenCalledWith('app.info', {});
    expect(await lake.call('shell.exec', {})).toMatchObject({ error: { code: 'InvalidInput' } });
    lake.on('activity', () => undefined);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(ipcEventChannel, expect.any(Function));
  });
});
