// Issue 12, points 1–5: the load form at a busy window. Units first and questioned when implausible;
// copies without weights and codes that follow the net; focus where the clerk needs it and never
// under the save bar; a restore only of what was typed; every requirement and message up front, in
// GOV.UK's words; an EWC search that knows the words clerks use. Every state passes axe.
import { expect, test, type Page } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { LoadFormPage } from './support/load-form';
import { seedKilogramSiteClerk } from './support/seed';

test.use({ storageState: storageStateFor('clerk') });

/** Fails when the focused element is hidden (even in part) under the sticky save bar. */
async function expectFocusNotObscured(page: Page) {
  const { focused, bar, sticky } = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const barEl = document.querySelector('[data-testid="save-bar"]') as HTMLElement;
    const r = el.getBoundingClientRect();
    const b = barEl.getBoundingClientRect();
    return { focused: { top: r.top, bottom: r.bottom }, bar: { top: b.top, bottom: b.bottom }, sticky: getComputedStyle(barEl).position === 'sticky' };
  });
  expect(focused.bottom, 'the focused control is on screen').toBeLessThanOrEqual(page.viewportSize()!.height);
  expect(focused.top).toBeGreaterThanOrEqual(0);
  if (sticky && bar.top < page.viewportSize()!.height) {
    expect(focused.bottom, 'the focused control is clear of the save bar').toBeLessThanOrEqual(bar.top);
  }
}

async function openFresh(page: Page) {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-cleared')) {
      for (const k of Object.keys(localStorage)) if (k.startsWith('weighbook:new-load:')) localStorage.removeItem(k);
      sessionStorage.setItem('e2e-cleared', '1');
    }
  });
  await page.goto('/loads/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
  return new LoadFormPage(page);
}

