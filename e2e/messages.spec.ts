import { expect, test } from './fixtures.js';
import { PropertiesPanel } from './pages/propertiesPanel.js';

test.use({ sampleMany: 20 });

test('a refused value names the field, not an internal call, and the error goes with the kind it was about', async ({
  app,
  welcome,
}) => {
  await welcome.openAddConnection();
  const add = welcome.dialog();
  await add.getByRole('radio', { name: 'SAS URL' }).check();
  await add.getByRole('textbox', { name: /SAS URL/ }).fill('not a url');
  await add.getByRole('button', { name: 'Connect' }).click();
  const alert = add.getByRole('alert');
  await expect(alert).toContainText('Not accepted: url:');
  await expect(alert).toContainText('Correct the value it names and try again.');
  await expect(alert).not.toContainText('connections.add');
  await expect(alert).not.toContainText('highlighted');

  await add.getByRole('radio', { name: 'Connection string' }).check();
  await expect(add.getByRole('alert')).toHaveCount(0);
  await app.page.keyboard.press('Escape');
});

test('a file under 1 KiB says its size once', async ({ app, welcome, tree, files }) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'config');
  await files.row('pipeline.json').click();
  const properties = new PropertiesPanel(app.page);
  await properties.openForSelection();
  await expect(properties.fact('Size')).toHaveText(/^\d+ bytes$/);
});
