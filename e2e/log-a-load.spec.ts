// A clerk logs, through the form, loads matching DWT's approval scenarios and gets a waste tracking id
// for each; every state of the page passes the axe scan.
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { LoadFormPage, type CarrierInput, type ItemInput } from './support/load-form';

test.use({ storageState: storageStateFor('clerk') });

const carrier: CarrierInput = { name: 'Acme Haulage Ltd', registration: 'CBDU123456', vehicle: 'AB12 CDE' };
const soil: ItemInput = { ewc: ['170504'], description: 'Soil and stones from a garden clearance', codes: [{ code: 'R5', weight: '8.2' }] };

const scenarios: {
  id: string;
  title: string;
  carrier?: CarrierInput;
  items: ItemInput[];
  broker?: boolean;
  consignment?: { code?: string; reason?: string };
}[] = [
  { id: 'R01', title: 'a single waste item', items: [soil] },
  {
    id: 'R02',
    title: 'several waste items',
    items: [
      soil,
      {
        ewc: ['150101'],
        description: 'Cardboard packaging',
        containerType: 'BAL',
        containers: '3',
        single: { amount: '450', unit: 'Kilograms' },
        // A code's weight is in the item's unit, and the codes add up to the net weight (issue 12).
        codes: [{ code: 'R3', weight: '450' }],
      },
    ],
  },
  { id: 'R03', title: 'transport by road', carrier: { ...carrier, transport: 'Road', vehicle: 'YX19 ABC' }, items: [soil] },
  {
    id: 'R05',
    title: 'several disposal or recovery codes',
    items: [
      {
        ...soil,
        codes: [
          { code: 'R5', weight: '5' },
          { code: 'R13', weight: '2' },
          { code: 'D1', weight: '1.2' },
        ],
      },
    ],
  },
  {
    id: 'R07',
    title: 'several EWC codes on one item',
    items: [{ ...soil, ewc: ['150101', '150102'], description: 'Mixed paper and plastic packaging', codes: [{ code: 'R3', weight: '8.2' }] }],
  },
  {
    id: 'C02',
    title: 'no carrier registration number, with a reason',
    carrier: { name: 'Farm Shop', registration: '', reason: 'ONE_OFF', vehicle: 'FA12 RMS' },
    items: [soil],
  },
  { id: 'B01', title: 'a broker or dealer', items: [soil], broker: true },
  {
    id: 'P01',
    title: 'several POP components',
    items: [
      {
        ...soil,
        ewc: ['200301'],
        description: 'Upholstered seating',
        pops: {
          source: 'OWN_TESTING',
          components: [
            { code: 'TETRABDE', concentration: '12.5' },
            { code: 'HCBD', concentration: '3' },
          ],
        },
        codes: [{ code: 'R1', weight: '8.2' }],
      },
    ],
  },
  {
    id: 'H01',
    title: 'several hazardous components',
    items: [
      {
        ...soil,
        ewc: ['170503'],
        description: 'Contaminated soil',
        hazardous: {
          source: 'OWN_TESTING',
          hpCodes: ['HP_7', 'HP_14'],
          components: [
            { name: 'Lead', concentration: '250' },
            { name: 'Arsenic', concentration: '40' },
          ],
        },
        codes: [{ code: 'D1', weight: '8.2' }],
      },
    ],
    consignment: { code: 'CJ32LE/A0001' },
  },
  {
    id: 'H03',
    title: 'hazardous, no consignment code but a reason',
    items: [
      {
        ...soil,
        ewc: ['170601'],
        description: 'Asbestos insulation',
        hazardous: { source: 'PROVIDED_WITH_WASTE', hpCodes: ['HP_7'], components: [{ name: 'Chrysotile', concentration: '1000' }] },
        codes: [{ code: 'D1', weight: '8.2' }],
      },
    ],
    consignment: { reason: 'NO_DOC_WITH_WASTE' },
  },
  {
    id: 'X01',
    title: 'hazardous and POPs together',
    items: [
      {
        ...soil,
        ewc: ['200135'],
        description: 'Old televisions',
        pops: { source: 'GUIDANCE', components: [{ code: 'PCNS', concentration: '2' }] },
        hazardous: { source: 'GUIDANCE', hpCodes: ['HP_14'], components: [{ name: 'Cadmium' }] },
        codes: [{ code: 'R4', weight: '8.2' }],
      },
    ],
    consignment: { code: 'CJ32LE/A0002' },
  },
];

