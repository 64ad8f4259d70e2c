import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
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
  // The refused field is marked invalid and has the focus; editing it clears the mark.
  const sasUrl = add.getByRole('textbox', { name: /SAS URL/ });
  await expect(sasUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(sasUrl).toBeFocused();
  await expect(add.getByRole('textbox', { name: /Display name/ })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await app.page.keyboard.type('!');
  await expect(sasUrl).not.toHaveAttribute('aria-invalid', 'true');

  await add.getByRole('radio', { name: 'Connection string' }).check();
  await expect(add.getByRole('alert')).toHaveCount(0);
  await app.page.keyboard.press('Escape');
});

test('an expired SAS names its expiry in the local date and time format, and marks the URL', async ({
  app,
  welcome,
}) => {
  const expiry = '2020-01-02T03:04:05.000Z';
  await welcome.openAddConnection();
  const add = welcome.dialog();
  await add.getByRole('radio', { name: 'SAS URL' }).check();
  const sasUrl = add.getByRole('textbox', { name: /SAS URL/ });
  await sasUrl.fill(
    `http://127.0.0.1:10000/devstoreaccount1?sv=2024-08-04&ss=b&srt=sco&sp=rl&se=${encodeURIComponent(expiry)}&sig=x`,
  );
  await add.getByRole('button', { name: 'Connect' }).click();
  const local = await app.page.evaluate((at) => new Date(at).toLocaleString(), expiry);
  const alert = add.getByRole('alert');
  await expect(alert).toContainText(`This SAS expired on ${local}.`);
  await expect(alert).not.toContainText(expiry);
  await expect(sasUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(sasUrl).toBeFocused();
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

test("a service error shows its request id on a line of its own, not run into the message's last word", async ({
  app,
  welcome,
  tree,
}) => {
  const page = app.page;
  const dialogs = new PathDialogs(page);
  await welcome.pickLocalEmulator();
  await tree.item('Local emulator').getByText('Local emulator', { exact: true }).click({
    button: 'right',
  });
  await page.getByRole('menuitem', { name: 'New container…' }).click();
  await dialogs.newContainer().getByRole('textbox', { name: 'Container name' }).fill('samples');
  await dialogs.newContainer().getByRole('button', { name: 'Create' }).click();
  const alert = dialogs.newContainer().getByRole('alert');
  await expect(alert).toContainText('Request id:');
  // Seen run together as "…(HTTP 409)Request id: …".
  expect(await alert.innerText()).toMatch(/\S\n+Request id: \S+/);
});
