import { ContainerSASPermissions } from '@azure/storage-blob';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

/** SAS_SHOTS=<dir>: the tree with a SAS about to expire, light and dark, at both sizes. */
const shots = process.env.SAS_SHOTS;

test('a SAS that expires within a day is marked in the tree, its expiry in the tooltip; one that does not is not', async ({
  app,
  dataDir,
  welcome,
  tree,
}) => {
  await welcome.pickLocalEmulator();
  const samples = emulatorBlobService(dataDir).getContainerClient('samples');
  const sasFor = (hours: number) =>
    samples.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + hours * 3_600_000),
    });
  const expiries = new Map<string, string>();
  for (const [name, hours] of [
    ['Six hours', 6],
    ['Two days', 48],
  ] as const) {
    const url = await sasFor(hours);
    expiries.set(name, new URL(url).searchParams.get('se') ?? '');
    await welcome.openAddConnection();
    const add = welcome.dialog();
    await add.getByRole('radio', { name: 'SAS URL' }).check();
    await add.getByRole('textbox', { name: 'Display name (optional)' }).fill(name);
    await add.getByRole('textbox', { name: /SAS URL/ }).fill(url);
    await add.getByRole('button', { name: 'Connect' }).click();
    await expect(add).toBeHidden();
  }

  const badge = tree.item('Six hours').getByText('SAS expires soon');
  await expect(badge).toBeVisible();
  await expect(tree.item('Two days')).toBeVisible();
  await expect(tree.item('Two days').getByText('SAS expires soon')).toHaveCount(0);
  await badge.hover();
  // The SAS's own se=, in the window's local date and time.
  const local = await app.page.evaluate(
    (at) => new Date(at).toLocaleString(),
    expiries.get('Six hours') ?? '',
  );
  await expect(app.page.getByRole('tooltip')).toHaveText(
    `This SAS expires at ${local}; get a new one.`,
  );
  if (shots) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      await shootBothSizes(app.page, shots, `sas-soon-${colorScheme}`);
    }
  }
});
