import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsUpdateSchema, signInSettingFields } from '../../shared/contract/index.js';
import { createSettingsStore, savedClientId } from './settingsStore.js';

const fresh = () => mkdtempSync(path.join(os.tmpdir(), 'lake-settings-store-'));

describe('the file list layout in the settings', () => {
  it('is kept across restarts, beside the other settings', async () => {
    const dir = fresh();
    const layout = {
      columnWidths: { name: 480, size: 130 },
      sort: { column: 'size', direction: 'descending' },
    } as const;
    await createSettingsStore(dir, '/downloads').update({ fileList: layout });
    expect(await createSettingsStore(dir, '/downloads').get()).toEqual({
      resumeTransfersOnStart: false,
      downloadDirectory: '/downloads',
      fileList: layout,
    });
  });

  it('is dropped alone when the file holds a damaged one', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ resumeTransfersOnStart: true, fileList: { columnWidths: { name: 'x' } } }),
    );
    expect(await createSettingsStore(dir, '/downloads').get()).toEqual({
      resumeTransfersOnStart: true,
      downloadDirectory: '/downloads',
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      resumeTransfersOnStart: true,
    });
  });

  it('is validated on update: widths within 40–4,000 px, known columns only', () => {
    const ok = (fileList: unknown) => settingsUpdateSchema.safeParse({ fileList }).success;
    expect(
      ok({ columnWidths: { name: 300 }, sort: { column: 'name', direction: 'ascending' } }),
    ).toBe(true);
    expect(ok({ columnWidths: { name: 10 } })).toBe(false);
    expect(ok({ columnWidths: { owner: 100 } })).toBe(false);
    expect(ok({ sort: { column: 'name', direction: 'up' } })).toBe(false);
  });
});

describe('the theme in the settings', () => {
  it('is kept across restarts; an unknown saved one falls back to following the OS', async () => {
    const dir = fresh();
    await createSettingsStore(dir, '/downloads').update({ theme: 'dark' });
    expect((await createSettingsStore(dir, '/downloads').get()).theme).toBe('dark');
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ resumeTransfersOnStart: true, theme: 'purple' }),
    );
    expect(await createSettingsStore(dir, '/downloads').get()).toEqual({
      resumeTransfersOnStart: true,
      downloadDirectory: '/downloads',
    });
  });

  it('is validated on update: system, light, dark or highContrast', () => {
    const ok = (theme: unknown) => settingsUpdateSchema.safeParse({ theme }).success;
    expect(['system', 'light', 'dark', 'highContrast'].every(ok)).toBe(true);
    expect(ok('purple')).toBe(false);
  });
});

describe('the window placement and preview switches in the settings', () => {
  it('are kept across restarts, and a damaged placement is dropped alone', async () => {
    const dir = fresh();
    const window = { x: -40, y: 30, width: 1400, height: 900, maximized: true };
    await createSettingsStore(dir, '/downloads').update({
      window,
      previewToggles: { wrapText: true, markdownSource: false },
    });
    expect(await createSettingsStore(dir, '/downloads').get()).toMatchObject({
      window,
      previewToggles: { wrapText: true, markdownSource: false },
    });

    const saved = JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'));
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ ...saved, window: { ...window, width: 'wide' } }),
    );
    const reread = await createSettingsStore(dir, '/downloads').get();
    expect(reread.window).toBeUndefined();
    expect(reread.previewToggles).toEqual({ wrapText: true, markdownSource: false });
  });

  it('are validated on update: whole-pixel sizes of at least 200 px, known switches only', () => {
    const window = { x: 0, y: 0, width: 1400, height: 900, maximized: false };
    expect(settingsUpdateSchema.safeParse({ window }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ window: { ...window, width: 50 } }).success).toBe(
      false,
    );
    expect(settingsUpdateSchema.safeParse({ window: { ...window, x: 0.5 } }).success).toBe(false);
    expect(settingsUpdateSchema.safeParse({ previewToggles: { wrapText: true } }).success).toBe(
      true,
    );
    expect(settingsUpdateSchema.safeParse({ previewToggles: { other: true } }).success).toBe(false);
  });
});

describe("the sign-in's application (client) id in the settings", () => {
  const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  it('is kept across restarts and read at once for the command line', async () => {
    const dir = fresh();
    expect(savedClientId(dir)).toBeUndefined();
    await createSettingsStore(dir, '/downloads').update({ signIn: { clientId: id } });
    expect((await createSettingsStore(dir, '/downloads').get()).signIn).toEqual({ clientId: id });
    expect(savedClientId(dir)).toBe(id);
  });

  it('is dropped alone when it is not a GUID, and refused on update', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ logLevel: 'debug', signIn: { clientId: 'my-app' } }),
    );
    expect(await createSettingsStore(dir, '/downloads').get()).toEqual({
      resumeTransfersOnStart: false,
      downloadDirectory: '/downloads',
      logLevel: 'debug',
    });
    expect(savedClientId(dir)).toBeUndefined();
    const refused = settingsUpdateSchema.safeParse({ signIn: { clientId: 'my-app' } });
    expect(refused.error?.issues[0]?.message).toBe(signInSettingFields[0].invalid);
    expect(settingsUpdateSchema.parse({ signIn: { clientId: ` ${id} ` } })).toEqual({
      signIn: { clientId: id },
    });
  });
});
