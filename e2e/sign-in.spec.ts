import { expect, test } from '@playwright/test';
import { PASSWORD } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { seedUser } from './support/seed';

test('the sign-in page, its error summary and the not-allowed page pass the axe scan', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: 'Enter your email address' }).click();
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.goto('/not-allowed');
  await expectNoAxeViolations(page);
});

test('a person signs in with the keyboard alone, sees their home page and signs out', async ({ page }) => {
  const user = await seedUser({ name: 'Kim Keyboard', email: 'keyboard@e2e.weighbook.test', role: 'CLERK' });
  await page.goto('/sign-in');
  // Skip link first, then the fields in order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Kim Keyboard' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Weighbridge' })).toBeVisible();
  await expectNoAxeViolations(page);
  const cookies = await page.context().cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  // Signing out ended the session on the server: the old cookie, put back, no longer signs anyone in.
  await page.context().addCookies(cookies);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const user = await seedUser({ name: 'Wanda Wrong', email: 'wrong@e2e.weighbook.test', role: 'MANAGER' });
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(errorSummary(page)).toContainText('The email address or password is not right.');
});

test('repeated wrong passwords get the same message, and a redirect after sign-in never leaves the site', async ({ page }) => {
  const user = await seedUser({ name: 'Lou Throttled', email: 'throttled@e2e.weighbook.test', role: 'CLERK' });
  await page.goto('/sign-in?callbackUrl=/%5Cevil.example');
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(errorSummary(page)).toContainText('The email address or password is not right.');
  }
  // A different account from this browser is not held up by those guesses.
  const other = await seedUser({ name: 'Ola Other', email: 'other-account@e2e.weighbook.test', role: 'CLERK' });
  await page.getByLabel('Email address').fill(other.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Ola Other' })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test('responses carry the security headers', async ({ request }) => {
  const res = await request.get('/sign-in');
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
});
