import type { Page } from '@playwright/test';
import { avroEvents } from '../src-main/emulator/seed/avroSample.js';
import { deltaTableOrders } from '../src-main/emulator/seed/deltaTable.js';
import { shootBothSizes } from './pages/screenshots.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';
import { expect, test } from './fixtures.js';

// What the preview pane shows inside it: table headers with types, alignment, nulls, local
// dates, column sizing and resizing, copying a selected range, Markdown, wrapping, NDJSON
// commit files and the hex dump's ASCII column.

/** With PREVIEW_SHOTS=<dir>, screenshots of the window at 1024×640 and 1920×1080 (for looking at, not asserting). */
const shoot = (page: Page, name: string) =>
  shootBothSizes(page, process.env.PREVIEW_SHOTS, `preview-${name}`);

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('a table shows column types, right-aligned numbers, muted nulls and local timestamps; columns fit and resize', async ({
  app,
  emulator,
  files,
  preview,
}) => {
  await emulator.startAt('samples', 'curated', 'events');
  await files.row('events.avro').click();
  await expect(preview.table()).toBeVisible();

  // The type is in the header, not only in a tooltip.
  expect(await preview.columnNames()).toEqual(['event_id', 'at', 'kind', 'user', 'amount', 'tags']);
  expect(await preview.columnTypes()).toEqual([
    'long',
    'timestamp-millis · local',
    'enum',
    'string',
    'double',
    'array',
  ]);

  // timestamp-millis shows as a local date-time, not 1738404000000.
  const events = avroEvents(300);
  const local = await app.page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }, events[0]!.at);
  expect((await preview.rowCells(0))[1]).toBe(local);

  // Numbers are right-aligned, text is not.
  const align = (row: number, column: number) =>
    preview.cell(row, column).evaluate((el) => getComputedStyle(el).textAlign);
  expect(await align(0, 0)).toBe('right');
  expect(await align(0, 3)).not.toBe('right');
  expect(
    await preview.columnHeader('amount').evaluate((el) => getComputedStyle(el).textAlign),
  ).toBe('right');

  // A null is a muted "null", coloured by the theme's neutral foreground 4.
  const nullRow = events.findIndex((e) => e.amount === null);
  const nullCell = preview.cell(nullRow, 4);
  await expect(nullCell).toHaveText('null');
  const colours = await nullCell.evaluate((cell) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--colorNeutralForeground4)';
    cell.appendChild(probe);
    const muted = getComputedStyle(probe).color;
    probe.remove();
    return {
      nullText: getComputedStyle(cell.firstElementChild!).color,
      muted,
      value: getComputedStyle(cell.previousElementSibling!.firstElementChild!).color,
    };
  });
  expect(colours.nullText).toBe(colours.muted);
  expect(colours.value).not.toBe(colours.muted);

  // Columns are sized to their content within 60–400 px, not all alike.
  const widths = await preview
    .table()
    .getByRole('columnheader')
    .evaluateAll((hs) => hs.map((h) => h.getBoundingClientRect().width));
  for (const w of widths) {
    expect(w).toBeGreaterThanOrEqual(60);
    expect(w).toBeLessThanOrEqual(400);
  }
  expect(new Set(widths.map(Math.round)).size).toBeGreaterThan(2);
  // The widest value of "at" fits its column: no ellipsis.
  const atCell = preview.cell(0, 1).locator('span');
  expect(await atCell.evaluate((s) => s.scrollWidth <= s.clientWidth)).toBe(true);

  // Dragging a header's right edge resizes that column, and its cells with it.
  const header = preview.columnHeader('user');
  const before = (await header.boundingBox())!;
  const handle = (await preview.resizeHandle('user').boundingBox())!;
  await app.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(handle.x + handle.width / 2 + 90, handle.y + handle.height / 2, {
    steps: 5,
  });
  await app.page.mouse.up();
  await expect
    .poll(async () => Math.round((await header.boundingBox())!.width))
    .toBe(Math.round(before.width + 90));
  expect(Math.round((await preview.cell(0, 3).boundingBox())!.width)).toBe(
    Math.round(before.width + 90),
  );
  // And from the keyboard.
  await preview.resizeHandle('user').focus();
  await app.page.keyboard.press('ArrowLeft');
  await expect
    .poll(async () => Math.round((await header.boundingBox())!.width))
    .toBe(Math.round(before.width + 80));
  await shoot(app.page, 'avro');
});

