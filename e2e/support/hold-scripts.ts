// A slow PC at the gatehouse, in a browser test: the page's JavaScript is held back while the person
// types into the server-rendered page, then let through.
import { expect, type Page } from '@playwright/test';

/**
 * Holds the page's scripts until the returned function is called. That function checks the page's form
 * was not yet alive (so the typing really happened before its code ran), lets the scripts through, and
 * waits for the form's `data-alive` marker.
 */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/**', async (route) => {
    await held;
    await route.continue();
  });
  return async () => {
    await expect(page.locator('[data-alive="true"]'), 'the form is not yet alive while the person types').toHaveCount(0);
    release();
    await expect(page.locator('[data-alive="true"]')).toBeVisible({ timeout: 30_000 });
    await page.unroute('**/_next/static/chunks/**');
  };
}
