// A load's page (record, send attempts, history) and corrections: a manager's correction goes to DWT
// as a PUT and leaves an audit entry; a second save from an older version is refused and keeps what
// was typed; a PUT DWT answers 404 can be sent as new; a clerk cannot correct a sent load.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { loadRow, logSentLoad } from './support/load-seed';
import { sandbox } from './support/sandbox';

test.use({ storageState: storageStateFor('manager') });

async function openEdit(page: Page, id: string, ticket: string) {
  await page.goto(`/loads/${id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: `Correct load ${ticket}` })).toBeVisible();
  // The form's code running (its readiness marker), so the test types into the live form.
  await expect(page.locator('form[data-alive="true"]')).toBeVisible();
  return page.getByRole('group', { name: 'Waste item 1', exact: true }).getByLabel('Weight', { exact: true });
}

const storedWeight = loadRow;

test('a manager’s correction is sent as a PUT and shows in the history with who changed what', async ({ page }) => {
  const load = await logSentLoad(page, { weight: '1.5' });
  await page.goto(`/loads/${load.id}`);
  await page.getByRole('link', { name: 'Correct this load' }).click();
  const weight = page.getByRole('group', { name: 'Waste item 1', exact: true }).getByLabel('Weight', { exact: true });
  await expect(weight).toHaveValue('1.5');
  await weight.fill('2.0');
  // Every correction says why: without a reason nothing is saved, and the summary links to the box.
  await page.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await errorSummary(page).getByRole('link', { name: 'Enter why you are correcting this load' }).click();
  const reason = page.getByLabel('Why are you correcting this load?');
  await expect(reason).toBeFocused();
  await expectNoAxeViolations(page);
  await reason.fill('Weighed again on the second weighbridge');
  await page.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sent to DWT' })).toBeVisible({ timeout: 20_000 });

  // DWT (the sandbox) received one PUT for that waste tracking id.
  const [stored] = await sandbox.movementsWithUpdates(load.ticketNumber);
  expect(stored).toMatchObject({ wasteTrackingId: load.wasteTrackingId, updates: 1 });

  await page.goto(`/loads/${load.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Load ${load.ticketNumber}` })).toBeVisible();
  await expect(page.getByText(/^Report to DWT by: the end of \w{3}, \d{1,2} \w{3} \d{4} \(UK time\) – reported$/)).toBeVisible();
  const attempts = page.getByRole('table', { name: /Every attempt to send this load/ });
  const put = attempts.getByRole('row').filter({ hasText: 'Sent a correction' });
  await expect(put).toContainText('(PUT)');
  await expect(put).toContainText('DWT took the correction');
  await expect(put).toContainText('(updated)');
  await expect(put.getByRole('cell').nth(2)).toHaveText(String(load.version + 1));
  await expect(attempts.getByRole('row').filter({ hasText: 'Sent as new' })).toContainText('(created)');

  // The newest history entry: the manager's correction, field by field.
  const history = page.getByRole('region', { name: 'History' });
  const items = history.getByRole('listitem');
  await expect(items.nth(0).getByRole('heading', { level: 3 })).toHaveText(`Sent the correction to DWT (version ${load.version + 1}): DWT took the correction`);
  await expect(items.nth(0)).toContainText('System');
  const newest = items.nth(1);
  await expect(newest.getByRole('heading', { level: 3 })).toHaveText('Corrected the load');
  await expect(newest).toContainText(ACCOUNTS.manager.name);
  await expect(newest).toContainText('Reason for the correction: Weighed again on the second weighbridge');
  const row = newest.getByRole('row', { name: /Waste item 1: weight/ }).first();
  await expect(row.getByRole('rowheader')).toHaveText('Waste item 1: weight');
  await expect(row.getByRole('cell')).toHaveText(['1.5', '2.0']);
  // The load's creation is the oldest entry.
  await expect(history.getByRole('listitem').last().getByRole('heading')).toHaveText('Logged the load');
  // The record itself shows the corrected weight.
  await expect(page.getByRole('region', { name: 'Waste item 1' })).toContainText('2.0 tonnes');
  await expectNoAxeViolations(page);
});

test('two people correcting one load: the second save is refused, keeps what they typed, and overwrites nothing', async ({ page, browser }) => {
  const load = await logSentLoad(page, { weight: '1.5' });
  const other = await browser.newContext({ storageState: storageStateFor('manager') });
  const second = await other.newPage();
  const firstWeight = await openEdit(page, load.id, load.ticketNumber);
  const secondWeight = await openEdit(second, load.id, load.ticketNumber);

  await firstWeight.fill('2.0');
  await page.getByLabel('Why are you correcting this load?').fill('Wrong weight');
  await page.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sent to DWT' })).toBeVisible({ timeout: 20_000 });
  const afterFirst = await storedWeight(load.id);
  expect(afterFirst.weight).toBe('2.0');

  await secondWeight.fill('3.25');
  await second.getByLabel('Why are you correcting this load?').fill('Another wrong weight');
  await second.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(errorSummary(second)).toContainText('Someone else changed this load');
  await expect(errorSummary(second)).toContainText('Your changes were not saved');
  await expect(errorSummary(second)).toBeFocused();
  await expect(secondWeight).toHaveValue('3.25');
  const latest = second.getByRole('link', { name: 'Open the latest version in a new tab' });
  await expect(latest).toHaveAttribute('href', `/loads/${load.id}`);
  await expect(latest).toHaveAttribute('target', '_blank');
  await expectNoAxeViolations(second);

  // Nothing was overwritten: the database still holds the first save.
  expect(await storedWeight(load.id)).toEqual(afterFirst);
  expect((await sandbox.movementsWithUpdates(load.ticketNumber))[0]!.updates).toBe(1);
  await other.close();
});

test('a correction DWT answers with 404 is explained, and a manager sends the load as new', async ({ page }) => {
  const load = await logSentLoad(page, { weight: '1.5' });
  await sandbox.forgetMovement(load.wasteTrackingId);
  const weight = await openEdit(page, load.id, load.ticketNumber);
  await weight.fill('1.75');
  await page.getByLabel('Why are you correcting this load?').fill('Tare was the empty skip lorry');
  await page.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved – needs attention' })).toBeVisible({ timeout: 20_000 });

  await page.goto(`/loads/${load.id}`);
  const panel = page.getByRole('region', { name: `DWT does not know this waste tracking id (${load.wasteTrackingId})` });
  await expect(panel).toBeVisible();
  await expect(page.getByText('Needs attention', { exact: true })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: /Every attempt/ })
      .getByRole('row')
      .filter({ hasText: '(not-found)' }),
  ).toContainText('404');
  await expectNoAxeViolations(page);

  await panel.getByRole('button', { name: 'Send it to DWT as a new load' }).click();
  const confirm = panel.getByRole('button', { name: 'Yes, send it as a new load' });
  await expect(confirm).toBeFocused();
  await confirm.click();
  await expect(panel).toBeHidden({ timeout: 20_000 });
  await expect.poll(async () => (await storedWeight(load.id)).status).toBe('SENT');
  const now = await storedWeight(load.id);
  expect(now.wasteTrackingId).toBeTruthy();
  expect(now.wasteTrackingId).not.toBe(load.wasteTrackingId);
  await page.reload();
  await expect(page.getByTestId('waste-tracking-id')).toHaveAttribute('data-id', now.wasteTrackingId!);
  // The old id is kept in the history.
  const entry = page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Sent it to DWT again as a new load' });
  await expect(
    entry
      .getByRole('row', { name: /Waste tracking ID/ })
      .getByRole('cell')
      .first(),
  ).toHaveText(load.wasteTrackingId);
  await expect(entry).toContainText(ACCOUNTS.manager.name);
});

test.describe('as the clerk', () => {
  test.use({ storageState: storageStateFor('clerk') });

  test('a clerk cannot correct a load once it is sent', async ({ page }) => {
    const load = await logSentLoad(page);
    await page.goto(`/loads/${load.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Load ${load.ticketNumber}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Correct this load' })).toHaveCount(0);
    await expect(page.getByText('This load has been sent to DWT. Ask a manager to correct it.')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`/loads/${load.id}/edit`);
    await expect(page.getByRole('heading', { level: 1, name: `You cannot correct load ${load.ticketNumber}` })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save and send the correction' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