test('a click selects without copying; Shift-click selects a range that Ctrl+C copies as TSV', async ({
  app,
  emulator,
  files,
  preview,
}) => {
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(app.page.url()).origin,
  });
  await emulator.startAt('samples', 'curated', 'events');
  await files.row('events.avro').click();
  await expect(preview.table()).toBeVisible();
  await app.page.evaluate(() => navigator.clipboard.writeText('left alone'));

  await preview.cell(0, 0).click();
  await expect(preview.cell(0, 0)).toHaveAttribute('aria-selected', 'true');
  expect(await readClipboard(app.page)).toBe('left alone');

  await preview.cell(2, 1).click({ modifiers: ['Shift'] });
  for (const [r, c] of [
    [0, 0],
    [1, 1],
    [2, 0],
  ] as const) {
    await expect(preview.cell(r, c)).toHaveAttribute('aria-selected', 'true');
  }
  await expect(preview.cell(0, 2)).toHaveAttribute('aria-selected', 'false');
  expect(await readClipboard(app.page)).toBe('left alone');

  await app.page.keyboard.press('Control+c');
  const shown = await Promise.all([0, 1, 2].map((r) => preview.rowCells(r)));
  const tsv = shown.map((cells) => cells.slice(0, 2).join('\t')).join('\n');
  await expect.poll(() => readClipboard(app.page)).toBe(tsv);
  await expect(preview.region).toContainText('Copied 3 × 2 cells.');

  // The Copy button does the same for a single cell.
  await preview.cell(1, 3).click();
  await preview.region.getByRole('button', { name: 'Copy' }).click();
  await expect.poll(() => readClipboard(app.page)).toBe((await preview.rowCells(1))[3]);
});

test('a Delta table shows its dates as days and the checkpoint as information; a commit file is an NDJSON table', async ({
  app,
  emulator,
  tree,
  files,
  preview,
}) => {
  await emulator.startAt('samples', 'curated', 'delta');
  await files.row('orders').click();
  await expect(preview.region).toContainText('Delta table · version 3 of 3');
  const dateColumn = (await preview.columnNames()).indexOf('order_date');
  expect((await preview.rowCells(0))[dateColumn]).toBe(deltaTableOrders(3)[0]!.orderDate);
  await expect(preview.region).toContainText('read from checkpoint 2');
  await expect(preview.region.locator('.fui-MessageBar')).toHaveCount(0);
  await shoot(app.page, 'delta');

  await tree.expand('orders', '_delta_log');
  await files.row('00000000000000000000.json').click();
  await expect(preview.table()).toBeVisible();
  expect(await preview.columnNames()).toEqual(['commitInfo', 'protocol', 'metaData', 'add']);
  await expect(preview.region).not.toContainText('Invalid JSON');
  await expect(preview.region).toContainText('NDJSON');
  expect((await preview.rowCells(0))[0]).toContain('"operation":"WRITE"');
  await shoot(app.page, 'deltalog');
});

test('Markdown is rendered and sanitised; long lines wrap on request, remembered; the hex dump keeps its ASCII column in view', async ({
  app,
  dataDir,
  emulator,
  tree,
  files,
  preview,
}) => {
  await emulator.startAt('samples');
  const samples = emulatorBlobService(dataDir).getContainerClient('samples');
  const md = [
    '# Field notes',
    '',
    '## What is here',
    '',
    '- one **bold** item',
    '',
    '<script>window.__markdownScriptRan = true</script>',
    '<img src="http://198.51.100.7/pixel.png" onerror="window.__markdownScriptRan = true">',
    '',
    '![a remote picture](http://198.51.100.7/picture.png)',
    '',
    '[a link](https://example.com/)',
  ].join('\n');
  const long = `${'word '.repeat(600)}end\nsecond line\n`;
  for (const [name, body] of [
    ['raw/notes/field-notes.md', md],
    ['raw/notes/long-line.txt', long],
  ] as const) {
    await samples.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
  }

  // raw/ was not opened yet, so its listing includes the new folder.
  await tree.expand('samples', 'raw', 'notes');
  await files.row('field-notes.md').click();
  const doc = preview.markdown();
  await expect(doc.getByRole('heading', { level: 1, name: 'Field notes' })).toBeVisible();
  await expect(doc.getByRole('heading', { level: 2, name: 'What is here' })).toBeVisible();
  await expect(doc.getByRole('listitem')).toHaveText('one bold item');
  await expect(doc.getByRole('link', { name: 'a link' })).toBeVisible();
  expect(await doc.locator('script, img, iframe').count()).toBe(0);
  await expect(doc).toContainText('[a remote picture]');
  expect(
    await app.page.evaluate(
      () => (window as unknown as Record<string, unknown>).__markdownScriptRan,
    ),
  ).toBeUndefined();
  await shoot(app.page, 'markdown');

  // Long lines: cut off (scrolling sideways) until "Wrap long lines" is on.
  await files.row('long-line.txt').click();
  const overflows = () => preview.text().evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  await expect(preview.wrapSwitch()).not.toBeChecked();
  expect(await overflows()).toBe(true);
  await preview.wrapSwitch().check();
  await expect.poll(overflows).toBe(false);
  await expect(preview.text()).toContainText('end');
  await shoot(app.page, 'wrapped');
  // Remembered: another file, then back.
  await files.row('field-notes.md').click();
  await expect(preview.markdown()).toBeVisible();
  await files.row('long-line.txt').click();
  await expect(preview.wrapSwitch()).toBeChecked();
  expect(await overflows()).toBe(false);

  // The hex dump's ASCII column is in view without scrolling sideways.
  await tree.expand('samples', 'misc');
  await files.row('blob.bin').click();
  const hex = preview.hexDump();
  await expect(hex).toContainText('|');
  expect(await hex.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect((await hex.innerText()).split('\n')[0]).toMatch(/^00000000 {2}[0-9a-f ]+ {2}\|.+\|$/);
  await shoot(app.page, 'hex');
});
