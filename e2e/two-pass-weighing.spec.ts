// The gatehouse (issue 17), keyboard only: a lorry weighed in from the indicator simulator (TCP, as a
// real network indicator), its waste details added while it tips, weighed out later from the
// indicator, and the load reaching the DWT sandbox with the right net weight and the weigh-in time.
// Then one pass with a stored tare, the first weight typed with a reason (the site has an indicator),
// both marked on the ticket.
import { expect, test, type Browser } from '@playwright/test';
import type { SimulatorHandle } from '@/lib/weighbridge/simulator';
import { E2E_SITE, PASSWORD } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { signInFresh } from './support/sign-in';
import { sandbox } from './support/sandbox';

const TAG = Date.now().toString(36).toUpperCase().slice(-5);
const LORRY = `GH${TAG.slice(0, 2)} ${TAG.slice(2)}`;
const REGULAR = `RG${TAG.slice(0, 2)} ${TAG.slice(2)}`;

let sim: SimulatorHandle;
let siteId = '';
const clerkEmail = `gatehouse-${TAG}@e2e.weighbook.test`.toLowerCase();

test.beforeAll(async () => {
  const { systemActor } = await import('@/lib/auth/actor');
  const { createSite } = await import('@/lib/sites/service');
  const { ensureUser } = await import('@/lib/users/service');
  const { saveParty } = await import('@/lib/address-book/service');
  const { recordTare } = await import('@/lib/address-book/tares');
  const { saveWeighbridge } = await import('@/lib/weighbridge/service');
  const { startIndicatorSimulator } = await import('@/lib/weighbridge/simulator');
  sim = await startIndicatorSimulator({ port: 0 });
  sim.hold(18_460);
  const site = await createSite({ actor: systemActor(), input: { ...E2E_SITE, name: `E2E Gatehouse ${TAG}`, weighbridgeUnit: 'Kilograms' } });
  siteId = site.id;
  const system = systemActor([site.id]);
  await ensureUser({ actor: system, input: { name: 'Gail Gatehouse', email: clerkEmail, password: PASSWORD, roles: ['CLERK'], siteIds: [site.id] } });
  await saveWeighbridge({
    actor: system,
    input: {
      siteId,
      values: { name: 'Weighbridge 1', connection: 'tcp', host: '127.0.0.1', port: String(sim.port), format: 'toledo', unit: 'kg', divisionKg: '20' },
    },
  });
  for (const [name, vehicle] of [
    ['Gatehouse Haulage Ltd', LORRY],
    ['Regular Skips Ltd', REGULAR],
  ] as const) {
    await saveParty({
      actor: system,
      input: {
        siteId,
        kind: 'CARRIER',
        organisationName: name,
        registrationNumber: 'CBDU123456',
        postcode: 'LS1 1AA',
        meansOfTransport: 'Road',
        vehicleRegistrations: [vehicle],
      },
    });
  }
  await recordTare({
    actor: system,
    input: { siteId, vehicleRegistration: REGULAR, amount: '11,240', unit: 'Kilograms' },
    now: new Date(Date.now() - 30 * 24 * 3600_000),
  });
});

test.afterAll(async () => {
  await sim?.close();
});

const signIn = (browser: Browser, baseURL: string | undefined) => signInFresh(browser, baseURL, clerkEmail);

