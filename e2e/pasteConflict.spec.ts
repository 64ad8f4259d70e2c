import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { expectNoSeriousViolations } from './support/accessibility.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

test('pasting a copy onto an existing name asks Replace / Keep both / Skip; nothing fails', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const container = emulatorBlobService(dataDir).getContainerClient('paste-conflict');
  await container.create();
  await container.getBlockBlobClient('a.csv').uploadData(Buffer.from('x,y\n1,2\n'));
  // Made outside the app after it listed the emulator's containers: Refresh shows it.
  await new PathDialogs(page).toolbar('Refresh');
  await tree.expand('Local emulator', 'paste-conflict');
  await files.row('a.csv').click();
  await page.keyboard.press('Control+c');
  const paste = page.getByRole('toolbar', { name: 'Main' }).getByRole('button', { name: 'Paste' });

  // Into the same folder: the name is taken.
  await paste.click();
  const dialog = page.getByRole('dialog', { name: 'Paste: names exist' });
  await expect(dialog).toContainText('“a.csv” already exists in paste-conflict.');
  await expectNoSeriousViolations(page, 'Paste: names exist dialog');
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(dialog).toBeHidden();
  await expect(files.row('a (1).csv')).toBeVisible();
  await expect(
    transfers.region.getByRole('listitem', { name: /^Copying a\.csv to paste-conflict/ }),
  ).toContainText('Completed');

  // Skip copies nothing and fails nothing; Cancel neither.
  await paste.click();
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(dialog).toBeHidden();
  await paste.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(transfers.region).toContainText('All finished');
  await expect(transfers.region).not.toContainText('Failed');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  expect(names.sort()).toEqual(['a (1).csv', 'a.csv']);
});
