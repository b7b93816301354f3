// The last active administrator cannot be demoted. To get there the other admins are disabled for a
// moment, which would end their sessions in any spec running beside it, so this file runs alone after
// the others (its own project in playwright.config.ts).
import { expect, test } from '@playwright/test';
import { systemActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { LAST_ADMIN_MESSAGE, setUserDisabled } from '@/lib/users/service';
import { ACCOUNTS, storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';

test.use({ storageState: storageStateFor('admin') });

test('the last active administrator cannot be demoted: the roles field says why', async ({ page }) => {
  const me = await db().user.findUniqueOrThrow({ where: { email: ACCOUNTS.admin.email } });
  await page.goto(`/admin/users/${me.id}`);
  await expect(page.getByText('This is your own account. Another administrator can disable it.')).toBeVisible();
  // Make this admin the only active one for a moment (other admins are restored afterwards).
  const others = await db().user.findMany({ where: { roles: { has: 'ADMIN' }, disabled: false, id: { not: me.id } }, select: { id: true } });
  for (const o of others) await setUserDisabled({ actor: systemActor(), input: { id: o.id, disabled: true } });
  try {
    const form = page.getByRole('form', { name: 'Name, roles and sites' });
    await form.getByLabel('Administrator').uncheck();
    await form.getByLabel('Site manager').check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(errorSummary(page).getByRole('link', { name: LAST_ADMIN_MESSAGE })).toBeVisible();
    await expect(page.locator('#field-roles-error')).toContainText(LAST_ADMIN_MESSAGE);
    await expectNoAxeViolations(page);
  } finally {
    for (const o of others) await setUserDisabled({ actor: systemActor(), input: { id: o.id, disabled: false } });
  }
  expect((await db().user.findUniqueOrThrow({ where: { id: me.id } })).roles).toEqual(['ADMIN']);
});
