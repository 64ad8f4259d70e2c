import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

/** A dropped tree: a folder maps names to children, a string is a file's text. */
type Tree = { [name: string]: Tree | string };

/**
 * Drops `tree` on `target` the way Chromium hands a desktop drop to the page: one
 * `DataTransferItem` per top-level entry whose `webkitGetAsEntry()` is a file or directory
 * entry (a script cannot build real ones, so these answer the same methods).
 */
async function dropTree(target: Locator, tree: Tree): Promise<void> {
  await target.evaluate((element, tree) => {
    type Node = { [name: string]: Node | string };
    const entry = (name: string, node: Node | string, parent: string): unknown => {
      const fullPath = `${parent}/${name}`;
      if (typeof node === 'string') {
        const file = new File([node], name, { type: 'text/plain' });
        return {
          name,
          fullPath,
          isFile: true,
          isDirectory: false,
          file: (ok: (f: File) => void) => ok(file),
        };
      }
      const children = Object.entries(node).map(([n, c]) => entry(n, c, fullPath));
      return {
        name,
        fullPath,
        isFile: false,
        isDirectory: true,
        createReader: () => {
          let given = false;
          return {
            readEntries: (ok: (e: unknown[]) => void) => {
              ok(given ? [] : children);
              given = true;
            },
          };
        },
      };
    };
    const data = new DataTransfer();
    // Real folder drops carry a File per top-level item too (types then include "Files").
    for (const name of Object.keys(tree)) data.items.add(new File([], name));
    const items = Object.entries(tree).map(([name, node]) => ({
      kind: 'file',
      webkitGetAsEntry: () => entry(name, node, ''),
    }));
    Object.defineProperty(data, 'items', { value: items });
    element.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
    );
  }, tree);
}

test('a dropped folder tree keeps its empty folders, and an empty folder dropped alone arrives', async ({
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'config');
  await expect(files.rows().first()).toBeVisible();

  await dropTree(files.grid, {
    project: { 'notes.txt': 'kept\n', empty: {}, deeper: { alsoEmpty: {} } },
    lonely: {},
  });
  await expect(transfers.job('Upload', 'project')).toContainText('Completed');
  await expect(transfers.job('Upload', 'lonely')).toContainText('Completed');

  // The service holds a folder marker for each empty folder, the file with its bytes.
  const container = emulatorBlobService(dataDir).getContainerClient('samples');
  for (const name of ['project/empty', 'project/deeper/alsoEmpty', 'lonely']) {
    const props = await container.getBlobClient(`raw/config/${name}`).getProperties();
    expect(props.contentLength, name).toBe(0);
    expect(props.metadata?.hdi_isfolder, name).toBe('true');
  }
  const notes = await container.getBlobClient('raw/config/project/notes.txt').downloadToBuffer();
  expect(notes.toString()).toBe('kept\n');

  // And the list shows them as folders.
  await expect(files.row('lonely')).toContainText('Folder');
  await files.row('project').dblclick();
  await expect(files.row('empty')).toContainText('Folder');
  await expect(files.row('deeper')).toContainText('Folder');
  await expect(files.row('notes.txt')).toBeVisible();
});
