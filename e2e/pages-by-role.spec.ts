// Every page, as every role: the pages a role may use render and pass the axe scan; the others are
// refused on the server with the "not allowed" page, whatever the navigation shows.
import { expect, test } from '@playwright/test';
import { can, type Permission } from '@/lib/auth/permissions';
import { ACCOUNTS, storageStateFor, type AccountName } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';

/** `nav: false`: a page reached from another page, not from the navigation. */
const PAGES: { path: string; heading: string | RegExp; permission?: Permission; nav?: false }[] = [
  { path: '/', heading: /^Hello, / },
  { path: '/loads/new', heading: 'Log a load', permission: 'loads.create' },
  { path: '/loads', heading: 'Loads', permission: 'loads.view' },
  { path: '/on-site', heading: 'On site now', permission: 'loads.view' },
  { path: '/on-site/weigh-in', heading: 'Weigh in', permission: 'weighings.create', nav: false },
  { path: '/delivery', heading: 'Delivery to DWT', permission: 'delivery.view' },
  { path: '/admin/users', heading: 'Users', permission: 'users.manage' },
  { path: '/admin/sites', heading: 'Sites', permission: 'sites.manage' },
  { path: '/admin/dwt', heading: 'DWT connection', permission: 'dwt.manage' },
  { path: '/admin/data-requests', heading: 'Customers’ data requests', permission: 'data-requests.manage' },
  { path: '/admin/address-book', heading: 'Address book', permission: 'address-book.manage' },
  { path: '/admin/backups', heading: 'Backups', permission: 'backups.manage' },
];

for (const account of Object.keys(ACCOUNTS) as AccountName[]) {
  test.describe(`as the ${account}`, () => {
    // Read-only page visits: spread over both workers (run one after the other they took 9 minutes).
    test.describe.configure({ mode: 'parallel' });
    test.use({ storageState: storageStateFor(account) });
    const roles = [ACCOUNTS[account].role];

    for (const p of PAGES) {
      const allowed = !p.permission || can(roles, p.permission);
      test(`${p.path} is ${allowed ? 'shown' : 'refused'}`, async ({ page }) => {
        const response = await page.goto(p.path);
        if (allowed) {
          expect(response?.status()).toBe(200);
          await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
          await expectNoAxeViolations(page);
        } else {
          await expect(page).toHaveURL(/\/not-allowed$/);
          await expect(page.getByRole('heading', { level: 1, name: 'You are not allowed to see that page' })).toBeVisible();
          await expectNoAxeViolations(page);
        }
      });
    }

    test('the navigation offers only what the role may use', async ({ page }) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const p of PAGES.filter((x) => x.permission && x.nav !== false)) {
        const link = nav.getByRole('link', {
          name: typeof p.heading === 'string' ? p.heading.replace('Customers’ data requests', 'Data requests') : p.heading,
        });
        if (can(roles, p.permission!)) await expect(link).toBeVisible();
        else await expect(link).toHaveCount(0);
      }
    });
  });
}

test.describe('signed out', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const p of PAGES) {
    test(`${p.path} asks to sign in`, async ({ page }) => {
      await page.goto(p.path);
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    });
  }
});

// Administration pages reached from the lists: a seeded user's and site's pages, and the new-site page.
test.describe('administration detail pages', () => {
  const detail: { path: () => Promise<string>; heading: () => Promise<string>; permission: Permission }[] = [
    {
      path: async () => `/admin/users/${(await adminDetailFixtures()).user.id}`,
      heading: async () => (await adminDetailFixtures()).user.name,
      permission: 'users.manage',
    },
    {
      path: async () => `/admin/sites/${(await adminDetailFixtures()).site.id}`,
      heading: async () => (await adminDetailFixtures()).site.name,
      permission: 'sites.manage',
    },
    { path: async () => '/admin/sites/new', heading: async () => 'Add a site', permission: 'sites.manage' },
  ];
  for (const account of Object.keys(ACCOUNTS) as AccountName[]) {
    test.describe(`as the ${account}`, () => {
      test.use({ storageState: storageStateFor(account) });
      for (const [i, p] of detail.entries()) {
        const allowed = can([ACCOUNTS[account].role], p.permission);
        test(`admin detail page ${i + 1} is ${allowed ? 'shown' : 'refused'}`, async ({ page }) => {
          await page.goto(await p.path());
          if (allowed) await expect(page.getByRole('heading', { level: 1, name: await p.heading() })).toBeVisible();
          else await expect(page).toHaveURL(/\/not-allowed$/);
          await expectNoAxeViolations(page);
        });
      }
    });
  }

  test('the public invitation page explains a link that cannot be used', async ({ page }) => {
    await page.goto('/invite/not-a-real-link');
    await expect(page.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

async function adminDetailFixtures() {
  const { ensureE2eSite, seedUser } = await import('./support/seed');
  const site = await ensureE2eSite();
  const user = await seedUser({ name: 'Pat Pages', email: 'pages-by-role@e2e.weighbook.test', role: 'CLERK' });
  return { site, user };
}

test.describe('addresses that lead nowhere', () => {
  test.use({ storageState: storageStateFor('clerk') });
  for (const path of ['/loads/not-a-uuid', '/loads/00000000-0000-4000-8000-000000000000', '/loads/00000000-0000-4000-8000-000000000000/edit']) {
    test(`${path} answers the not-found page inside the layout`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
