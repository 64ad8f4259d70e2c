import { expect, test } from './fixtures.js';
import { StatusBar } from './pages/statusBar.js';

test('a status message is about the latest action: it fades, and the Activity history keeps it', async ({
  app,
  welcome,
}) => {
  const status = new StatusBar(app.page);
  await welcome.pickLocalEmulator();
  await expect(status.message()).toHaveText('Connected to Local emulator.');
  // Gone after a few seconds: waited for as the user would see it, not slept on.
  await expect(status.message()).toHaveText('', { timeout: 20_000 });
  const history = await status.openHistory();
  await expect(history.getByRole('listitem')).toContainText(['Connected to Local emulator.']);
});

test('when the backend stops, the window says so with Retry, calls fail clearly, and Retry reconnects', async ({
  app,
  welcome,
  tree,
  files,
}) => {
  test.skip(!app.backend, 'browser mode only: the backend is a process the test can stop');
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await expect(files.row('raw')).toBeVisible();

  await app.backend!.stop();
  const banner = app.page.getByRole('alert').filter({ hasText: 'Disconnected — reconnecting…' });
  await expect(banner).toBeVisible();
  // A folder not listed yet: the list says why it cannot, instead of "Loading…" forever.
  await tree.select('raw');
  await expect(
    app.page.getByRole('alert').filter({ hasText: 'Could not list this folder' }),
  ).toContainText("Disconnected from Lakeshore's background process");
  await expect(files.grid).not.toContainText('Loading…');

  await app.backend!.start();
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toBeHidden();
  await expect(files.row('sales')).toBeVisible();
});
