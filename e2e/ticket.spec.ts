// The weighbridge ticket (issue 12): everything a ticket carries, in the A4 and the 80 mm thermal
// layouts (printed: nothing runs off the roll), the site's usual layout, and the confirmation after
// saving (vehicle, net weight with its unit, and a waste tracking id that cannot be misread).
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { LoadFormPage } from './support/load-form';
import { ensureE2eSite } from './support/seed';

test.use({ storageState: storageStateFor('manager') });

const TAG = `TK${Date.now().toString(36).toUpperCase()}`;

function weighbridgeItem(over: Record<string, unknown>) {
  return {
    ewcCodes: [] as string[],
    wasteDescription: '',
    physicalForm: 'Solid',
    numberOfContainers: '1',
    typeOfContainers: 'SKI',
    weightMode: 'weighbridge',
    weight: { metric: 'Kilograms', amount: '', isEstimate: false },
    weighbridge: { gross: '', tare: '' },
    containsPops: false,
    pops: { sourceOfComponents: '', components: [] },
    containsHazardous: false,
    hazardous: { sourceOfComponents: '', hazCodes: [], components: [] },
    disposalOrRecoveryCodes: [],
    ...over,
  };
}

/** A sent load of two waste items (one hazardous), written as saveLoad and delivery leave it. */
async function seedTicketLoad(): Promise<{ id: string; wasteTrackingId: string }> {
  const { randomUUID } = await import('node:crypto');
  const { db } = await import('@/lib/db');
  const site = await ensureE2eSite();
  const clerk = await db().user.findUniqueOrThrow({ where: { email: ACCOUNTS.clerk.email } });
  const id = randomUUID();
  const receivedAt = new Date(Date.now() - 60 * 60_000);
  const wasteTrackingId = `26${id.replace(/-/g, '').slice(0, 6).toUpperCase()}O0I1`;
  const form = {
    dateTimeReceived: '2026-12-01T09:15',
    yourUniqueReference: `${TAG}-1`,
    ticketNumberIsSuggested: false,
    otherReferencesForMovement: [],
    carrier: {
      addressBookId: '',
      saveToAddressBook: false,
      organisationName: 'Tickety Boo Demolition and Skip Hire Services (North West) Limited',
      registrationNumber: 'cbdu998877',
      address: { fullAddress: '', postcode: '' },
      emailAddress: '',
      phoneNumber: '',
      reasonForNoRegistrationNumber: '',
      meansOfTransport: 'Road',
      vehicleRegistration: 'tk12 tkt',
      otherMeansOfTransport: '',
    },
    hasBrokerOrDealer: false,
    brokerOrDealer: {
      addressBookId: '',
      saveToAddressBook: false,
      organisationName: '',
      registrationNumber: '',
      address: { fullAddress: '', postcode: '' },
      emailAddress: '',
      phoneNumber: '',
    },
    wasteItems: [
      weighbridgeItem({
        ewcCodes: ['170904'],
        wasteDescription: 'Mixed construction and demolition waste from a kitchen refit',
        weighbridge: { gross: '14320', tare: '8100' },
        disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Kilograms', amount: '6220', isEstimate: false } }],
      }),
      weighbridgeItem({
        ewcCodes: ['170503'],
        wasteDescription: 'Contaminated soil',
        numberOfContainers: '2',
        typeOfContainers: 'IBC',
        weighbridge: { gross: '9400', tare: '8100' },
        containsHazardous: true,
        hazardous: { sourceOfComponents: 'PROVIDED_WITH_WASTE', hazCodes: ['HP_7', 'HP_14'], components: [] },
        disposalOrRecoveryCodes: [{ code: 'D1', weight: { metric: 'Kilograms', amount: '1300', isEstimate: false } }],
      }),
    ],
    hazardousWasteConsignmentCode: 'cj32le/a0001',
    reasonForNoConsignmentCode: '',
    specialHandlingRequirements: '',
  };
  await db().load.create({
    data: {
      id,
      siteId: site.id,
      ticketNumber: `${TAG}-1`,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + 2 * 86_400_000),
      status: 'SENT',
      movement: {},
      formValues: form,
      wasteTrackingId,
      sentAt: new Date(),
      sentVersion: 1,
      vehicleRegistration: 'TK12 TKT',
      carrierName: form.carrier.organisationName,
      ewcCodes: ['170904', '170503'],
      isHazardous: true,
      createdById: clerk.id,
    },
  });
  return { id, wasteTrackingId };
}

