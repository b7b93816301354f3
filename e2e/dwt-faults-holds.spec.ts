// DWT refusing an organisation, not a load (issue 14): an unpaid service charge (402) and a revoked
// apiCode hold the apiCode's sends; the loads wait, managers and admins are told on every page, and the
// loads go once the charge is paid ("We have paid – try now") or a working apiCode is saved on the site.
// A correction DWT refuses on submittingOrganisation (another organisation's apiCode) is explained.
// Each test has a site of its own with its own apiCode (so the shared e2e site's loads are never held),
// and turns the shared sandbox's knobs, so it runs in the "dwt-faults" project.
import { expect, test, type Page } from '@playwright/test';
import { systemActor } from '@/lib/auth/actor';
import { SANDBOX_API_CODES } from '@/lib/dwt/sandbox/defaults';
import { createSite, updateSite } from '@/lib/sites/service';
import { ensureUser } from '@/lib/users/service';
import { E2E_SITE, PASSWORD, storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { signInFresh } from './support/sign-in';
import { LoadFormPage } from './support/load-form';
import { loadRow } from './support/load-seed';
import { sandbox } from './support/sandbox';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => {
  await sandbox.reset();
});

const tag = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** A site with its own apiCode, and a clerk and a manager who work only there. */
async function seedSite(label: string, apiCode: string) {
  const t = tag();
  const site = await createSite({ actor: systemActor(), input: { ...E2E_SITE, name: `E2E ${label} ${t}`, apiCode } });
  const person = async (role: 'CLERK' | 'MANAGER', name: string) => {
    const email = `${role.toLowerCase()}-${label.toLowerCase()}-${t}@e2e.weighbook.test`;
    await ensureUser({ actor: systemActor([site.id]), input: { name, email, password: PASSWORD, roles: [role], siteIds: [site.id] } });
    return email;
  };
  return { id: site.id, name: site.name, clerk: await person('CLERK', 'Holly Held'), manager: await person('MANAGER', 'Hal Held') };
}

