import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsUpdateSchema } from '../../shared/contract/index.js';
import { createSettingsStore } from '../settings/settingsStore.js';

const fresh = () => mkdtempSync(path.join(os.tmpdir(), 'lake-subscription-filter-'));
const accountId = '0f0e0d0c-0000-4000-8000-000000000001.3c5e7a9b-2d4f-4a6b-8c0d-1e2f3a4b5c6d';

describe('the subscription filter in the settings', () => {
  it('is kept across restarts per signed-in account', async () => {
    const dir = fresh();
    const subscriptionFilter = { [accountId]: ['11111111-1111-4111-8111-111111111111'] };
    await createSettingsStore(dir, '/downloads').update({ subscriptionFilter });
    expect((await createSettingsStore(dir, '/downloads').get()).subscriptionFilter).toEqual(
      subscriptionFilter,
    );
  });

  it('is dropped alone when damaged, and validated on update', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ resumeTransfersOnStart: true, subscriptionFilter: { [accountId]: 'all' } }),
    );
    expect(await createSettingsStore(dir, '/downloads').get()).toEqual({
      resumeTransfersOnStart: true,
      downloadDirectory: '/downloads',
    });
    expect(
      settingsUpdateSchema.safeParse({ subscriptionFilter: { [accountId]: [''] } }).success,
    ).toBe(false);
    expect(
      settingsUpdateSchema.safeParse({ subscriptionFilter: { [accountId]: [] } }).success,
    ).toBe(true);
  });
});