test('weigh in from the indicator, add the waste while it tips, weigh out later: DWT gets the net and the weigh-in time', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, baseURL);
  await page.goto('/on-site');
  await expect(page.getByRole('heading', { level: 1, name: 'On site now' })).toBeVisible();
  await page.getByRole('link', { name: 'Weigh in a vehicle' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Weigh in' })).toBeVisible();

  // The registration box has focus; a known vehicle fills its carrier as the clerk moves on.
  await expect(page.getByLabel('Vehicle registration')).toBeFocused();
  await page.keyboard.type(LORRY.toLowerCase());
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Carrier (optional)')).toHaveValue('Gatehouse Haulage Ltd');
  await expect(page.getByTestId('live-weight')).toHaveText('18,460 kg');
  await expect(page.getByText('Steady', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const weighedIn = new Date();
  await page.keyboard.press('F2');

  await expect(page).toHaveURL(/\/on-site\?weighed-in=/);
  const row = page.getByRole('row', { name: new RegExp(LORRY) });
  await expect(row).toContainText('Gatehouse Haulage Ltd');
  await expect(row).toContainText('18,460 kg (indicator)');
  await expectNoAxeViolations(page);

  // While it tips: the waste details, from the board. Saved; the vehicle stays on site; nothing sent.
  await row.getByRole('link', { name: /Waste details/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Waste details for ${LORRY}`) })).toBeVisible();
  const item = page.getByRole('group', { name: 'Waste item 1', exact: true });
  await expect(item.getByTestId('weighed-0')).toContainText('First weight 18,460 kg');
  const ewc = item.getByRole('combobox', { name: 'EWC codes' });
  await ewc.fill('170504');
  await ewc.press('Enter');
  await item.getByLabel('Description of the waste').fill('Soil and stones');
  await item.getByLabel('Physical form').selectOption('Solid');
  await item.getByLabel('Number of containers').fill('1');
  await item.getByLabel('Type of containers').selectOption('SKI');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save the waste details' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/on-site\?details-saved=/);
  const ticketNumber = new URL(page.url()).searchParams.get('details-saved')!;
  // Nothing sent: other sites' loads share ticket numbers in the one sandbox, so this load is checked itself.
  const { db } = await import('@/lib/db');
  const onSite = await db().load.findFirstOrThrow({ where: { siteId, ticketNumber }, include: { attempts: true } });
  expect(onSite).toMatchObject({ status: 'ON_SITE', wasteTrackingId: null, attempts: [] });

  // Later: it comes back empty. One keystroke on the board opens its weigh-out.
  sim.hold(6_240);
  const rows = await page.getByRole('row').allTextContents();
  const index = rows.slice(1).findIndex((r) => r.includes(LORRY));
  expect(index).toBeGreaterThanOrEqual(0);
  await page.keyboard.press(String(index + 1));
  await expect(page.getByRole('heading', { level: 1, name: `Weigh out ${LORRY}` })).toBeVisible();
  await expect(page.getByTestId('live-weight')).toHaveText('6,240 kg');
  const take = page.getByRole('button', { name: 'Take weight and weigh out' });
  await expect(take).toBeEnabled();
  await expectNoAxeViolations(page);
  await take.focus();
  await page.keyboard.press('Enter');

  // Complete: sent at once, net 18,460 − 6,240 = 12,220 kg, received at the weigh-in time.
  await expect(page).toHaveURL(/\/loads\/[0-9a-f-]{36}\?weighed=1/);
  // No disposal or recovery code was given: DWT takes it with a warning (codes to follow).
  await expect(page.getByText(/^Sent( with warnings)?$/)).toBeVisible();
  await expect(page.getByText(/Net 12,220 kg/)).toBeVisible();
  await expectNoAxeViolations(page);
  const load = await db().load.findFirstOrThrow({ where: { siteId, ticketNumber } });
  // DWT holds it once, under the id the load keeps.
  expect((await sandbox.movementsFor(ticketNumber)).filter((m) => m.wasteTrackingId === load.wasteTrackingId)).toHaveLength(1);
  const movement = load.movement as { dateTimeReceived: string; wasteItems: { weight: { amount: number; metric: string } }[] };
  expect(movement.wasteItems[0]!.weight).toMatchObject({ amount: 12_220, metric: 'Kilograms' });
  expect(Math.abs(new Date(movement.dateTimeReceived).getTime() - weighedIn.getTime())).toBeLessThan(2 * 60_000);
  expect(load.weighedOutAt!.getTime()).toBeGreaterThan(load.weighedInAt!.getTime());
  await page.context().close();
});

test('one pass with a stored tare, the weight typed with a reason: both on the ticket', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL);
  await page.goto('/on-site/weigh-in');
  await expect(page.getByLabel('Vehicle registration')).toBeFocused();
  await page.keyboard.type(REGULAR);
  await page.keyboard.press('Tab');
  const useTare = page.getByRole('checkbox', { name: /^Use stored tare \(weighed \d{1,2} \w{3} \d{4}\): 11,240 kg/ });
  await expect(useTare).toBeVisible();
  await useTare.focus();
  await page.keyboard.press('Space');
  await expect(useTare).toBeChecked();

  // Typed while the site has an indicator: refused without a reason, naming the field.
  await page.getByLabel('First weight (kg)').focus();
  await page.keyboard.type('25,000');
  await page.getByRole('button', { name: 'Weigh in with this weight (one pass)' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Enter why the weight was typed instead of taken from the indicator');
  await expectNoAxeViolations(page);
  await page.getByLabel('Why are you typing the weight?').focus();
  await page.keyboard.type('Indicator display fault');
  await page.getByRole('button', { name: 'Weigh in with this weight (one pass)' }).focus();
  await page.keyboard.press('Enter');

  // Weighed in one pass: the clerk finishes the waste details (no second weighing).
  await expect(page).toHaveURL(/\/loads\/([0-9a-f-]{36})\/edit\?weighed=1/);
  const id = /\/loads\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await expect(page.getByRole('heading', { level: 1, name: /^Finish load / })).toBeVisible();
  await expect(page.getByTestId('weighed-0')).toContainText('Net 13,760 kg');
  await expectNoAxeViolations(page);

  await page.goto(`/loads/${id}/receipt`);
  const weights = page.getByRole('table', { name: 'Weights, waste item 1' });
  await expect(weights).toContainText('Typed by hand (Indicator display fault)');
  await expect(weights).toContainText(/Stored tare \(weighed \d{1,2} \w{3} \d{4}\)/);
  await expect(weights).toContainText('13,760 kg');
  await expectNoAxeViolations(page);
  const { db } = await import('@/lib/db');
  const audit = await db().auditEntry.findFirstOrThrow({ where: { entityId: id, action: 'load.weigh-one-pass' } });
  expect(audit.changes).toMatchObject({
    firstWeightSource: { to: 'manual' },
    firstWeightReason: { to: 'Indicator display fault' },
    secondWeightSource: { to: 'stored-tare' },
  });
  await page.context().close();
});