/** The clerk logs a good load and sends it; returns the load's id. */
async function logLoad(page: Page): Promise<string> {
  const form = new LoadFormPage(page);
  await form.open();
  await form.fillCarrier({ name: 'Keepsake Haulage Ltd', registration: 'CBDU222333', vehicle: 'KE19 EPS', postcode: 'ls1 4ab' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil and stones', gross: '20.5', tare: '11.25', codes: [{ code: 'R5', weight: '9.25' }] });
  await form.send();
  const receipt = (await page.getByRole('link', { name: 'Print the weighbridge ticket' }).getAttribute('href'))!;
  return receipt.replace(/^\/loads\//, '').replace(/\/receipt$/, '');
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60_000).toISOString().slice(0, 10);
}

test('a load sent while the organisation is unpaid waits, managers and admins see the banner, and “try now” once paid sends it', async ({
  browser,
  baseURL,
}) => {
  const code = SANDBOX_API_CODES[7]!;
  const site = await seedSite('Unpaid', code);
  await sandbox.setKnobs({ unpaidApiCodes: [code] });

  const clerk = await signInFresh(browser, baseURL, site.clerk);
  const loadId = await logLoad(clerk);
  await expect(clerk.getByRole('heading', { level: 2, name: 'Saved – waiting to send' })).toBeVisible();
  await expect(clerk.getByText(/DWT will not take records until the organisation has paid its DWT service charge/)).toBeVisible();
  await expectNoAxeViolations(clerk);
  expect((await loadRow(loadId)).status).toBe('PENDING');

  // The site's manager sees the banner on every page, naming the site and saying what to do.
  const manager = await signInFresh(browser, baseURL, site.manager);
  const banner = manager.getByRole('region', { name: 'DWT needs attention' });
  await expect(banner).toContainText(`DWT is not taking records from ${site.name}: the DWT service charge has not been paid`);
  await expect(banner).toContainText('1 load is saved and waiting to send');
  await expectNoAxeViolations(manager);
  await manager.goto('/loads');
  await expect(banner).toContainText(site.name);
  await manager.goto(`/loads/${loadId}`);
  await expect(banner).toContainText('pays the DWT service charge');
  await expect(manager.getByText('Waiting to send').first()).toBeVisible();
  await expectNoAxeViolations(manager);

  // Paid: the admin presses "We have paid – try now" on the delivery page (by keyboard).
  await sandbox.setKnobs({ unpaidApiCodes: [], serviceChargeExpiry: inDays(20) });
  const admin = await (await browser.newContext({ baseURL, storageState: storageStateFor('admin') })).newPage();
  await admin.goto('/delivery');
  await expect(admin.getByRole('region', { name: 'DWT needs attention' })).toContainText(site.name);
  const row = admin.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('Held: service charge unpaid (402)');
  await expectNoAxeViolations(admin);
  const tryNow = row.getByRole('button', { name: 'We have paid – try now' });
  await tryNow.focus();
  await admin.keyboard.press('Enter');
  await expect(row.getByRole('status')).toHaveText(/DWT took the first waiting load/, { timeout: 20_000 });
  expect((await loadRow(loadId)).status).toBe('SENT');
  // The service charge's expiry came with DWT's answer: 20 days left is inside the 30-day warning.
  await admin.reload();
  await expect(row).toContainText('Sending normally');
  await expect(row).toContainText('(in 20 days)');
  await expect(admin.getByRole('region', { name: 'DWT needs attention' })).toContainText(`The DWT service charge for ${site.name} runs out soon`);
  await expectNoAxeViolations(admin);
  await admin.goto(`/admin/sites/${site.id}`);
  await expect(admin.getByRole('region', { name: 'DWT and this site’s apiCode' })).toContainText('Service charge paid until:');
  await expectNoAxeViolations(admin);
  await manager.goto(`/loads/${loadId}`);
  await expect(manager.getByText('Sent', { exact: true }).first()).toBeVisible();
});

test('a revoked apiCode holds the site’s loads with the admin told, and they go once a new apiCode is saved', async ({ browser, baseURL }) => {
  const revoked = SANDBOX_API_CODES[8]!;
  const site = await seedSite('Revoked', revoked);
  await sandbox.setKnobs({ revokedApiCodes: [revoked] });

  const clerk = await signInFresh(browser, baseURL, site.clerk);
  const loadId = await logLoad(clerk);
  await expect(clerk.getByRole('heading', { level: 2, name: 'Saved – waiting to send' })).toBeVisible();
  await expect(clerk.getByText(/DWT does not accept this site’s apiCode/)).toBeVisible();
  expect((await loadRow(loadId)).status).toBe('PENDING');

  const admin = await (await browser.newContext({ baseURL, storageState: storageStateFor('admin') })).newPage();
  await admin.goto('/');
  const banner = admin.getByRole('region', { name: 'DWT needs attention' });
  await expect(banner).toContainText(`DWT does not accept the apiCode of ${site.name}`);
  await expect(banner).toContainText('the API Code supplied is invalid');
  await expectNoAxeViolations(admin);
  await banner.getByRole('link', { name: site.name }).click();
  await expect(admin.getByRole('heading', { level: 1, name: site.name })).toBeVisible();
  await expect(admin.getByRole('region', { name: 'DWT and this site’s apiCode' })).toContainText('DWT refuses this site’s apiCode');
  await expectNoAxeViolations(admin);
  await admin.goto('/delivery');
  await expect(admin.getByRole('row').filter({ hasText: revoked })).toContainText('Held: DWT refuses this apiCode');

  // The admin enters the working apiCode from DEFRA's service: the held load goes.
  await admin.goto(`/admin/sites/${site.id}`);
  const form = admin.getByRole('form', { name: 'Site details' });
  await form.getByLabel('DWT apiCode (optional until set)').fill(SANDBOX_API_CODES[9]!);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toBeVisible();
  await expect.poll(async () => (await loadRow(loadId)).status, { timeout: 30_000 }).toBe('SENT');
  await admin.reload();
  await expect(admin.getByRole('region', { name: 'DWT needs attention' }).filter({ hasText: site.name })).toHaveCount(0);
  await expect(admin.getByRole('region', { name: 'DWT and this site’s apiCode' })).not.toContainText('refuses');
  await expectNoAxeViolations(admin);
});

test('a correction sent with another organisation’s apiCode than the original is explained on the load page', async ({ browser, baseURL }) => {
  const first = SANDBOX_API_CODES[5]!;
  const second = SANDBOX_API_CODES[6]!;
  const site = await seedSite('Handover', first);
  const manager = await signInFresh(browser, baseURL, site.manager);
  const loadId = await logLoad(manager);
  await expect(manager.getByRole('heading', { level: 2, name: 'Sent to DWT' })).toBeVisible({ timeout: 20_000 });

  // The site's apiCode is changed to another organisation's; then the manager corrects the load.
  await updateSite({ actor: systemActor(), input: { ...E2E_SITE, id: site.id, name: site.name, apiCode: second } });
  await manager.goto(`/loads/${loadId}/edit`);
  await manager.getByRole('group', { name: 'Waste item 1', exact: true }).getByLabel('Description of the waste').fill('Regraded soil and stones');
  await manager.getByLabel('Why are you correcting this load?').fill('Regraded at the tipping face');
  await manager.getByRole('button', { name: 'Save and send the correction' }).click();
  await expect(manager.getByRole('heading', { level: 2, name: 'Saved – needs attention' })).toBeVisible({ timeout: 20_000 });

  await manager.goto(`/loads/${loadId}`);
  const panel = manager.getByRole('region', { name: 'Correction sent with another organisation’s apiCode' });
  await expect(panel).toContainText('it was sent with a different organisation’s apiCode than the original record');
  await expect(panel).toContainText(`First sent with apiCode ${first}; this correction with ${second}.`);
  await expect(panel).toContainText('sets it back to the first one');
  await expectNoAxeViolations(manager);
});
