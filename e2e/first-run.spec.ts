// A fresh installation with no administrator and no demo: the start-up printed a one-time set-up code
// (kept in the data folder), and /setup creates the first administrator with it. Runs before any
// account is seeded (project "first-run" in playwright.config.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { errorSummary, expectNoAxeViolations } from './support/axe';

test('the first administrator is created with the set-up code, once', async ({ page }) => {
  const dataDir = process.env.E2E_DATA_DIR;
  test.skip(!dataDir, 'needs E2E_DATA_DIR (run through npm test)');
  const code = (await readFile(path.join(dataDir!, 'setup-code'), 'utf8')).trim();

  await page.goto('/setup');
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Weighbook' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Set-up code').fill('WRONG-CODE');
  await page.getByLabel('Your full name').fill('First Admin');
  await page.getByLabel('Email address').fill('first-admin@e2e.weighbook.test');
  await page.getByLabel('Password').fill('first-admin-password');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'That set-up code is not right' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Set-up code').fill(code);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('status')).toContainText('The administrator account for first-admin@e2e.weighbook.test is ready.');

  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in/);
});
