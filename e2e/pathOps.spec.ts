import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { expect, test, type AppFixtures } from './fixtures.js';
import type { FileList } from './pages/fileList.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { emulatorBlobEndpoint, startHnsAccount } from './support/dfs.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

/** Every blob name in a container, with its bytes. */
async function blobs(container: ContainerClient): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const b of container.listBlobsFlat())
    out.set(b.name, await container.getBlobClient(b.name).downloadToBuffer());
  return out;
}

/** Names under a prefix (the folder's own marker blob, if any, included). */
const under = (all: Map<string, Buffer>, folder: string): string[] =>
  [...all.keys()].filter((n) => n === folder || n.startsWith(`${folder}/`)).sort();

/** A byte count as the UI's tooltips give it: `3,019 bytes`. */
const exactBytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

const fileA = Buffer.from('id,amount\n1,10\n2,20\n');
const fileB = randomBytes(3000);

/** Puts the two test files into `folder` with the Blob SDK, as another tool would. */
async function putTwoFiles(container: ContainerClient, folder: string): Promise<void> {
  await container.getBlockBlobClient(`${folder}/a.csv`).uploadData(fileA);
  await container.getBlockBlobClient(`${folder}/deep/b.bin`).uploadData(fileB);
}

/** Renames `from` to `to` in the shown directory with F2, then deletes it; checks storage after each. */
async function renameThenDelete(
  page: Page,
  files: FileList,
  container: ContainerClient,
  from: string,
  to: string,
): Promise<void> {
  const dialogs = new PathDialogs(page);
  await dialogs.toolbar('Refresh');
  await files.row(from).click();
  await dialogs.renameSelected(to);
  // The renamed entry stays selected, and the list has the focus again.
  await expect(files.row(to)).toHaveAttribute('aria-selected', 'true');
  await expect(files.grid).toBeFocused();
  await expect(files.row(from)).toHaveCount(0);
  const afterRename = await blobs(container);
  expect(under(afterRename, from)).toEqual([]);
  expect(afterRename.get(`${to}/a.csv`)?.equals(fileA)).toBe(true);
  expect(afterRename.get(`${to}/deep/b.bin`)?.equals(fileB)).toBe(true);

  await files.row(to).click();
  await page.keyboard.press('Delete');
  const confirm = dialogs.delete();
  await expect(confirm).toContainText(`Delete “${to}”?`);
  // The folder is counted recursively (a.csv and deep/b.bin), bytes included.
  const counted = confirm.getByLabel('What will be deleted').getByText(/^2 files, /);
  await expect(counted).toHaveAttribute('title', exactBytes(fileA.length + fileB.length));
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(files.row(to)).toHaveCount(0);
  await expect(files.grid).toBeFocused();
  expect(under(await blobs(container), to)).toEqual([]);
}

