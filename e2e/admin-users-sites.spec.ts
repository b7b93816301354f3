// Administration of users and sites, as an admin in the browser: invitations accepted in a fresh
// browser, role and site changes, disabling (the person's session ends), and sites with DWT's rules in the error summary. Every screen is axe-scanned.
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { systemActor } from '@/lib/auth/actor';
import { createSite } from '@/lib/sites/service';
import { PASSWORD, storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { seedUser } from './support/seed';

test.use({ storageState: storageStateFor('admin') });

const tag = () => randomUUID().slice(0, 6);

async function signInFresh(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

test('an admin invites a person, who sets a password through the one-time link in a fresh browser', async ({ page, browser }) => {
  const email = `invited-${tag()}@e2e.weighbook.test`;
  const name = `Ivy Invited ${tag()}`;
  await page.goto('/admin/users');
  await expectNoAxeViolations(page);
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Send an invitation link').check();
  await form.getByLabel('Weighbridge clerk').check();
  await form.getByLabel('E2E Test Site').check();
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const shown = page.getByRole('status').filter({ hasText: `Invitation for ${email}` });
  await expect(shown).toBeVisible();
  await expectNoAxeViolations(page);
  const link = await shown.getByLabel(/One-time link/).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Invited, not yet accepted');

  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const guest = await fresh.newPage();
  await guest.goto(link);
  await expect(guest.getByRole('heading', { level: 1, name: 'Welcome to Weighbook' })).toBeVisible();
  await expectNoAxeViolations(guest);
  await guest.getByLabel('New password').fill('ivy-chooses-a-password');
  await guest.getByLabel('Type the password again').fill('ivy-chooses-something-else');
  await guest.getByRole('button', { name: 'Set password' }).click();
  await expect(errorSummary(guest).getByRole('link', { name: 'The two passwords do not match' })).toBeVisible();
  await expectNoAxeViolations(guest);
  await guest.getByLabel('Type the password again').fill('ivy-chooses-a-password');
  await guest.getByRole('button', { name: 'Set password' }).click();
  await expect(guest.getByRole('status')).toContainText(`Your password is set. Sign in as ${email}.`);

  // The link is spent.
  await guest.goto(link);
  await expect(guest.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await guest.goto('/sign-in');
  await guest.getByLabel('Email address').fill(email);
  await guest.getByLabel('Password').fill('ivy-chooses-a-password');
  await guest.getByRole('button', { name: 'Sign in' }).click();
  await expect(guest.getByRole('heading', { level: 1, name: `Hello, ${name}` })).toBeVisible();
  await fresh.close();
});

test('an admin changes a person’s roles and sites, then disables them and their session ends', async ({ page, browser }) => {
  const second = await createSite({ actor: systemActor(), input: { name: `E2E Second ${tag()}` } });
  const person = await seedUser({ name: `Rory Roles ${tag()}`, email: `roles-${tag()}@e2e.weighbook.test`, role: 'CLERK' });
  const { context, page: theirs } = await signInFresh(browser, person.email, PASSWORD);
  await expect(theirs.getByRole('heading', { level: 1, name: `Hello, ${person.name}` })).toBeVisible();

  await page.goto('/admin/users');
  await page.getByRole('link', { name: person.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.getByRole('form', { name: 'Name, roles and sites' });
  await form.getByLabel('Weighbridge clerk').uncheck();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'Choose at least one role' })).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel('Site manager').check();
  await form.getByLabel(second.name).check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toHaveText('Changes saved.');
  // Roles are read on every request: their open session now has the manager's pages.
  await theirs.goto('/delivery');
  await expect(theirs.getByRole('heading', { level: 1, name: 'Delivery to DWT' })).toBeVisible();

  await page.getByRole('button', { name: 'Disable account' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Yes, disable the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'account is disabled and their sessions have ended' })).toBeVisible();
  await page.goto('/admin/users');
  await expect(page.getByRole('row', { name: new RegExp(person.name) })).toContainText('Disabled');
  await expect(page.getByRole('row', { name: new RegExp(person.name) })).toContainText('Site manager');

  await theirs.goto('/');
  await expect(theirs).toHaveURL(/\/sign-in/);
  await context.close();
});

test('an admin adds a site and edits it; DWT’s permit rule shows in the error summary', async ({ page }) => {
  // Its own person: the shared e2e accounts must not gain a site whose apiCode the sandbox does not know.
  const person = await seedUser({ name: `Sid Sites ${tag()}`, email: `sites-${tag()}@e2e.weighbook.test`, role: 'CLERK' });
  const name = `E2E Quarry ${tag()}`;
  await page.goto('/admin/sites');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Add a site' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a site' })).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.getByRole('form', { name: 'Add a site' });
  await form.getByLabel('Site name').fill(name);
  await form.getByLabel('Authorisation number').fill('EPR/AB123');
  await form.getByLabel('Postcode').fill('not a postcode');
  await form.getByRole('button', { name: 'Add site' }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /^Authorisation number must be in a permit format DWT accepts/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Postcode must be a UK postcode, like W12 7ZL' })).toBeVisible();
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: /^Authorisation number/ }).click();
  await expect(form.getByLabel('Authorisation number')).toBeFocused();

  await form.getByLabel('Authorisation number').fill('epr/ab1234cd');
  await form.getByLabel('Full address').fill('1 Quarry Lane, Stoneybridge');
  await form.getByLabel('Postcode').fill('ls11aa');
  await form.getByLabel('Nation').selectOption({ label: 'Wales' });
  await form.getByLabel('Regulatory position statements (optional)').fill('250, 251');
  await form.getByLabel(new RegExp(person.name)).check();
  await form.getByRole('button', { name: 'Add site' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('The site is added.');
  await expectNoAxeViolations(page);

  const edit = page.getByRole('form', { name: 'Site details' });
  await expect(edit.getByLabel('Authorisation number')).toHaveValue('EPR/AB1234CD');
  await expect(edit.getByLabel('Postcode')).toHaveValue('LS1 1AA');
  await expect(edit.getByLabel(new RegExp(person.name))).toBeChecked();
  await edit.getByLabel('DWT apiCode (optional until set)').fill('not-a-uuid');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(errorSummary(page).getByRole('link', { name: /^DWT apiCode must be a UUID/ })).toBeVisible();
  await edit.getByLabel('DWT apiCode (optional until set)').fill('1F83215E-4B90-4785-9AB2-2614839AA2E9');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Changes saved.');
  await page.goto('/admin/sites');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('1f83215e-4b90-4785-9ab2-2614839aa2e9');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Wales');
});
