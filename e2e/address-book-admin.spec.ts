// An admin edits an address-book entry (a vehicle removed) and merges two duplicates.
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { seedCarrier } from './support/seed';

test.use({ storageState: storageStateFor('admin') });

test('edit an entry, then merge two duplicates into one', async ({ page }) => {
  const tag = String(Date.now()).slice(-8);
  await seedCarrier({ organisationName: `Dupli Haulage ${tag}`, registrationNumber: 'CBDU123456', vehicles: ['DH12 AAA', 'DH12 BBB'] });
  await seedCarrier({ organisationName: `Dupli Haulage ${tag} Ltd`, registrationNumber: 'CBDU123456', vehicles: ['DH12 CCC'] });

  await page.goto(`/admin/address-book?query=${tag}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Address book' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: `Dupli Haulage ${tag}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit Dupli Haulage ${tag}` })).toBeVisible();
  await page.getByLabel('Phone number').fill('0113 496 0000');
  await page.getByLabel('Vehicle registrations').fill('DH12 AAA');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expectNoAxeViolations(page);

  // The carrier's vehicles and their stored tares (issue 17): one recorded by hand, audited.
  await page.reload();
  const tares = page.getByRole('region', { name: 'Stored tares' });
  await tares.getByLabel('Tare weight').fill('11,240');
  await tares.getByRole('button', { name: 'Save the stored tare' }).click();
  await expect(tares.getByRole('status')).toHaveText('Stored tare for DH12AAA saved.');
  await expect(tares.getByRole('row', { name: /DH12 AAA/ })).toContainText('11,240 kg');
  await expectNoAxeViolations(page);

  await page.goto(`/admin/address-book?query=${tag}`);
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row(`Dupli Haulage ${tag}`)).toContainText('0113 496 0000');
  await expect(row(`Dupli Haulage ${tag}`)).not.toContainText('DH12 BBB');
  await page.getByRole('checkbox', { name: `Select Dupli Haulage ${tag} (` }).check();
  await page.getByRole('checkbox', { name: `Select Dupli Haulage ${tag} Ltd (` }).check();
  const merge = page.getByRole('region', { name: 'Merge 2 entries' });
  await merge.getByLabel(new RegExp(`^Dupli Haulage ${tag} \\(`)).check();
  await expectNoAxeViolations(page);
  await merge.getByRole('button', { name: 'Merge entries' }).click();
  await expect(page.getByRole('status')).toContainText(`Merged 1 entry into Dupli Haulage ${tag}`);
  await expect(row(`Dupli Haulage ${tag} Ltd`)).toHaveCount(0);
  await expect(row(`Dupli Haulage ${tag}`)).toContainText('DH12 AAA, DH12 CCC');
});