test('flat account: a new container and folder, renamed with F2 and deleted; Azurite holds what the UI says', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  const dialogs = new PathDialogs(page);
  await welcome.pickLocalEmulator();
  await expect(tree.item('Local emulator')).toContainText('Blob');

  // New container: the name is checked as it is typed.
  await tree.item('Local emulator').getByText('Local emulator', { exact: true }).click({
    button: 'right',
  });
  await page.getByRole('menuitem', { name: 'New container…' }).click();
  const name = dialogs.newContainer().getByRole('textbox', { name: 'Container name' });
  await name.fill('Ops_Flat');
  await expect(dialogs.newContainer()).toContainText('Only lowercase letters, digits and hyphens');
  await expect(dialogs.newContainer().getByRole('button', { name: 'Create' })).toBeDisabled();
  await name.fill('pathops-flat');
  await dialogs.newContainer().getByRole('button', { name: 'Create' }).click();
  await expect(dialogs.newContainer()).toBeHidden();
  const azurite = emulatorBlobService(dataDir);
  const container = azurite.getContainerClient('pathops-flat');
  expect(await container.exists()).toBe(true);

  await tree.expand('Local emulator', 'pathops-flat');
  await dialogs.createFolder('incoming');
  // On a flat account a folder is a name prefix: outlined icon, and a marker blob keeps it.
  await expect(files.row('incoming').locator('[data-namespace="flat"]')).toBeVisible();
  expect((await container.getBlobClient('incoming').getProperties()).metadata).toMatchObject({
    hdi_isfolder: 'true',
  });
  await putTwoFiles(container, 'incoming');
  await renameThenDelete(page, files, container, 'incoming', 'landed');

  // Its properties show the lease another client holds, and its metadata.
  await container.setMetadata({ owner_team: 'finance' });
  const lease = container.getBlobLeaseClient();
  await lease.acquireLease(-1);
  await tree.item('pathops-flat').getByText('pathops-flat', { exact: true }).click({
    button: 'right',
  });
  await page.getByRole('menuitem', { name: 'Container properties…' }).click();
  const props = page.getByRole('dialog', { name: 'Container properties' });
  await expect(props.getByRole('definition').filter({ hasText: /^leased$/ })).toBeVisible();
  await expect(props).toContainText('Private (no anonymous access)');
  await expect(props.getByRole('definition').filter({ hasText: /^finance$/ })).toBeVisible();
  await props.getByRole('button', { name: 'Close' }).click();
  await expect(props).toBeHidden();

  // Delete the container: the name must be typed exactly.
  await tree.item('pathops-flat').getByText('pathops-flat', { exact: true }).click({
    button: 'right',
  });
  await page.getByRole('menuitem', { name: 'Delete container…' }).click();
  const confirm = dialogs.deleteContainer();
  await confirm.getByRole('textbox').fill('pathops');
  await expect(confirm.getByRole('button', { name: 'Delete container' })).toBeDisabled();
  await confirm.getByRole('textbox').fill('pathops-flat');
  // The lease held by another client: the service's refusal shows, and the container stays.
  await confirm.getByRole('button', { name: 'Delete container' }).click();
  await expect(confirm.getByRole('alert')).toContainText('The container was not deleted');
  await expect(confirm.getByRole('alert')).toContainText(/lease/i);
  expect(await container.exists()).toBe(true);
  await lease.releaseLease();
  await confirm.getByRole('button', { name: 'Delete container' }).click();
  await expect(confirm).toBeHidden();
  await expect(tree.root.getByRole('treeitem', { name: 'pathops-flat' })).toHaveCount(0);
  expect(await container.exists()).toBe(false);
});

test('HNS account (DFS server over Azurite): badge, folder renamed with F2 and deleted', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const dfs = await startHnsAccount(dataDir);
  try {
    // Checked through the Blob API of the DFS server, as a Blob client of the account would.
    const container = BlobServiceClient.fromConnectionString(
      dfs.connectionString,
    ).getContainerClient('lake');
    await container.create();

    await welcome.addConnectionString('HNS lake', dfs.connectionString);
    await expect(tree.item('HNS lake')).toContainText('ADLS Gen2');

    await tree.expand('HNS lake', 'lake');
    await new PathDialogs(page).createFolder('incoming');
    // A real directory of a hierarchical namespace: its own icon.
    await expect(files.row('incoming').locator('[data-namespace="hns"]')).toBeVisible();
    await putTwoFiles(container, 'incoming');
    await renameThenDelete(page, files, container, 'incoming', 'landed');
  } finally {
    await dfs.stop();
  }
});

