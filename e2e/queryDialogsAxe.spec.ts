import { expect, test } from './fixtures.js';
import { QueryDialog } from './pages/queryDialog.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { expectNoSeriousViolations } from './support/accessibility.js';

// Issue 12's axe point covers each dialog, in light and dark: here the dialogs of Query with SQL
// (issue 16) — the query with its result and with a DuckDB error, Save result, Convert with its
// inferred schema, and Delta maintenance — each as a user sees it, nested in the query dialog.

for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds nothing serious in Query with SQL and its dialogs, ${theme.toLowerCase()} theme`, async ({
    app,
    emulator,
  }) => {
    const page = app.page;
    const t = theme.toLowerCase();
    await new SettingsDialog(page).chooseTheme(theme);
    const sql = new QueryDialog(page);

    await emulator.startAt('samples', 'curated', 'sales');
    const query = await sql.openOn('orders_2025q1.parquet');
    await query.getByRole('button', { name: 'Run' }).click();
    await expect(query.getByRole('status')).toContainText('rows');
    await expectNoSeriousViolations(page, `query result, ${t}`);

    await sql.write('SELECT regin FROM t');
    await query.getByRole('button', { name: 'Run' }).click();
    await expect(query.getByRole('alert')).toContainText('Referenced column "regin" not found');
    await expectNoSeriousViolations(page, `query error, ${t}`);

    await sql.write('SELECT * FROM t LIMIT 5');
    await query.getByRole('button', { name: 'Run' }).click();
    await expect(query.getByRole('status')).toContainText('5 rows');
    await query.getByRole('button', { name: 'Save result…' }).click();
    const save = page.getByRole('dialog', { name: 'Save result' });
    await expect(save.getByRole('button', { name: 'Save' })).toBeVisible();
    await expectNoSeriousViolations(page, `Save result, ${t}`);
    await save.getByRole('button', { name: 'Close' }).click();
    await expect(save).toBeHidden();
    await query.getByRole('button', { name: 'Close' }).first().click();
    await expect(query).toBeHidden();

    await emulator.openAt('samples', 'raw', 'sales', '2025', '01');
    const convert = await sql.openTool('orders.csv', 'Convert…');
    await expect(convert.getByRole('button', { name: 'Convert' })).toBeVisible();
    await expect(convert).toContainText('order_id');
    await expectNoSeriousViolations(page, `Convert, ${t}`);
    await convert.getByRole('button', { name: 'Close' }).click();
    await expect(convert).toBeHidden();
    await sql.dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(sql.dialog).toBeHidden();

    await emulator.openAt('samples', 'curated', 'delta');
    const delta = await sql.openTool('orders', 'Delta maintenance…');
    await expect(delta.getByRole('textbox', { name: 'Version to restore' })).toBeVisible();
    await expectNoSeriousViolations(page, `Delta maintenance, ${t}`);
  });
}
