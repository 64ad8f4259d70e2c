import { emulatorBlobService } from './support/emulatorBlobs.js';
import { PropertiesPanel } from './pages/propertiesPanel.js';
import { expect, test } from './fixtures.js';

const csvPath = 'raw/sales/2025/01/orders.csv';

test('shows a CSV file’s size and content type, saves metadata and content type to the storage', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const properties = new PropertiesPanel(app.page);

  await welcome.pickLocalEmulator();
  // Azurite runs (and says where) once the emulator connection is up.
  const blob = emulatorBlobService(dataDir).getContainerClient('samples').getBlobClient(csvPath);
  // The connection's label carries its account badge, so its item is clicked as a whole.
  await tree.item('Local emulator').click();
  await tree.expand('samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();
  await properties.openForSelection();

  // The facts are Azurite's own.
  const stored = await blob.getProperties();
  const size = stored.contentLength ?? -1;
  await expect(properties.fact('Name')).toHaveText('orders.csv');
  await expect(properties.fact('Path')).toHaveText(csvPath);
  await expect(properties.fact('Size')).toContainText(`${size.toLocaleString('en-US')} bytes`);
  await expect(properties.fact('Content type')).toHaveText(stored.contentType ?? '');
  await expect(properties.contentTypeInput()).toHaveValue(stored.contentType ?? '');

  // An invalid metadata name is refused before anything is sent.
  await properties.addMetadata('owner-team', 'finance');
  await expect(properties.region).toContainText('“owner-team” is not a valid name');
  await expect(properties.region.getByRole('button', { name: 'Save properties' })).toBeDisabled();
  await properties.region.getByRole('button', { name: 'Remove metadata owner-team' }).click();

  // Metadata reaches the blob, and the pane reads it back.
  await properties.addMetadata('owner_team', 'finance');
  await properties.save();
  await expect
    .poll(async () => (await blob.getProperties()).metadata)
    .toMatchObject({ owner_team: 'finance' });
  await expect.poll(() => properties.metadataNames()).toContain('owner_team');

  // So does a new content type; the metadata stays.
  await properties.contentTypeInput().fill('text/plain; charset=utf-8');
  await properties.save();
  await expect
    .poll(async () => (await blob.getProperties()).contentType)
    .toBe('text/plain; charset=utf-8');
  expect((await blob.getProperties()).metadata).toMatchObject({ owner_team: 'finance' });
  await expect(properties.fact('Content type')).toHaveText('text/plain; charset=utf-8');

  // Escape closes the pane.
  await properties.contentTypeInput().press('Escape');
  await expect(properties.region).toHaveCount(0);
});

test('counts a folder’s files and bytes in the Properties pane, as Azurite holds them', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const properties = new PropertiesPanel(app.page);
  await welcome.pickLocalEmulator();
  await tree.item('Local emulator').click();
  await tree.expand('samples', 'raw');
  await files.row('sales').click();
  await properties.openForSelection();

  let count = 0;
  let bytes = 0;
  const folders = new Set<string>();
  for await (const blob of emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .listBlobsFlat({ prefix: 'raw/sales/' })) {
    count += 1;
    bytes += blob.properties.contentLength ?? 0;
    const parts = blob.name.split('/').slice(2, -1);
    parts.forEach((_, i) => folders.add(parts.slice(0, i + 1).join('/')));
  }
  expect(count).toBeGreaterThan(1);
  // sales has no marker blob of its own, so there is no metadata to edit.
  expect(
    await emulatorBlobService(dataDir)
      .getContainerClient('samples')
      .getBlobClient('raw/sales')
      .exists(),
  ).toBe(false);
  await expect(properties.region).toContainText('exists only as a name prefix');
  await expect(properties.region.getByRole('button', { name: 'Add metadata' })).toHaveCount(0);
  await properties.region.getByRole('button', { name: 'Count files and size' }).click();
  await expect(properties.region.getByRole('group', { name: 'Folder statistics' })).toContainText(
    `${count.toLocaleString('en-US')} files in ${folders.size.toLocaleString('en-US')} folders`,
  );
  await expect(properties.region.getByRole('group', { name: 'Folder statistics' })).toContainText(
    `(${bytes.toLocaleString('en-US')} bytes)`,
  );
});