test('flat account: cut and paste and a drag onto the tree move files; a folder cannot go into itself; operations show in Transfers', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  const page = app.page;
  const dialogs = new PathDialogs(page);
  await welcome.pickLocalEmulator();
  const container = emulatorBlobService(dataDir).getContainerClient('pathops-move');
  await container.create();
  await putTwoFiles(container, 'src');
  await container.getBlockBlobClient('dest/keep.txt').uploadData(Buffer.from('keep\n'));
  // Made outside the app after it listed the emulator's containers: Refresh shows it.
  await dialogs.toolbar('Refresh');

  // Ctrl+X on a file of src, Ctrl+V in dest.
  await tree.expand('Local emulator', 'pathops-move', 'src');
  await files.row('a.csv').click();
  await page.keyboard.press('Control+x');
  await tree.select('dest');
  await files.row('keep.txt').click();
  await page.keyboard.press('Control+v');
  await expect(files.row('a.csv')).toBeVisible();
  let stored = await blobs(container);
  expect(stored.get('dest/a.csv')?.equals(fileA)).toBe(true);
  expect(stored.has('src/a.csv')).toBe(false);
  const moved = transfers.region.getByRole('listitem', { name: 'Moving src/a.csv to dest/a.csv' });
  await expect(moved).toContainText('Completed');

  // A name already taken: the contract's error, and nothing changes.
  await files.row('a.csv').click();
  await dialogs.toolbar('Rename');
  await dialogs.rename().getByRole('textbox').fill('keep.txt');
  await dialogs.rename().getByRole('button', { name: 'Rename' }).click();
  await expect(dialogs.rename().getByRole('alert')).toContainText('AlreadyExists');
  await expect(dialogs.rename().getByRole('alert')).toContainText('nothing was changed');
  await dialogs.rename().getByRole('button', { name: 'Cancel' }).click();
  stored = await blobs(container);
  expect(stored.get('dest/keep.txt')?.toString()).toBe('keep\n');
  expect(stored.get('dest/a.csv')?.equals(fileA)).toBe(true);

  // A folder into itself is refused before any call.
  await tree.select('pathops-move');
  await files.row('src').click();
  await page.keyboard.press('F2');
  await dialogs.rename().getByRole('textbox').fill('src/inner');
  await expect(dialogs.rename()).toContainText('A folder cannot be moved into itself');
  await expect(dialogs.rename().getByRole('button', { name: 'Rename' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialogs.rename()).toBeHidden();

  // Drag the src row onto dest in the tree.
  await files.row('src').dragTo(tree.item('dest').getByText('dest', { exact: true }));
  await expect(files.row('src')).toHaveCount(0);
  stored = await blobs(container);
  expect(under(stored, 'src')).toEqual([]);
  expect(stored.get('dest/src/deep/b.bin')?.equals(fileB)).toBe(true);

  // Two files picked with Ctrl+click go in one delete: "2 items".
  await tree.select('dest');
  await files.row('a.csv').click();
  await files.row('keep.txt').click({ modifiers: ['Control'] });
  await expect(files.grid.locator('[aria-selected="true"]')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(dialogs.delete()).toContainText('Delete 2 items?');
  await expect(
    dialogs
      .delete()
      .getByLabel('What will be deleted')
      .getByText(/^2 files, /),
  ).toHaveAttribute('title', exactBytes(fileA.length + 'keep\n'.length));
  await dialogs.delete().getByRole('button', { name: 'Delete' }).click();
  await expect(dialogs.delete()).toBeHidden();
  await expect(files.rows()).toHaveCount(1);
  expect([...(await blobs(container)).keys()].sort()).toEqual(
    [...stored.keys()].filter((n) => n !== 'dest/a.csv' && n !== 'dest/keep.txt').sort(),
  );

  // Finished operations go with Clear finished.
  await transfers.region.getByRole('button', { name: 'Clear finished' }).click();
  await expect(moved).toHaveCount(0);
});

test('delete of a folder of 200 files: the dialog counts them; Cancel deletes nothing', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const dialogs = new PathDialogs(app.page);
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await files.row('many').click();
  await dialogs.toolbar('Delete');
  const stored = await blobs(emulatorBlobService(dataDir).getContainerClient('samples'));
  const many = under(stored, 'many');
  const bytes = many.reduce((n, name) => n + stored.get(name)!.length, 0);
  expect(many).toHaveLength(200);
  const counted = dialogs
    .delete()
    .getByLabel('What will be deleted')
    .getByText(/^200 files, /);
  await expect(counted).toHaveAttribute('title', exactBytes(bytes));
  await dialogs.delete().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialogs.delete()).toBeHidden();
  await expect(files.grid).toBeFocused();
  const after = await blobs(emulatorBlobService(dataDir).getContainerClient('samples'));
  expect(under(after, 'many')).toEqual(many);
});

