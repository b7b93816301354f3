// The DWT connection page: an admin saves settings pointing at the e2e run's sandbox, tests the
// connection (and a wrong secret, in plain words), and the secret never reaches the browser: every
// response the browser receives while the admin visits every page it can reach — HTML, RSC payloads,
// server-action answers, JS chunks — is searched for it. The settings saved are the sandbox's own
// credentials, and are removed at the end, so the other specs' deliveries are unaffected.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page, type Response } from '@playwright/test';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';

test.use({ storageState: storageStateFor('admin') });

const sandboxUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3200) + 1}`;

async function sandboxSecret(): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the browser tests through npm test');
  return (await readFile(path.join(dataDir, 'sandbox-client-secret'), 'utf8')).trim();
}

/** Every body the browser receives from now on. */
function collectResponses(page: Page) {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  page.on('response', (response: Response) => {
    bodies.push(
      response
        .body()
        .then((b) => ({ url: response.url(), body: b.toString('utf8') }))
        .catch(() => ({ url: response.url(), body: '' })), // redirects have no body
    );
  });
  return () => Promise.all(bodies);
}

const settings = (page: Page) => page.getByRole('region', { name: 'Connection settings' });
const baseURL = `http://localhost:${Number(process.env.E2E_PORT ?? 3200)}`;

/** The saved settings are removed whatever happens, so a failure here cannot leave the other specs'
 * deliveries pointed at settings this spec saved. A no-op when the test removed them itself. */
async function removeSavedSettings(page: Page) {
  await page.goto('/admin/dwt');
  const remove = page.getByRole('form', { name: 'Connection settings' }).getByRole('button', { name: 'Remove saved settings and secret' });
  if ((await remove.count()) === 0) return;
  await remove.click();
  await expect(settings(page).getByRole('status')).toContainText('Removed the saved settings');
}

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('admin'), baseURL });
  try {
    await removeSavedSettings(await context.newPage());
  } finally {
    await context.close();
  }
});

test('an admin saves DWT settings with a secret, tests them, and the secret never reaches the browser', async ({ page }) => {
  // It visits every page an admin can reach (up to 40): on a busy 2-core machine that alone can take a minute.
  test.setTimeout(180_000);
  const secret = await sandboxSecret();
  const received = collectResponses(page);

  await page.goto('/admin/dwt');
  await expect(page.getByRole('heading', { level: 1, name: 'DWT connection' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Connection settings' });

  // A half-filled set is refused with field messages.
  await form.getByLabel('Auth URL').fill('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(errorSummary(page).getByRole('link', { name: 'Enter the auth URL' })).toBeVisible();

  await form.getByLabel('Environment').selectOption('sandbox');
  await form.getByLabel('API URL').fill(sandboxUrl);
  await form.getByLabel('Auth URL').fill(sandboxUrl);
  await form.getByLabel('Client id').fill('weighbook-sandbox');
  await form.getByLabel('Client secret').fill(secret);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(settings(page).getByRole('status')).toContainText('Saved.');
  // Write-only: the field is empty again and only says that a secret is saved.
  await expect(form.getByLabel('Client secret')).toHaveValue('');
  await expect(page.getByText(/A secret is saved \(set on .* by Ada Admin\)/)).toBeVisible();
  await expect(page.getByText('Settings saved on this page')).toBeVisible();

  // Test connection with the saved secret (the field left blank).
  await form.getByRole('button', { name: 'Test connection' }).click();
  const status = settings(page).getByRole('status');
  await expect(status).toContainText('The connection works.');
  await expect(status).toContainText('Reached the token endpoint');
  await expect(status).toContainText(/Fetched \d+ EWC codes/);
  await expectNoAxeViolations(page);

  // A wrong secret, typed but not saved: a plain failure.
  await form.getByLabel('Client secret').fill('not-the-sandbox-secret');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(status).toContainText('The connection does not work.');
  await expect(status).toContainText('DWT refused the client id or secret (HTTP 401).');
  await expectNoAxeViolations(page);
  await form.getByLabel('Client secret').fill('');

  // Every page the admin can reach, through the links on the pages themselves.
  const seen = new Set<string>();
  const queue = ['/'];
  while (queue.length > 0 && seen.size < 40) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    await page.goto(next);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const href of hrefs) if (!seen.has(href) && !href.startsWith('/api/')) queue.push(href);
  }
  expect([...seen]).toEqual(expect.arrayContaining(['/', '/admin/dwt', '/admin/users']));

  // Back to the server's settings (the same sandbox), for the other specs.
  await page.goto('/admin/dwt');
  await form.getByRole('button', { name: 'Remove saved settings and secret' }).click();
  await expect(settings(page).getByRole('status')).toContainText('Removed the saved settings');
  await expect(page.getByText('Settings saved on this page')).toHaveCount(0);

  const bodies = await received();
  expect(bodies.length).toBeGreaterThan(20);
  expect(bodies.some((b) => b.url.endsWith('.js'))).toBe(true);
  const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
  const leaks = bodies.filter((b) => forms.some((f) => b.body.includes(f))).map((b) => b.url);
  expect(leaks, 'responses that contain the DWT client secret').toEqual([]);
});
