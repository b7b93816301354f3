// One full load completed with the keyboard alone: Tab to each field in order, type, choose from the
// EWC combobox with the keyboard, and send.
import { expect, test, type Page } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { LoadFormPage } from './support/load-form';

test.use({ storageState: storageStateFor('clerk') });

/** Presses Tab until the focused control's label matches; fails if it is not reachable in order. */
async function tabTo(page: Page, name: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return '';
      return (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (label === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
}

test('a clerk logs a whole load without touching the mouse', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  await page.locator('body').focus();

  await tabTo(page, 'Vehicle registration');
  await page.keyboard.type('KB12 OAD');
  await tabTo(page, 'Carrier name');
  await page.keyboard.type('Keyboard Carriers Ltd');
  await tabTo(page, 'Carrier registration number');
  await page.keyboard.type('CBDL123456');
  await tabTo(page, 'EWC codes');
  await page.keyboard.type('soil and stones other');
  await expect(page.getByRole('listbox', { name: 'EWC codes' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(form.item(0).getByRole('button', { name: /Remove 17 05 04/ })).toBeVisible();
  await tabTo(page, 'Description of the waste');
  await page.keyboard.type('Soil from a garden');
  await tabTo(page, 'Physical form');
  await page.keyboard.type('Solid');
  await tabTo(page, 'Number of containers');
  await page.keyboard.type('1');
  await tabTo(page, 'Type of containers');
  await page.keyboard.type('Skip');
  await tabTo(page, 'Gross weight');
  await page.keyboard.type('16');
  await tabTo(page, 'Tare weight');
  await page.keyboard.type('9.5');
  await expect(page.getByTestId('net-0')).toHaveText('6.5 Tonnes');
  await tabTo(page, 'Save and send to DWT', 80);
  await page.keyboard.press('Enter');
  await form.expectSent();
});