test('Copy link puts the blob URL and the abfss path of the selected file on the clipboard', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const dialogs = new PathDialogs(page);
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();

  await dialogs.toolbar('Copy link');
  await page.getByRole('menuitem', { name: 'Copy URL' }).click();
  const url = `${emulatorBlobEndpoint(dataDir)}/samples/raw/sales/2025/01/orders.csv`;
  // The notice stands beside the toolbar, outside its overflow.
  await expect(page.getByText(`Copied ${url}`)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  await dialogs.toolbar('Copy link');
  await page.getByRole('menuitem', { name: 'Copy abfss path' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toMatch(/^abfss:\/\/samples@devstoreaccount1\.dfs\.[^/]+\/raw\/sales\/2025\/01\/orders\.csv$/);
});

test('keys and the context menu: Ctrl+Shift+N, a bad name refused, rename into a folder from the menu, a row dragged onto a folder row', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  const dialogs = new PathDialogs(page);
  await welcome.pickLocalEmulator();
  const container = emulatorBlobService(dataDir).getContainerClient('pathops-keys');
  await container.create();
  await container.getBlockBlobClient('x.txt').uploadData(fileA);
  await container.getBlockBlobClient('z.bin').uploadData(fileB);
  await dialogs.toolbar('Refresh');
  await tree.expand('Local emulator', 'pathops-keys');

  await files.row('x.txt').click();
  await page.keyboard.press('Control+Shift+N');
  const name = dialogs.newFolder().getByRole('textbox', { name: 'Name' });
  await name.fill('a/b');
  await expect(dialogs.newFolder()).toContainText('A name cannot contain "/"');
  await dialogs.newFolder().getByRole('button', { name: 'Create' }).click();
  await expect(dialogs.newFolder()).toBeVisible();
  await name.fill('box');
  await dialogs.newFolder().getByRole('button', { name: 'Create' }).click();
  await expect(dialogs.newFolder()).toBeHidden();
  await expect(files.row('box')).toHaveAttribute('aria-selected', 'true');

  // Rename from the context menu, with a path: the file moves into the folder.
  await files.row('x.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /^Rename or move/ }).click();
  await dialogs.rename().getByRole('textbox').fill('box/y.txt');
  await dialogs.rename().getByRole('button', { name: 'Rename' }).click();
  await expect(dialogs.rename()).toBeHidden();
  await expect(files.row('x.txt')).toHaveCount(0);

  // A row dropped on a folder row moves into it.
  await files.row('z.bin').dragTo(files.row('box'));
  await expect(files.row('z.bin')).toHaveCount(0);
  const stored = await blobs(container);
  expect(stored.get('box/y.txt')?.equals(fileA)).toBe(true);
  expect(stored.get('box/z.bin')?.equals(fileB)).toBe(true);
  expect([...stored.keys()].filter((n) => !n.startsWith('box'))).toEqual([]);

  // Shift+F10 opens the same menu for the focused row.
  await files.row('box').click();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'File actions' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'File actions' })).toBeHidden();
});

