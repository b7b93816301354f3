// What the clerk sees when DWT refuses, is down, or may have stored a load without answering. These
// tests turn the shared sandbox's knobs, so they run on their own (project "dwt-faults").
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { LoadFormPage } from './support/load-form';
import { sandbox } from './support/sandbox';

test.use({ storageState: storageStateFor('clerk') });
test.describe.configure({ mode: 'serial' });
test.afterEach(async () => {
  await sandbox.reset();
});

async function fillGoodLoad(form: LoadFormPage) {
  await form.open();
  await form.fillCarrier({ name: 'Keepsake Haulage Ltd', registration: 'CBDU222333', vehicle: 'KE19 EPS', postcode: 'ls1 4ab' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil and stones', gross: '20.5', tare: '11.25', codes: [{ code: 'R5', weight: '9.25' }] });
}

test('a load DWT refuses keeps every typed value and shows DWT’s errors on the right fields', async ({ page }) => {
  await sandbox.setKnobs({ withdrawnEwcCodes: ['170504'] });
  const form = new LoadFormPage(page);
  await fillGoodLoad(form);
  await form.send();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved – needs attention' })).toBeVisible();
  await expect(errorSummary(page)).toContainText('DWT refused the load');
  const ewc = form.item(0).getByRole('combobox', { name: 'EWC codes' });
  await expect(ewc).toHaveAttribute('aria-invalid', 'true');
  await expect(errorSummary(page).getByRole('link', { name: /EWC code 170504 is not in the List of Wastes/ })).toBeVisible();
  // Everything typed is still there.
  await expect(page.getByLabel('Carrier name')).toHaveValue('Keepsake Haulage Ltd');
  await expect(page.getByLabel('Carrier registration number')).toHaveValue('CBDU222333');
  await expect(page.getByLabel('Vehicle registration')).toHaveValue('KE19 EPS');
  await expect(form.item(0).getByLabel('Description of the waste')).toHaveValue('Soil and stones');
  await expect(form.item(0).getByLabel('Gross weight')).toHaveValue('20.5');
  await expect(form.item(0).getByLabel('Tare weight')).toHaveValue('11.25');
  await expectNoAxeViolations(page);

  // DWT takes the code again: saving the same load sends it (one load, not two).
  await sandbox.reset();
  await form.send();
  await form.expectSent();
});

test('with DWT down the load is kept as waiting to send', async ({ page }) => {
  await sandbox.setKnobs({ down: 'refuse' });
  const form = new LoadFormPage(page);
  await fillGoodLoad(form);
  await form.send();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved – waiting to send' })).toBeVisible();
  await expect(page.getByText('DWT cannot be reached. The load is saved')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Print the weighbridge ticket' }).click();
  await expect(page.getByText('Not yet issued: the load is saved and will be reported to DWT.')).toBeVisible();
});

test('a POST that may have reached DWT unanswered is never resent by itself: the manager is told there is no way to check, sends it again, and it is marked as a possible duplicate', async ({
  page,
  browser,
}) => {
  await sandbox.setKnobs({ dropAfterReadingPost: true });
  const form = new LoadFormPage(page);
  await fillGoodLoad(form);
  await form.send();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved – check needed' })).toBeVisible();
  await expectNoAxeViolations(page);
  const ticket = (await page.getByRole('status').filter({ hasText: 'Ticket' }).locator('span.font-semibold').first().textContent())!.trim();
  const receiptHref = (await page.getByRole('link', { name: 'Print the weighbridge ticket' }).getAttribute('href'))!;
  const loadPath = receiptHref.replace(/\/receipt$/, '');

  // DWT did store it, once; the app did not send it again.
  await sandbox.setKnobs({ dropAfterReadingPost: false });
  expect(await sandbox.movementsFor(ticket)).toHaveLength(1);
  const manager = await browser.newContext({ storageState: storageStateFor('manager') });
  const managerPage = await manager.newPage();
  await managerPage.goto('/delivery');
  await expect(managerPage.getByRole('heading', { level: 1, name: 'Delivery to DWT' })).toBeVisible();
  await expectNoAxeViolations(managerPage);
  await managerPage.goto(loadPath);
  const panel = managerPage.getByRole('region', { name: 'Check needed: DWT may already have this load' });
  await expect(panel).toBeVisible();
  // Honest: nobody can look the load up (the app runs against the built-in sandbox here, and says so).
  await expect(panel).toContainText('There is no way to check.');
  await expect(panel).toContainText('built-in practice sandbox, not to DWT');
  await expect(panel).toContainText('We recommend sending it again.');
  await expectNoAxeViolations(managerPage);
  await panel.getByRole('button', { name: 'Send it again (recommended)' }).click();

  // Sent again: DWT now holds it twice, and the load says so wherever it is shown.
  await expect(panel).toHaveCount(0);
  await expect.poll(async () => (await sandbox.movementsFor(ticket)).length, { timeout: 20_000 }).toBe(2);
  await managerPage.reload();
  await expect(managerPage.getByText('Sent', { exact: true })).toBeVisible();
  await expect(managerPage.getByRole('heading', { level: 2, name: 'Possible duplicate at DWT' })).toBeVisible();
  await expect(managerPage.getByRole('heading', { level: 3, name: 'Sent it to DWT again as a new load: possible duplicate at DWT' })).toBeVisible();
  await expect(managerPage.getByText(/Possible duplicate at DWT: DWT may hold two records of this load: the send at .+ got no answer/)).toBeVisible();
  await expectNoAxeViolations(managerPage);
  await managerPage.goto(receiptHref);
  await expect(managerPage.getByTestId('ticket-possible-duplicate')).toContainText('Possible duplicate at DWT.');
  await manager.close();
});

test('a manager who has DWT’s waste tracking ID for an unanswered load records it instead: nothing is sent again', async ({ page, browser }) => {
  await sandbox.setKnobs({ dropAfterReadingPost: true });
  const form = new LoadFormPage(page);
  await fillGoodLoad(form);
  await form.send();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved – check needed' })).toBeVisible();
  const ticket = (await page.getByRole('status').filter({ hasText: 'Ticket' }).locator('span.font-semibold').first().textContent())!.trim();
  const loadPath = (await page.getByRole('link', { name: 'Print the weighbridge ticket' }).getAttribute('href'))!.replace(/\/receipt$/, '');
  await sandbox.setKnobs({ dropAfterReadingPost: false });
  // Only the sandbox's test control port can say what it stored; here it stands for the manager having the id.
  const [stored] = await sandbox.movementsFor(ticket);
  const manager = await browser.newContext({ storageState: storageStateFor('manager') });
  const managerPage = await manager.newPage();
  await managerPage.goto(loadPath);
  await managerPage.getByLabel('DWT’s waste tracking ID for this load').fill(stored!.wasteTrackingId);
  await managerPage.getByRole('button', { name: 'Record this waste tracking ID' }).click();
  await expect(managerPage.getByText(stored!.wasteTrackingId, { exact: true }).first()).toBeVisible(); // the load page's history shows it too
  await expect(managerPage.getByText('Sent', { exact: true })).toBeVisible();
  await expect(managerPage.getByRole('heading', { name: 'Possible duplicate at DWT' })).toHaveCount(0);
  expect(await sandbox.movementsFor(ticket)).toHaveLength(1);
  await manager.close();
});
