// The site's address book in the load form: a known vehicle fills in its carrier, the picker finds a
// carrier by name with the keyboard, and a new carrier can be kept for next time.
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { LoadFormPage } from './support/load-form';
import { seedCarrier } from './support/seed';

test.use({ storageState: storageStateFor('clerk') });

test('typing a known vehicle registration fills in its carrier', async ({ page }) => {
  await seedCarrier({ organisationName: 'Vanguard Haulage Ltd', registrationNumber: 'CBDU445566', vehicles: ['VG21 HAL'] });
  const form = new LoadFormPage(page);
  await form.open();
  await page.getByLabel('Vehicle registration').fill('vg21hal');
  await expect(page.getByText('Carrier filled in from the address book: Vanguard Haulage Ltd')).toBeVisible();
  await expect(page.getByLabel('Carrier name')).toHaveValue('Vanguard Haulage Ltd');
  await expect(page.getByLabel('Carrier registration number')).toHaveValue('CBDU445566');
});

test('the picker finds a carrier by name with the keyboard and fills the fields', async ({ page }) => {
  await seedCarrier({ organisationName: 'Pickwick Waste Carriers', registrationNumber: 'CBDL778899', vehicles: ['PW70 AAA'] });
  const form = new LoadFormPage(page);
  await form.open();
  const picker = page.getByRole('combobox', { name: 'Find the carrier in the address book' });
  await picker.fill('Pickwick');
  await expect(page.getByRole('listbox').getByRole('option', { name: /Pickwick Waste Carriers/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(page.getByLabel('Carrier name')).toHaveValue('Pickwick Waste Carriers');
  await expect(page.getByLabel('Carrier registration number')).toHaveValue('CBDL778899');
});

test('a new carrier ticked for the address book is found next time', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  await form.fillCarrier({ name: 'Brand New Skips Ltd', registration: 'CBDU990011', vehicle: 'BN24 SKP' });
  await page.getByLabel('Save this carrier to the site’s address book').check();
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil', codes: [{ code: 'R5', weight: '8.2' }] });
  await form.send();
  await form.expectSent();
  await expect(page.getByText('Brand New Skips Ltd is now in the address book.')).toBeVisible();

  await form.open();
  await page.getByLabel('Vehicle registration').fill('BN24 SKP');
  await expect(page.getByLabel('Carrier name')).toHaveValue('Brand New Skips Ltd');
});
