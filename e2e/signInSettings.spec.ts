import { expect, test } from './fixtures.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { shootBothSizes } from './pages/screenshots.js';

/** SIGN_IN_SETTINGS_SHOTS=<dir>: Settings → Sign-in with its default and a refused value, at both sizes. */
const shots = process.env.SIGN_IN_SETTINGS_SHOTS;

test("Settings shows the sign-in's application (client) id with its documented default, refuses a non-GUID and keeps a new one", async ({
  app,
}) => {
  const page = app.page;
  // The small window first, so that the field scrolled to stays in view in its shot.
  await page.setViewportSize({ width: 1024, height: 640 });
  const settings = new SettingsDialog(page);
  await settings.open();
  const field = settings.dialog.getByRole('textbox', { name: 'Application (client) id' });
  await expect(field).toHaveValue('04b07795-8ddb-461a-bbee-02f9e1bf7b46');
  await expect(settings.dialog).toContainText(
    "default 04b07795-8ddb-461a-bbee-02f9e1bf7b46 (the Azure CLI's)",
  );
  await field.scrollIntoViewIfNeeded();
  await shootBothSizes(page, shots, 'sign-in-default');
  await field.fill('my-app');
  await field.blur();
  await expect(settings.dialog).toContainText('An application (client) id is a GUID');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await settings.dialog.getByText('An application (client) id is a GUID').scrollIntoViewIfNeeded();
  await shootBothSizes(page, shots, 'sign-in-refused');
  const own = '0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f';
  await field.fill(own);
  await field.blur();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await settings.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(settings.dialog).toBeHidden();
  // Saved: a reload of the window reads it back from main.
  await page.reload();
  await settings.open();
  await expect(
    settings.dialog.getByRole('textbox', { name: 'Application (client) id' }),
  ).toHaveValue(own);
});