test.describe('a folder of 2,000 blobs', () => {
  test.use({ sampleMany: 2000 });

  /** Opens samples in the emulator and the Delete dialog of its folder many. */
  async function deleteMany({
    app,
    dataDir,
    welcome,
    tree,
    files,
  }: Pick<AppFixtures, 'app' | 'dataDir' | 'welcome' | 'tree' | 'files'>) {
    const dialogs = new PathDialogs(app.page);
    await welcome.pickLocalEmulator();
    const samples = emulatorBlobService(dataDir).getContainerClient('samples');
    await tree.expand('Local emulator', 'samples');
    await files.row('many').click();
    await app.page.keyboard.press('Delete');
    return { dialogs, samples };
  }

  /** How many blobs `container` holds whose names start with `prefix`. */
  async function countBlobs(container: ContainerClient, prefix: string): Promise<number> {
    let n = 0;
    for await (const blob of container.listBlobsFlat({ prefix })) n += blob ? 1 : 0;
    return n;
  }

  test('Delete while the count runs: the count stops, every blob goes, the operation completes in Transfers', async ({
    app,
    dataDir,
    welcome,
    tree,
    files,
    transfers,
  }) => {
    const { dialogs, samples } = await deleteMany({ app, dataDir, welcome, tree, files });
    await expect(dialogs.delete()).toContainText('Delete “many”?');
    await dialogs.delete().getByRole('button', { name: 'Delete' }).click();
    await expect(dialogs.delete()).toBeHidden({ timeout: 120_000 });
    await expect(files.row('many')).toHaveCount(0);
    await expect(transfers.region.getByRole('listitem', { name: 'Deleting many' })).toContainText(
      'Completed · 2,000',
    );
    expect(await countBlobs(samples, 'many')).toBe(0);
  });

  test('a delete sent to the background is cancelled from the Transfers panel; what was not deleted stays', async ({
    app,
    dataDir,
    welcome,
    tree,
    files,
    transfers,
  }) => {
    const { dialogs, samples } = await deleteMany({ app, dataDir, welcome, tree, files });
    await dialogs.delete().getByRole('button', { name: 'Delete' }).click();
    await dialogs.delete().getByRole('button', { name: 'Run in background' }).click();
    await expect(dialogs.delete()).toBeHidden();
    const operation = transfers.region.getByRole('listitem', { name: 'Deleting many' });
    await operation.getByRole('button', { name: 'Cancel Deleting many' }).click();
    await expect(operation).toContainText('Cancelled');
    await expect(operation.getByRole('button', { name: 'Cancel Deleting many' })).toHaveCount(0);
    const left = await countBlobs(samples, 'many/');
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(2000);
    await expect(files.row('many')).toBeVisible();
  });
});

test('Ctrl+C then Ctrl+V copies a folder server-side into another account; the source stays', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const source = emulatorBlobService(dataDir).getContainerClient('pathops-copy');
  await source.create();
  await putTwoFiles(source, 'batch');
  const dfs = await startHnsAccount(dataDir);
  try {
    const target = BlobServiceClient.fromConnectionString(dfs.connectionString).getContainerClient(
      'landing',
    );
    await target.create();
    await welcome.addConnectionString('HNS lake', dfs.connectionString);

    await tree.select('Local emulator');
    await new PathDialogs(page).toolbar('Refresh');
    await tree.expand('Local emulator', 'pathops-copy');
    await files.row('batch').click();
    await page.keyboard.press('Control+c');
    await tree.expand('HNS lake', 'landing');
    await page
      .getByRole('toolbar', { name: 'Main' })
      .getByRole('button', { name: 'Paste' })
      .click();
    await expect(
      transfers.region.getByRole('listitem', { name: 'Copying batch to landing/' }),
    ).toContainText('Completed');
    await expect(files.row('batch')).toBeVisible();

    const copied = await blobs(target);
    expect(copied.get('batch/a.csv')?.equals(fileA)).toBe(true);
    expect(copied.get('batch/deep/b.bin')?.equals(fileB)).toBe(true);
    const kept = await blobs(source);
    expect(kept.get('batch/a.csv')?.equals(fileA)).toBe(true);
    expect(kept.get('batch/deep/b.bin')?.equals(fileB)).toBe(true);
  } finally {
    await dfs.stop();
  }
});
