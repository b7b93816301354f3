// Signing in as a user a test seeded itself, in a fresh browser context of its own (the shared
// sessions of auth.setup.ts are for the standard accounts). `prepare` runs before the first page
// opens, e.g. to install a fake browser API with page.addInitScript.
import { expect, type Browser, type Page } from '@playwright/test';
import { PASSWORD } from './accounts';

export async function signInFresh(browser: Browser, baseURL: string | undefined, email: string, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await prepare?.(page);
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
  return page;
}
