// How many keys a clerk presses to log a load at a busy window, keyboard only: every Tab, every
// character and every shortcut counts. A new carrier (nothing known about them) and a repeat one (a
// vehicle the site has weighed before). The figures are printed, and held to the aims.
import { expect, test, type Page } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { LoadFormPage } from './support/load-form';
import { seedCarrier, seedLoads } from './support/seed';

test.use({ storageState: storageStateFor('clerk') });

/** The keyboard, counting: a character typed is one key, a chord (Control+Enter) is one key. */
class CountingKeyboard {
  count = 0;
  constructor(private readonly page: Page) {}

  async type(text: string) {
    this.count += text.length;
    await this.page.keyboard.type(text);
  }

  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }

  /** The focused control's accessible label (its <label>, aria-label or text). */
  focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el || el === document.body) return '';
      return (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
  }

  /** Tab (counted) until the control named `name` has focus; nothing pressed if it has already. */
  async tabTo(name: string | RegExp, max = 80) {
    const matches = (label: string) => (typeof name === 'string' ? label === name : name.test(label));
    if (matches(await this.focused())) return;
    for (let i = 0; i < max; i++) {
      await this.press('Tab');
      if (matches(await this.focused())) return;
    }
    throw new Error(`"${String(name)}" was not reached with Tab`);
  }

  /** Types into the focused box, first selecting what a copy or a default left there. */
  async replace(text: string) {
    const current = await this.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '');
    if (current !== '') await this.press('Control+A');
    await this.type(text);
  }
}

async function openForKeyboard(page: Page) {
  // No load kept from an earlier test: the page as it is on arrival, focus wherever it puts it.
  await page.addInitScript(() => {
    for (const k of Object.keys(window.localStorage)) if (k.startsWith('weighbook:new-load:')) window.localStorage.removeItem(k);
  });
  await page.goto('/loads/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start a new load instead' })).toHaveCount(0);
  // The clerk starts once the form is up (typing before it was up is e2e/typing-before-hydration.spec.ts).
  await expect(page.locator('form[data-alive="true"]')).toBeVisible();
  return new LoadFormPage(page);
}

test('a load from a new carrier, keyboard only, counting keys', async ({ page }) => {
  const form = await openForKeyboard(page);
  const keys = new CountingKeyboard(page);
  await keys.tabTo('Vehicle registration');
  const toVehicle = keys.count;
  await keys.type('KS12 NEW');
  await keys.tabTo('Carrier name');
  await keys.type('Keystroke New Ltd');
  await keys.tabTo('Carrier registration number');
  await keys.type('CBDU112233');
  await keys.tabTo('EWC codes');
  await keys.type('170504');
  await expect(page.getByRole('listbox', { name: 'EWC codes' }).getByRole('option').first()).toBeVisible();
  await keys.press('Enter');
  await expect(form.item(0).getByRole('button', { name: /Remove 17 05 04/ })).toBeVisible();
  await keys.tabTo('Description of the waste');
  await keys.type('Soil');
  await keys.tabTo('Physical form');
  await keys.type('S');
  await keys.tabTo('Number of containers');
  await keys.type('1');
  await keys.tabTo('Type of containers');
  await keys.type('Skip');
  await keys.tabTo('Gross weight');
  await keys.replace('16');
  await keys.tabTo('Tare weight');
  await keys.replace('9.5');
  await expect(page.getByTestId('net-0')).toHaveText(/^6\.5 (Tonnes|t)$/);
  await keys.press('Control+Enter');
  await form.expectSent();
  console.log(`KEYSTROKES new carrier: ${keys.count} (${toVehicle} before the vehicle registration)`);
  expect(keys.count).toBeLessThanOrEqual(90);
});

test('a load from a repeat carrier, keyboard only, counting keys', async ({ page }) => {
  await seedCarrier({ organisationName: 'Keystroke Repeat Ltd', registrationNumber: 'CBDU334455', vehicles: ['KR12 PTE'] });
  await seedLoads([{ carrier: 'Keystroke Repeat Ltd', vehicle: 'KR12 PTE', received: '2026-11-20T09:00', items: [{ description: 'Soil and stones' }] }]);
  const form = await openForKeyboard(page);
  const keys = new CountingKeyboard(page);
  await keys.tabTo('Vehicle registration');
  const toVehicle = keys.count;
  await keys.type('KR12 PTE');
  await expect(page.getByLabel('Carrier name')).toHaveValue('Keystroke Repeat Ltd');
  // The vehicle's last load is offered right after the registration: one Tab, then Enter.
  await expect(page.getByRole('button', { name: /^Fill in the rest from ticket/ })).toBeVisible();
  await keys.tabTo(/^Fill in the rest from ticket/);
  await keys.press('Enter');
  await expect(page.getByText(/^Filled in from ticket \d+, without its weights/)).toBeVisible();
  await expect(form.item(0).getByLabel('Gross weight')).toBeFocused();
  await expect(form.item(0).getByRole('button', { name: /Remove 17 05 04/ })).toBeVisible();
  await keys.tabTo('Gross weight');
  await keys.replace('15.4');
  await keys.tabTo('Tare weight');
  await keys.replace('9.2');
  await expect(page.getByTestId('net-0')).toHaveText(/^6\.2 (Tonnes|t)$/);
  await keys.press('Control+Enter');
  await form.expectSent();
  console.log(`KEYSTROKES repeat carrier: ${keys.count} (${toVehicle} before the vehicle registration)`);
  expect(keys.count).toBeLessThanOrEqual(25);
});
