// An admin acts on a customer's data request: finds the person, downloads their data as JSON and CSV,
// erases it after confirming, and finds nothing afterwards; the retention setting is saved.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { seedPersonOnLoads } from './support/seed';

test.use({ storageState: storageStateFor('admin') });

test('find, export, erase and find nothing', async ({ page }) => {
  const person = await seedPersonOnLoads(String(Date.now()).slice(-8));
  await page.goto('/admin/data-requests');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers’ data requests' })).toBeVisible();

  // A bad search is reported on its field.
  await page.getByLabel('Search for').fill('x');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('Search by').selectOption('email');
  await page.getByLabel('Search for').fill(person.email.toUpperCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const entries = page.getByRole('table', { name: 'Address-book entries' });
  await expect(entries.getByRole('rowheader', { name: person.name })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Loads' }).getByRole('rowheader', { name: person.ticketNumber })).toBeVisible();
  await expectNoAxeViolations(page);

  // Both downloads, parsed.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /\(JSON\)/ }).click()]);
  const data = JSON.parse(await readFile((await json.path())!, 'utf8')) as { entries: { emailAddress: string }[]; loads: { id: string }[] };
  expect(data.entries.map((e) => e.emailAddress)).toEqual([person.email]);
  expect(data.loads.map((l) => l.id)).toEqual([person.loadId]);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /\(CSV\)/ }).click()]);
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toMatch(/^source,id,site,role,name,/);
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort(),
  ).toEqual(['address book', 'load']);
  expect(lines.join('\n')).toContain(person.phone);

  // Erase: the confirmation lists what changes, and must be ticked.
  await page.getByRole('button', { name: 'Erase this data…' }).click();
  const confirm = page.getByRole('region', { name: 'Erase this data: check what will change' });
  await expect(confirm).toContainText('1 address-book entry is deleted');
  await expect(confirm).toContainText(`1 draft that was never sent is deleted outright: tickets ${person.ticketNumber}`);
  await expect(confirm).toContainText('cannot be erased through the DWT API');
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Erase now' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'Confirm that you want to erase this data' })).toBeVisible();
  await confirm.getByLabel('I have checked the list above and want to erase this data').check();
  await confirm.getByRole('button', { name: 'Erase now' }).click();
  await expect(page.getByRole('status')).toContainText('Erased: 1 address-book entry deleted, 0 loads anonymised, 1 unsent draft deleted');

  // Nothing is found any more, by any of their details.
  for (const [by, value] of [
    ['email', person.email],
    ['name', person.name],
    ['phone', person.phone],
  ] as const) {
    await page.getByLabel('Search by').selectOption(by);
    await page.getByLabel('Search for').fill(value);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('Nothing found: no address-book entry, load or staff account matches.')).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

test('the retention setting is saved, and a bad number is reported on its field', async ({ page }) => {
  await page.goto('/admin/data-requests');
  const form = page.getByRole('form', { name: 'Keep personal fields of sent loads for a limited time' });
  await form.getByLabel('Anonymise sent loads’ personal fields after a number of months').check();
  await form.getByLabel('Months after sending').fill('0');
  await form.getByRole('button', { name: 'Save retention setting' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'Enter at least 1 month' })).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel('Months after sending').fill('72');
  await form.getByRole('button', { name: 'Save retention setting' }).click();
  await expect(form.getByRole('status')).toContainText('anonymised 72 months after a load is sent');
  await page.reload();
  await expect(form.getByLabel('Months after sending')).toHaveValue('72');
  // Back to off, so no other test's loads are touched.
  await form.getByLabel('Anonymise sent loads’ personal fields after a number of months').uncheck();
  await form.getByRole('button', { name: 'Save retention setting' }).click();
  await expect(form.getByRole('status')).toContainText('sent loads keep their personal fields');
});
