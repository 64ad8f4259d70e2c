import { expect, test } from './fixtures.js';
import { ActivityPanel } from './pages/activityPanel.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';

// ACTIVITY_SHOTS=<dir>: the Activity panel and the Diagnostics view at 1024x640 and 1920x1080.
const shots = process.env.ACTIVITY_SHOTS;

test('the Activity panel lists the storage operations with request ids, filters them, and copies a row’s details', async ({
  app,
  emulator,
}) => {
  const page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await emulator.startAt('samples', 'raw');
  await emulator.showsRow('sales');
  const activity = new ActivityPanel(page);
  await activity.open('Operations');
  const listing = activity.rows().filter({ hasText: 'blob.list' }).filter({ hasText: 'samples' });
  await expect(listing.first()).toBeVisible();
  await expect(listing.first()).toContainText('Local emulator');
  await expect(listing.first()).toContainText('OK');

  await activity.region.getByRole('combobox', { name: 'Operation' }).selectOption('blob.list');
  await expect(activity.rows().first()).toContainText('blob.list');
  await expect(activity.rows().filter({ hasNotText: 'blob.list' })).toHaveCount(0);
  await activity.region.getByRole('combobox', { name: 'Outcome' }).selectOption('failed');
  await expect(activity.rows().filter({ hasNotText: 'Failed' })).toHaveCount(0);
  await activity.region.getByRole('combobox', { name: 'Outcome' }).selectOption('');
  await activity.region.getByRole('textbox', { name: 'Filter activity' }).fill('samples');
  await expect(activity.rows().first()).toBeVisible();
  await activity.region
    .getByRole('textbox', { name: 'Filter activity' })
    .fill('no-such-thing-anywhere');
  await expect(activity.rows()).toHaveCount(0);
  await activity.region.getByRole('textbox', { name: 'Filter activity' }).fill('');
  await activity.region.getByRole('combobox', { name: 'Operation' }).selectOption('');
  await shootBothSizes(page, shots, 'activity');

  await activity.rows().filter({ hasText: 'blob.list' }).first().click();
  const details = page.getByRole('dialog', { name: 'Operation details' });
  await expect(details).toContainText('x-ms-request-id');
  await expect(details).toContainText('x-ms-client-request-id');
  await expect(details).toContainText('Attempts');
  await details.getByRole('button', { name: 'Copy details' }).click();
  await expect(details.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Time: \d{4}-/);
  expect(copied).toMatch(/\nOperation: blob\.list\n/);
  expect(copied).toMatch(/\nx-ms-request-id: [0-9a-f-]{36}\n/);
  expect(copied).not.toMatch(/AccountKey=|sig=(?!REDACTED)/);
  await details.getByRole('button', { name: 'Close' }).click();
});

test('the Diagnostics view shows latency, errors and retries per operation and exports a zip', async ({
  app,
  emulator,
}) => {
  const page = app.page;
  await emulator.startAt('samples');
  await emulator.showsRow('raw');
  const activity = new ActivityPanel(page);
  await activity.open('Diagnostics');
  const latency = activity.region.getByRole('table', { name: 'Latency per operation' });
  const row = latency.locator('tr').filter({ hasText: 'blob.list' });
  await expect(row).toBeVisible();
  await expect(row.locator('td').nth(4)).toHaveText(/^\d+ ms$/);
  await expect(row.locator('td').nth(5)).toHaveText(/^\d+ ms$/);
  await expect(activity.region).toContainText('kept on this machine');
  await activity.region.getByRole('button', { name: 'Export diagnostics' }).click();
  await expect(activity.region.getByRole('status')).toContainText(
    /Saved to .*lakeshore-diagnostics-.*\.zip/,
  );
  await shootBothSizes(page, shots, 'diagnostics');
});

test('Settings keep the log level and the network timeouts and retries, with their bounds', async ({
  app,
}) => {
  const page = app.page;
  await expect(page.getByRole('button', { name: 'Local emulator' })).toBeVisible();
  const settings = new SettingsDialog(page);
  await settings.open();
  const timeout = settings.dialog.getByRole('spinbutton', { name: 'Operation timeout (s)' });
  await expect(timeout).toHaveValue('60');
  await expect(
    settings.dialog.getByRole('spinbutton', { name: 'Connect timeout (s)' }),
  ).toHaveValue('5');
  await expect(settings.dialog.getByRole('spinbutton', { name: 'Attempts' })).toHaveValue('5');
  await timeout.fill('30');
  await timeout.blur();
  const attempts = settings.dialog.getByRole('spinbutton', { name: 'Attempts' });
  await attempts.fill('50');
  await expect(settings.dialog).toContainText('1–10');
  await settings.dialog.getByRole('combobox', { name: 'Log level' }).selectOption('debug');
  await shootBothSizes(page, shots, 'settings');
  await page.reload();
  await settings.open();
  await expect(
    settings.dialog.getByRole('spinbutton', { name: 'Operation timeout (s)' }),
  ).toHaveValue('30');
  await expect(settings.dialog.getByRole('spinbutton', { name: 'Attempts' })).toHaveValue('5');
  await expect(settings.dialog.getByRole('combobox', { name: 'Log level' })).toHaveValue('debug');
});
