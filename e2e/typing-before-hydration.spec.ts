// An old PC at the gatehouse: the form shows before its code runs, and the clerk starts typing at once.
// What was typed then must survive the form coming alive (React 19 and react-hook-form keep it; this
// guards that), in the form's own state too (the checks see it), and the focus must stay where the clerk
// is typing (the form used to move it to the vehicle registration as it came alive).
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { holdScripts } from './support/hold-scripts';
import { logSentLoad } from './support/load-seed';

test.use({ storageState: storageStateFor('clerk') });

test('what a clerk types before the page comes alive is kept', async ({ page }) => {
  await page.addInitScript(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('weighbook:new-load:')) localStorage.removeItem(k);
  });
  const release = await holdScripts(page);
  // Not waiting for the page's events: they wait for the held scripts.
  await page.goto('/loads/new', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
  await expect(page.locator('form[data-alive="true"]')).toHaveCount(0); // not alive yet

  await page.getByLabel('Vehicle registration').fill('AB12 CDE');
  await page.getByLabel('Carrier name').fill('Early Bird Haulage');
  await page.getByLabel('Carrier name').press('End'); // the clerk is still in this field

  await release();

  await expect(page.getByLabel('Vehicle registration')).toHaveValue('AB12 CDE');
  await expect(page.getByLabel('Carrier name')).toHaveValue('Early Bird Haulage');
  await expect(page.getByLabel('Carrier name')).toBeFocused();
  // In the form's state, not only on screen: the checks ask for what is missing, not for these.
  await page.getByRole('button', { name: 'Save and send to DWT' }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link').first()).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the carrier’s name' })).toHaveCount(0);
  await expect(summary.getByRole('link', { name: 'Enter the vehicle registration' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test.describe('a manager’s correction', () => {
  test.use({ storageState: storageStateFor('manager') });

  test('a weight typed before the form comes alive is kept, not added to the stored one', async ({ page }) => {
    const load = await logSentLoad(page, { weight: '1.5' });
    const release = await holdScripts(page);
    await page.goto(`/loads/${load.id}/edit`, { waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 1, name: `Correct load ${load.ticketNumber}` })).toBeVisible();
    const weight = page.getByRole('group', { name: 'Waste item 1', exact: true }).getByLabel('Weight', { exact: true });
    await weight.fill('1.75');
    await release();
    await expect(weight).toHaveValue('1.75');
  });
});
