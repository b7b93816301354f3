import { expect, test as setup } from '@playwright/test';
import { ACCOUNTS, PASSWORD, storageStateFor, type AccountName } from './support/accounts';
import { seedUser } from './support/seed';

for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
  setup(`sign in as the ${name}`, async ({ page }) => {
    const account = ACCOUNTS[name];
    await seedUser(account);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${account.name}` })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(name) });
  });
}