for (const s of scenarios) {
  test(`${s.id}: a load with ${s.title} gets a waste tracking id`, async ({ page }) => {
    const form = new LoadFormPage(page);
    await form.open();
    await form.fillCarrier(s.carrier ?? carrier);
    if (s.broker) {
      await page.getByLabel('A broker or dealer arranged this load').check();
      await page.getByLabel('Broker or dealer name').fill('Northern Brokers Ltd');
      await page.getByLabel('Broker or dealer registration number (optional)').fill('CBDU654321');
    }
    for (const [i, item] of s.items.entries()) await form.fillItem(i, item);
    if (s.consignment?.code) await page.getByLabel('Consignment code').fill(s.consignment.code);
    if (s.consignment?.reason) await page.getByLabel('Or the reason there is none').selectOption(s.consignment.reason);
    await form.send();
    await form.expectSent();
  });
}

test('the form’s states pass the axe scan: empty, with errors, sent, and the receipt', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  await expectNoAxeViolations(page);
  await form.send();
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page).getByRole('link', { name: 'Enter the carrier’s name' })).toBeVisible();
  await expectNoAxeViolations(page);
  await errorSummary(page).getByRole('link', { name: 'Enter the carrier’s name' }).click();
  await expect(page.getByLabel('Carrier name')).toBeFocused();

  await form.fillCarrier(carrier);
  await form.fillItem(0, { ...soil, codes: [] });
  await form.send();
  const id = await form.expectSent();
  await expect(page.getByText('No disposal or recovery code yet')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Print the weighbridge ticket' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Weighbridge ticket \d+/ })).toBeVisible();
  await expect(page.getByTestId('ticket-tracking-id')).toHaveAttribute('data-id', id);
  await expect(page.locator('.ticket-total')).toHaveText(/Total net weight\s+8\.2 t/);
  await expectNoAxeViolations(page);
});

test('the weighbridge net weight is worked out, and a negative one refused on the tare field', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  const item = form.item(0);
  await item.getByLabel('Gross weight').fill('12.5');
  await item.getByLabel('Tare weight').fill('14');
  await expect(page.getByTestId('net-0')).toHaveText('-1.5 Tonnes');
  await form.send();
  await expect(errorSummary(page).getByRole('link', { name: /Tare weight must be less than the gross weight/ })).toBeVisible();
  await expect(item.getByLabel('Tare weight')).toHaveAttribute('aria-invalid', 'true');
});

test('Enter in a field never submits; the typed load survives a reload until it is saved', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  await page.getByLabel('Carrier name').fill('Keep Me Ltd');
  await page.getByLabel('Carrier name').press('Enter');
  await expect(errorSummary(page)).toHaveCount(0);
  await page.waitForTimeout(600); // the browser copy is written once typing pauses
  await page.reload();
  await expect(page.getByText('We kept the load you were typing')).toBeVisible();
  await expect(page.getByLabel('Carrier name')).toHaveValue('Keep Me Ltd');
  await page.getByRole('button', { name: 'Start a new load instead' }).click();
  await expect(page.getByLabel('Carrier name')).toHaveValue('');
});

test('a draft is saved without being sent', async ({ page }) => {
  const form = new LoadFormPage(page);
  await form.open();
  await page.getByLabel('Carrier name').fill('Paperwork Pending Ltd');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved as a draft' })).toBeVisible();
  await expectNoAxeViolations(page);
});
