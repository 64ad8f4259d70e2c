import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsUpdateSchema } from '../../shared/contract/index.js';
import { createSettingsStore } from './settingsStore.js';

const fresh = () => mkdtempSync(path.join(os.tmpdir(), 'lake-settings-locations-'));

describe('the last locations in the settings', () => {
  it('are kept across restarts', async () => {
    const dir = fresh();
    const lastLocations = [
      { connectionId: 'c1', container: 'samples', directory: 'raw/sales' },
      { connectionId: 'c2' },
    ];
    await createSettingsStore(dir, '/downloads').update({ lastLocations });
    expect((await createSettingsStore(dir, '/downloads').get()).lastLocations).toEqual(
      lastLocations,
    );
  });

  it('a damaged saved list is dropped alone', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ theme: 'dark', lastLocations: [{ connectionId: '' }] }),
    );
    const settings = await createSettingsStore(dir, '/downloads').get();
    expect(settings.theme).toBe('dark');
    expect(settings.lastLocations).toBeUndefined();
  });

  it('are validated on update: a connection id, a container name of 1–63 chars, at most 50', () => {
    const ok = (lastLocations: unknown) =>
      settingsUpdateSchema.safeParse({ lastLocations }).success;
    expect(ok([{ connectionId: 'c', container: 'samples', directory: '' }])).toBe(true);
    expect(ok([{ connectionId: 'c', container: 'x'.repeat(64) }])).toBe(false);
    expect(ok([{ connectionId: 'c', path: '/etc' }])).toBe(false);
    expect(ok(Array.from({ length: 51 }, (_, i) => ({ connectionId: `c${i}` })))).toBe(false);
  });
});
