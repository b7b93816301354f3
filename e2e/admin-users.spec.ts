import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';

test.use({ storageState: storageStateFor('admin') });

test('an admin adds a user; server-side errors land on the fields and in the summary', async ({ page }) => {
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByRole('button', { name: 'Create invitation' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expectNoAxeViolations(page);

  const email = `new-${Date.now()}@e2e.weighbook.test`;
  await form.getByLabel('Full name').fill('Nina New');
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Choose a password for them now').check();
  await form.getByLabel('Temporary password').fill('a-long-temporary-password');
  await form.getByLabel('Weighbridge clerk').check();
  await form.getByLabel('E2E Test Site').check();
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status')).toContainText(`${email} can now sign in.`);
  await expect(page.getByRole('cell', { name: /Nina New/ })).toBeVisible();

  // The same email again: refused by the server, reported on the email field.
  await form.getByLabel('Full name').fill('Nina Again');
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Temporary password').fill('a-long-temporary-password');
  await form.getByLabel('Weighbridge clerk').check();
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'A user with this email address already exists' })).toBeVisible();
  await expect(form.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Full name')).toHaveValue('Nina Again');
});

test('demo accounts left in a real installation are shown to admins and removed with one click', async ({ page }) => {
  const { systemActor } = await import('@/lib/auth/actor');
  const { DEMO_EMAIL_DOMAIN, ensureUser } = await import('@/lib/users/service');
  await ensureUser({
    actor: systemActor(),
    input: { name: 'Demo Clerk', email: `clerk-${Date.now()}${DEMO_EMAIL_DOMAIN}`, password: 'a-demo-password', roles: ['CLERK'] },
    demo: true,
  });
  await page.goto('/admin/users');
  const demo = page.getByRole('region', { name: 'Demo accounts' });
  await expect(demo).toContainText('demo.weighbook.test');
  await expectNoAxeViolations(page);
  await demo.getByRole('button', { name: 'Remove demo accounts' }).click();
  await expect(page.getByRole('region', { name: 'Demo accounts' })).toHaveCount(0);
});
