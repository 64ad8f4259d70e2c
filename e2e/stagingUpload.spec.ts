import type { Page, Route } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stagingPath } from '../shared/contract/index.js';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { expectNoSeriousViolations } from './support/accessibility.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

// Browser mode sends a picked file to its backend (the staging folder) before the transfer
// engine uploads it. These specs hold that request in the browser (Playwright's route), so
// what the window shows before any byte reached the backend can be read, then let it go.

test.use({ sampleMany: 20 });

/** STAGING_SHOTS=<dir>: the Transfers panel while a file is being sent, light and dark, at both sizes. */
const shots = process.env.STAGING_SHOTS;

/** Files under the backend's staging folder (none before a held request is let go). */
function stagedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'staging');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/** Holds each staging request whose path names `name` until the returned routes are let go. */
async function holdStaging(page: Page, name: string): Promise<Route[]> {
  const held: Route[] = [];
  await page.route(`**${stagingPath}?*`, (route) => {
    if (new URL(route.request().url()).searchParams.get('path') === name) held.push(route);
    else void route.continue();
  });
  return held;
}

/** Picks `files` with the toolbar's Upload files. */
async function pickFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload files' }).click();
  await (await chooser).setFiles(files);
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

test('a large picked file has its row at once, before its bytes reach the backend, and uploads whole', async ({
  app,
  dataDir,
  emulator,
  files,
  transfers,
}) => {
  const page = app.page;
  await emulator.startAt('samples', 'raw');
  const body = randomBytes(40 * 1024 * 1024);
  const local = path.join(dataDir, 'big.bin');
  writeFileSync(local, body);
  const held = await holdStaging(page, 'big.bin');

  await pickFiles(page, [local]);
  const row = transfers.job('Upload', 'big.bin');
  await expect(row).toContainText('Sending to Lakeshore · 0% · 0 bytes of 40.0 MiB');
  await expect(row.getByRole('button', { name: 'Cancel big.bin' })).toBeVisible();
  await expect(transfers.region).toContainText('1 being sent to Lakeshore');
  await expect.poll(() => held.length).toBe(1);
  expect(stagedFiles(dataDir)).toEqual([]);
  for (const theme of ['Light', 'Dark'] as const) {
    await new SettingsDialog(page).chooseTheme(theme);
    await expectNoSeriousViolations(page, `Transfers panel sending a file, ${theme} theme`);
    await shootBothSizes(page, shots, `staging-${theme.toLowerCase()}`);
  }

  await held[0]!.continue();
  // The same row goes on as the engine's job, to the end.
  await expect(row).toContainText('Completed', { timeout: 120_000 });
  await expect(files.row('big.bin')).toBeVisible();
  const stored = await emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .getBlobClient('raw/big.bin')
    .downloadToBuffer();
  expect(stored.length).toBe(body.length);
  expect(md5(stored)).toBe(md5(body));
});

test('Cancel while a file is being sent leaves it out, and the rest of the pick uploads', async ({
  app,
  dataDir,
  emulator,
  files,
  transfers,
}) => {
  const page = app.page;
  await emulator.startAt('samples', 'raw');
  const first = path.join(dataDir, 'first.bin');
  writeFileSync(first, randomBytes(2 * 1024 * 1024));
  const second = path.join(dataDir, 'second.txt');
  writeFileSync(second, 'the second file of the pick\n');
  const held = await holdStaging(page, 'first.bin');

  await pickFiles(page, [first, second]);
  await expect(transfers.job('Upload', 'first.bin')).toContainText('Sending to Lakeshore');
  await expect(transfers.job('Upload', 'second.txt')).toContainText(
    'Sending to Lakeshore · 0% · 0 bytes of 28 bytes',
  );
  await expect(transfers.region).toContainText('2 being sent to Lakeshore');
  await expect.poll(() => held.length).toBe(1);

  await transfers
    .job('Upload', 'first.bin')
    .getByRole('button', { name: 'Cancel first.bin' })
    .click();
  await expect(transfers.job('Upload', 'first.bin')).toContainText('Cancelled');
  await expect(transfers.job('Upload', 'second.txt')).toContainText('Completed');
  await expect(files.row('second.txt')).toBeVisible();
  const container = emulatorBlobService(dataDir).getContainerClient('samples');
  expect((await container.getBlobClient('raw/second.txt').downloadToBuffer()).toString()).toBe(
    'the second file of the pick\n',
  );
  expect(await container.getBlobClient('raw/first.bin').exists()).toBe(false);
  await expect(files.row('first.bin')).toHaveCount(0);

  // The cancelled row is finished: Clear finished takes it away with the completed job.
  await transfers.region.getByRole('button', { name: 'Clear finished' }).click();
  await expect(transfers.region).toHaveCount(0);
});