test('1. a kilogram site: unit before the weights, net with its unit, a unit slip questioned and the confirmation kept', async ({ browser, baseURL }) => {
  const clerk = await seedKilogramSiteClerk(String(Date.now()));
  // The administrator sets the unit on the site's page.
  const admin = await browser.newContext({ baseURL, storageState: storageStateFor('admin') });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/sites/${clerk.siteId}`);
  await expect(adminPage.getByLabel('Weighbridge unit')).toHaveValue('Kilograms');
  await expectNoAxeViolations(adminPage);
  await admin.close();

  // A browser of their own, signed in as nobody (the file's clerk session would be inherited otherwise).
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(clerk.email);
  await page.getByLabel('Password').fill(clerk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();

  const form = await openFresh(page);
  const item = form.item(0);
  await expect(item.getByLabel('Unit', { exact: true })).toHaveValue('Kilograms');
  // The unit comes before the weights in the page (and so in the Tab order).
  const order = await item.evaluate((el) => {
    const ids = [...el.querySelectorAll('select, input')].map((c) => (c as HTMLElement).id);
    return { unit: ids.indexOf('field-wasteItems-0-weight-metric'), gross: ids.indexOf('field-wasteItems-0-weighbridge-gross') };
  });
  expect(order.unit).toBeLessThan(order.gross);

  await form.fillCarrier({ name: 'Unit Slip Haulage', registration: 'CBDU123456', vehicle: 'KG12 SLP' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil', gross: '14,320 kg', tare: '8,100', codes: [] });
  await expect(page.getByTestId('net-0')).toHaveText('6,220 Kilograms');
  await expect(item.getByText(/is the unit right\?/)).toHaveCount(0);

  // The slip: the same indicator figures with the unit on Tonnes.
  await item.getByLabel('Unit', { exact: true }).selectOption('Tonnes');
  await item.getByLabel('Gross weight').fill('14320');
  await item.getByLabel('Tare weight').fill('8100');
  await expect(item.getByText('6,220 tonnes is more than a road vehicle can carry — is the unit right?')).toBeVisible();
  await expectNoAxeViolations(page);
  await form.send();
  const link = errorSummary(page).getByRole('link', { name: /6,220 tonnes is more than a road vehicle can carry — is the unit right\?/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(item.getByLabel(/^The weight is right/)).toBeFocused();
  // Never blocks once confirmed.
  await item.getByLabel(/^The weight is right/).check();
  await form.send();
  await form.expectSent();
  // The load's page says the weight was questioned and confirmed.
  const ticket = await page.getByRole('link', { name: 'Print the weighbridge ticket' }).getAttribute('href');
  await page.goto(ticket!.replace(/\/receipt$/, ''));
  await expect(page.getByText('Outside the usual range for this site; the clerk confirmed it is right')).toBeVisible();
  await context.close();
});

test('2. copies never carry weights; a code’s weight follows the net until typed; codes must add up or say why', async ({ page }) => {
  const form = await openFresh(page);
  await form.fillCarrier({ name: 'Copy Carriers Ltd', registration: 'CBDU123456', vehicle: 'CP12 ABC' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil', gross: '18.4', tare: '10.2', codes: [] });
  const item = form.item(0);
  await item.getByRole('button', { name: 'Add a disposal or recovery code' }).click();
  await expect(item.getByLabel('Code 1 weight')).toHaveValue('8.2');
  await item.getByLabel('Gross weight').fill('16.42');
  await expect(item.getByLabel('Code 1 weight')).toHaveValue('6.22');
  await item.getByLabel('Code 1', { exact: true }).selectOption('R5');
  // Typed by the clerk: it no longer follows, and a mismatch is asked about.
  await item.getByLabel('Code 1 weight').fill('5.88');
  await expect(item.getByLabel('Why the codes’ weights differ from the net weight')).toBeVisible();
  await form.send();
  await expect(errorSummary(page).getByRole('link', { name: /add up to 5\.88 t but the net weight is 6\.22 t/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await item.getByLabel('Code 1 weight').fill('6.22');
  await form.send();
  await form.expectSent();

  // "Log a similar load": the waste again, never the weights.
  await page.getByRole('link', { name: 'Log a similar load' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
  await expect(item.getByLabel('Description of the waste')).toHaveValue('Soil');
  await expect(item.getByLabel('Gross weight')).toHaveValue('');
  await expect(item.getByLabel('Tare weight')).toHaveValue('');
  await expect(item.getByLabel('Code 1 weight')).toHaveValue('');
  await item.getByLabel('Gross weight').fill('15');
  await item.getByLabel('Tare weight').fill('10');
  await expect(item.getByLabel('Code 1 weight')).toHaveValue('5');

  // "Repeat the last load from this carrier": the same, without weights.
  await page.waitForTimeout(700);
  await page.goto('/loads/new');
  await page.getByRole('button', { name: 'Start a new load instead' }).click();
  await page.getByLabel('Carrier name').fill('Copy Carriers Ltd');
  await page.getByRole('button', { name: 'Repeat the last load from this carrier' }).click();
  await expect(page.getByText(/without its weights: weigh this load/)).toBeVisible();
  await expect(item.getByLabel('Gross weight')).toHaveValue('');
  await expect(item.getByLabel('Code 1 weight')).toHaveValue('');
});

test('3. focus: the registration on open and after "Log another load"; the time is one Tab stop; nothing focused hides under the save bar', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const form = await openFresh(page);
  await expect(page.getByLabel('Vehicle registration')).toBeFocused();
  // The received time: one stop, from the field before it to the ticket number after it.
  await page.getByLabel('Date and time received (UK time)').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Weighbridge ticket number')).toBeFocused();

  const item = form.item(0);
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil', codes: [] });
  for (const name of ['Add a disposal or recovery code', 'Add a hazardous component', 'Add a POP component', 'Add another waste item', 'Add a reference']) {
    if (name === 'Add a hazardous component') await item.getByLabel('Has hazardous properties').check();
    if (name === 'Add a POP component') await item.getByLabel('Contains POPs').check();
    const button = page.getByRole('button', { name }).first();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(':focus')).not.toHaveAttribute('type', 'button');
    await expectFocusNotObscured(page);
  }
  // Tabbing back through the form: each stop clear of the bar.
  await page.getByLabel('Vehicle registration').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    await expectFocusNotObscured(page);
  }
  await expectNoAxeViolations(page);

  // At 200% zoom (half the CSS pixels) the bar scrolls with the page.
  await page.setViewportSize({ width: 640, height: 360 });
  expect(await page.getByTestId('save-bar').evaluate((el) => getComputedStyle(el).position)).not.toBe('sticky');
  await page.getByRole('button', { name: 'Add a disposal or recovery code' }).first().click();
  await expectFocusNotObscured(page);

  // After "Log another load": a fresh form, focus on the registration.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/loads/new');
  await page.getByRole('button', { name: 'Start a new load instead' }).click();
  await form.fillCarrier({ name: 'Focus Freight Ltd', registration: 'CBDU123456', vehicle: 'FO12 CUS' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil', codes: [] });
  await form.send();
  await form.expectSent();
  await page.getByRole('button', { name: 'Log another load' }).click();
  await expect(page.getByLabel('Vehicle registration')).toBeFocused();
  await expect(page.getByLabel('Vehicle registration')).toHaveValue('');
});

test('4. restore only what was typed, with a fresh time; requirements up front; hazardous codes open their section; GOV.UK messages; "8,100 kg"', async ({
  page,
}) => {
  const form = await openFresh(page);
  // Nothing typed: nothing to restore.
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
  await expect(page.getByText('We kept the load you were typing')).toHaveCount(0);

  // Typed, then the time left as "now": restored with a fresh time.
  await page.getByLabel('Carrier name').fill('Restore Me Ltd');
  await page.waitForTimeout(700);
  const stale = '2026-11-20T08:00';
  await page.evaluate((time) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('weighbook:new-load:'))!;
    const saved = JSON.parse(localStorage.getItem(key)!);
    saved.values.dateTimeReceived = time;
    localStorage.setItem(key, JSON.stringify(saved));
  }, stale);
  await page.reload();
  await expect(page.getByText('We kept the load you were typing')).toBeVisible();
  await expect(page.getByLabel('Carrier name')).toHaveValue('Restore Me Ltd');
  await expect(page.getByLabel('Date and time received (UK time)')).not.toHaveValue('20/11/2026 08:00');

  // The postcode is asked for with the address, in the first round of errors, GOV.UK's words.
  await page.getByLabel('Carrier name').fill('');
  await page.getByLabel('Carrier address (optional)').fill('1 Haul Road, Leeds');
  await expect(page.getByText('Needed with the address')).toBeVisible();
  const item = form.item(0);
  await form.addEwcCode(item, '170503');
  // A hazardous code opens the hazardous section.
  await expect(item.getByLabel('Has hazardous properties')).toBeChecked();
  await expect(item.getByLabel('Source of hazardous components')).toBeVisible();
  await item.getByLabel('Gross weight').fill('8,100 kg');
  await item.getByLabel('Tare weight').fill('4.1 t');
  await expect(page.getByTestId('net-0')).toHaveText('4 Tonnes');
  await form.send();
  const summary = errorSummary(page);
  await expect(summary.getByRole('link', { name: 'Enter the carrier’s name' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the carrier’s postcode: it is needed with an address' })).toBeVisible();
  await expect(summary.getByRole('link', { name: /is required/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: 'Enter the carrier’s postcode: it is needed with an address' }).click();
  await expect(page.getByLabel('Carrier postcode')).toBeFocused();

  // With everything else right, the consignment error links to the consignment code's box.
  await page.getByLabel('Carrier name').fill('Hazard Haulage Ltd');
  await page.getByLabel('Carrier postcode').fill('LS1 4AB');
  await page.getByLabel('Carrier registration number').fill('CBDU123456');
  await page.getByLabel('Vehicle registration').fill('HZ12 ARD');
  await item.getByLabel('Description of the waste').fill('Contaminated soil');
  await item.getByLabel('Physical form').selectOption('Solid');
  await item.getByLabel('Number of containers').fill('1');
  await item.getByLabel('Type of containers').selectOption('SKI');
  await item.getByLabel('Source of hazardous components').selectOption('OWN_TESTING');
  await item.getByLabel(/^HP 7 /).check();
  await item.getByRole('button', { name: 'Add a hazardous component' }).click();
  await item.getByLabel('Hazardous component 1', { exact: true }).fill('Lead');
  await form.send();
  const consignment = errorSummary(page).getByRole('link', { name: 'Enter the consignment code, or select the reason there is none' });
  await expect(consignment).toBeVisible();
  await consignment.click();
  await expect(page.getByLabel('Consignment code')).toBeFocused();
});

test('5. the EWC search knows everyday words', async ({ page }) => {
  const form = await openFresh(page);
  const box = form.item(0).getByRole('combobox', { name: 'EWC codes' });
  const options = page.getByRole('listbox', { name: 'EWC codes' }).getByRole('option');
  for (const [word, code] of [
    ['plasterboard', '17 08 02'],
    ['hardcore', '17 01 07'],
    ['sofa', '20 03 07'],
    ['cardboard', '15 01 01'],
  ] as const) {
    await box.fill(word);
    await expect(options.first()).toContainText(code);
  }
  await expectNoAxeViolations(page);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(form.item(0).getByRole('button', { name: /Remove 15 01 01/ })).toBeVisible();
});
