// The gatehouse's weigh-in page on a slow PC: the clerk types the registration before the page's code
// runs. It must survive the page coming alive, and the focus must stay in the field.
import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { holdScripts } from './support/hold-scripts';

test.use({ storageState: storageStateFor('clerk') });

test('a registration typed before the weigh-in page comes alive is kept, and the focus stays', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/on-site/weigh-in', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1, name: 'Weigh in' })).toBeVisible();
  const registration = page.getByLabel('Vehicle registration');
  await registration.fill('EA12 RLY');
  await release();
  await expect(registration).toHaveValue('EA12 RLY');
  await expect(registration).toBeFocused();
  await expectNoAxeViolations(page);
});
