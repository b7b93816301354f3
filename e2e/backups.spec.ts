// The Backups page. The browser tests run the app on a database given in DATABASE_URL (npm test starts
// one), so the page must say plainly that backups are the database operator's job and show what
// Weighbook can see of that database, with no settings that would suggest otherwise; and no home-page
// warning about Weighbook's own backups. (The embedded database's backups, schedule, check and warning
// are covered against a real embedded PostgreSQL in lib/backup/*.int.test.ts.)
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';

test.describe('as the admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('the Backups page says whose job backups are with DATABASE_URL and what Weighbook can check', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Backups' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
    const status = page.getByRole('region', { name: 'Backups are your database operator’s job' });
    await expect(status).toBeVisible();
    await expect(status.getByRole('listitem').filter({ hasText: /^PostgreSQL \d+/ })).toBeVisible();
    await expect(status.getByRole('listitem').filter({ hasText: /WAL archiving is (on|off)/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Backup settings' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test.describe('as the manager', () => {
  test.use({ storageState: storageStateFor('manager') });

  test('no backup warning on the home page when the database is not Weighbook’s own', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Backups need attention' })).toHaveCount(0);
  });
});