/** Every element of the ticket ends inside its box: nothing is cut off at the paper's edge. */
async function overflow(page: Page) {
  return page.getByTestId('ticket').evaluate((ticket) => {
    const box = ticket.getBoundingClientRect();
    const outside = [...ticket.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > box.right + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').slice(0, 40)}`);
    return { scrollWidth: ticket.scrollWidth, clientWidth: ticket.clientWidth, width: box.width, outside };
  });
}

let load: { id: string; wasteTrackingId: string };
test.beforeAll(async () => {
  load = await seedTicketLoad();
});

test('the ticket carries the site, vehicle, carrier, weighings with units, formatted codes, signatures and the total', async ({ page }) => {
  await page.goto(`/loads/${load.id}`);
  await page.getByRole('link', { name: 'Print the weighbridge ticket' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Weighbridge ticket ${TAG}-1` })).toBeVisible();
  const ticket = page.getByTestId('ticket');
  await expect(ticket).toHaveAttribute('data-layout', 'a4');
  await expect(page.getByRole('link', { name: /A4 sheet/ })).toHaveAttribute('aria-current', 'page');

  await expect(ticket).toContainText('E2E Test Site');
  await expect(ticket).toContainText('Permit EPR/AB1234CD');
  await expect(ticket).toContainText('TK12 TKT');
  await expect(ticket).toContainText('Licence CBDU998877');
  await expect(ticket).toContainText(`Weighed by${ACCOUNTS.clerk.name}`);
  await expect(ticket).toContainText('Consignment codeCJ32LE/A0001');
  // EWC codes printed as people know them, with their descriptions; containers by name.
  await expect(ticket).toContainText('17 09 04 Mixed construction and demolition wastes');
  await expect(ticket).toContainText('17 05 03*');
  await expect(ticket).toContainText('1 × Skip');
  await expect(ticket).not.toContainText('SKI');
  await expect(ticket).toContainText('HP_7 Carcinogenic');
  await expect(ticket).toContainText('R5 6,220 kg');
  await expect(ticket).toContainText('D1 1,300 kg');

  const weights = ticket.getByRole('table', { name: 'Weights, waste item 1' });
  await expect(weights.getByRole('row', { name: /Gross/ })).toContainText('14,320 kg');
  // The gross was weighed when the load arrived: its time is shown.
  await expect(weights.getByRole('row', { name: /Gross/ })).toContainText(/\d{2}:\d{2}/);
  await expect(weights.getByRole('row', { name: /Tare/ })).toContainText('8,100 kg');
  await expect(weights.getByRole('row', { name: /Net/ })).toContainText('6,220 kg');
  await expect(ticket.locator('.ticket-total')).toHaveText(/Total net weight\s+7,520 kg/);

  await expect(page.getByTestId('ticket-tracking-id')).toHaveAttribute('data-id', load.wasteTrackingId);
  await expect(page.getByTestId('ticket-tracking-id')).toHaveText(/^\d{2} [A-Z0-9]{3} /);
  await expect(ticket).toContainText('zero');
  await expect(ticket).toContainText('Driver’s signature');
  await expect(ticket).toContainText('Weighbridge operator’s signature');
  await expectNoAxeViolations(page);

  // Printed on A4: the app's frame and the layout choice are left off.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Ticket layout' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  const a4 = await overflow(page);
  expect(a4.scrollWidth).toBeLessThanOrEqual(a4.clientWidth);
  expect(a4.outside).toEqual([]);
});

test('the 80 mm thermal layout fits the roll when printed: nothing runs off the paper', async ({ page }) => {
  await page.goto(`/loads/${load.id}/receipt`);
  await page.getByRole('link', { name: /80 mm thermal roll/ }).click();
  await expect(page.getByTestId('ticket')).toHaveAttribute('data-layout', 'thermal-80');
  await expect(page.getByRole('link', { name: /80 mm thermal roll/ })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  // 80 mm at 96 dpi is 302 px: the printable page of the roll.
  await page.setViewportSize({ width: 302, height: 1200 });
  await page.emulateMedia({ media: 'print' });
  const roll = await overflow(page);
  expect(roll.width).toBeLessThanOrEqual(303);
  expect(roll.scrollWidth).toBeLessThanOrEqual(roll.clientWidth);
  expect(roll.outside).toEqual([]);
  await expect(page.getByTestId('ticket')).toContainText('6,220 kg');
  await expect(page.getByTestId('ticket')).toContainText('Driver’s signature');
});

test('a site whose tickets print on a thermal roll opens the ticket in that layout', async ({ page }) => {
  const { db } = await import('@/lib/db');
  const site = await ensureE2eSite();
  await db().site.update({ where: { id: site.id }, data: { ticketLayout: 'thermal-80' } });
  try {
    await page.goto(`/loads/${load.id}/receipt`);
    await expect(page.getByTestId('ticket')).toHaveAttribute('data-layout', 'thermal-80');
    await expect(page.getByRole('link', { name: '80 mm thermal roll (this site’s usual)' })).toBeVisible();
  } finally {
    await db().site.update({ where: { id: site.id }, data: { ticketLayout: 'a4' } });
  }
});

test.describe('as the clerk', () => {
  test.use({ storageState: storageStateFor('clerk') });

  test('the confirmation repeats the vehicle, the net weight with its unit and a tracking id that cannot be misread', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const form = new LoadFormPage(page);
    await form.open();
    await form.fillCarrier({ name: 'Confirm Haulage Ltd', registration: 'CBDU111222', vehicle: 'cf19 rmd', postcode: 'LS1 4AB' });
    await form.fillItem(0, { ewc: ['170504'], description: 'Soil and stones', gross: '18.4', tare: '10.2', codes: [{ code: 'R5', weight: '8.2' }] });
    await form.send();
    const id = await form.expectSent();
    const outcome = form.outcome();
    await expect(outcome.getByRole('definition').filter({ hasText: 'CF19 RMD' })).toBeVisible();
    await expect(outcome.getByTestId('outcome-net-weight')).toHaveText('8.2 t');
    const shown = outcome.getByTestId('waste-tracking-id');
    await expect(shown).toHaveText(id.replace(/^(..)(...)(...)?(.*)$/, (_, a, b, c, d) => [a, b, c, d].filter(Boolean).join(' ')).trim());
    await expect(shown).toHaveCSS('font-variant-numeric', 'slashed-zero');
    await expect(outcome).toContainText(/Say: \w+ \w+, /);
    await outcome.getByRole('button', { name: 'Copy the waste tracking ID' }).click();
    await expect(outcome.getByText(`Copied ${id}`)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
    await expectNoAxeViolations(page);
  });
});
