// The manager's list of loads: filters (a plain GET form), search, sorting, paging, a filter error, and
// the home page’s deadline counts linking to the filtered list. Loads are seeded (e2e/support/seed.ts) with a
// ticket prefix of their own, so the search keeps each test to this file's loads.
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '@/lib/deadline/calendar-date';
import { ukCalendarDate } from '@/lib/deadline';
import { storageStateFor } from './support/accounts';
import { errorSummary, expectNoAxeViolations } from './support/axe';
import { seedLoad } from './support/seed';

test.use({ storageState: storageStateFor('manager') });
test.describe.configure({ mode: 'serial' });

const TAG = `RL${Date.now().toString(36).toUpperCase()}`;
const today = ukCalendarDate(new Date());
const daysAgo = (n: number) => addDays(today, -n);
const BULK = 55;

test.beforeAll(async () => {
  for (let i = 1; i <= BULK; i++) {
    await seedLoad({
      ticket: `${TAG}-S${String(i).padStart(2, '0')}`,
      receivedUk: `${daysAgo(40 + i)}T10:00`,
      status: 'SENT',
      carrier: 'Bulk Haulage Ltd',
      vehicle: 'BU11 LKA',
    });
  }
  await seedLoad({ ticket: `${TAG}-W1`, receivedUk: `${daysAgo(30)}T09:00`, status: 'SENT', warnings: 2 });
  await seedLoad({
    ticket: `${TAG}-N1`,
    receivedUk: `${daysAgo(20)}T09:00`,
    status: 'NEEDS_ATTENTION',
    ewc: '200301',
    carrier: 'Needy Skips Ltd',
    vehicle: 'NE21 EDY',
  });
  await seedLoad({ ticket: `${TAG}-P1`, receivedUk: `${daysAgo(10)}T08:30`, status: 'PENDING', ewc: '150101', vehicle: 'OV12 DUE' });
  await seedLoad({ ticket: `${TAG}-D1`, receivedUk: `${daysAgo(15)}T16:00`, status: 'DRAFT' });
});

const results = (page: Page) => page.getByRole('table');
const ticketCells = (page: Page) => results(page).getByRole('rowheader');
const count = (page: Page) => page.getByRole('status').filter({ hasText: /loads?\b/ });

test('filters by status and EWC code with the form, and searches by vehicle', async ({ page }) => {
  await page.goto(`/loads?q=${TAG}`);
  await expect(count(page)).toHaveText(`1–50 of ${BULK + 4} loads match these filters`);
  // One site: no site filter.
  await expect(page.getByLabel('Site', { exact: true })).toHaveCount(0);

  await page.getByLabel('Status').selectOption({ label: 'Needs attention' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=needs-attention/);
  await expect(count(page)).toHaveText('1–1 of 1 load matches these filters');
  await expect(ticketCells(page)).toHaveText([`${TAG}-N1`]);
  await expect(page.getByLabel('Status')).toHaveValue('needs-attention');

  await page.getByLabel('Status').selectOption({ label: 'Any status' });
  await page.getByLabel('EWC code').fill('15 01 01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(ticketCells(page)).toHaveText([`${TAG}-P1`]);
  const row = results(page).getByRole('row', { name: new RegExp(`${TAG}-P1`) });
  await expect(row).toContainText('Waiting to send');
  await expect(row).toContainText('Overdue');

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.getByLabel('Search').fill('v12 du');
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=v12\+du/);
  await expect(ticketCells(page)).toHaveText([`${TAG}-P1`]);

  await page.goto(`/loads?q=${TAG}&status=sent-with-warnings`);
  await expect(ticketCells(page)).toHaveText([`${TAG}-W1`]);
  await expect(results(page)).toContainText('2 warnings');
  await expectNoAxeViolations(page);
});

test('filters by dates received', async ({ page }) => {
  await page.goto(`/loads?q=${TAG}`);
  await page.getByLabel('Received from').fill(daysAgo(20));
  await page.getByLabel('Received to').fill(daysAgo(10));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${daysAgo(20)}&to=${daysAgo(10)}`));
  await expect(ticketCells(page)).toHaveText([`${TAG}-P1`, `${TAG}-D1`, `${TAG}-N1`]);
});

test('sorts by a column both ways, with aria-sort on its header', async ({ page }) => {
  await page.goto(`/loads?q=${TAG}`);
  await expect(page.getByRole('columnheader', { name: /Received/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(ticketCells(page).first()).toHaveText(`${TAG}-P1`);
  await page.getByRole('link', { name: /^Ticket\b.*sort ascending/ }).click();
  await expect(page.getByRole('columnheader', { name: /Ticket/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('columnheader', { name: /Received/ })).not.toHaveAttribute('aria-sort');
  await expect(ticketCells(page).first()).toHaveText(`${TAG}-D1`);
  await page.getByRole('link', { name: /^Ticket\b.*sort descending/ }).click();
  await expect(page.getByRole('columnheader', { name: /Ticket/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(ticketCells(page).first()).toHaveText(`${TAG}-W1`);
  // Filtering keeps the sort.
  await page.getByLabel('Carrier').fill('bulk');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/sort=ticket/);
  await expect(ticketCells(page).first()).toHaveText(`${TAG}-S55`);
});

test('pages through the results', async ({ page }) => {
  await page.goto(`/loads?q=${TAG}`);
  const pages = page.getByRole('navigation', { name: 'Pages of loads' });
  await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await expect(ticketCells(page)).toHaveCount(50);
  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(count(page)).toHaveText(`51–${BULK + 4} of ${BULK + 4} loads match these filters`);
  await expect(ticketCells(page)).toHaveCount(BULK + 4 - 50);
  await expect(ticketCells(page).last()).toHaveText(`${TAG}-S55`);
  await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(ticketCells(page).first()).toHaveText(`${TAG}-P1`);
  await expectNoAxeViolations(page);
});

test('a bad filter shows an error summary linked to its field, never an error page', async ({ page }) => {
  const response = await page.goto(`/loads?ewc=17&from=2026-02-30&q=${TAG}`);
  expect(response?.status()).toBe(200);
  await expect(errorSummary(page)).toBeVisible();
  await expect(page.getByLabel('EWC code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('EWC code')).toHaveValue('17');
  await expect(page.getByText('Correct the filters above to see loads.')).toBeVisible();
  await errorSummary(page).getByRole('link', { name: 'Enter a 6-digit EWC code, like 17 01 01' }).click();
  await expect(page.getByLabel('EWC code')).toBeFocused();
  await expect(errorSummary(page).getByRole('link', { name: 'Enter a real date' })).toBeVisible();
  await expectNoAxeViolations(page);
  // No results match: an empty state, not an empty table.
  await page.goto(`/loads?q=${TAG}-NOTHING`);
  await expect(page.getByText('No loads match these filters.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('the home page counts link to the filtered list, beside the charts', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'Reporting deadline' });
  const overdue = panel.getByRole('link', { name: /Overdue/ });
  const n = Number((await overdue.locator('span').first().textContent())?.replace(/,/g, ''));
  expect(n).toBeGreaterThanOrEqual(1); // the overdue load seeded above
  await expect(panel.getByRole('link', { name: /Waiting to send/ })).toHaveAttribute('href', '/loads?status=pending');
  await expect(panel.getByRole('link', { name: /Needs attention/ })).toHaveAttribute('href', '/loads?status=needs-attention');
  const charts = page.getByRole('region', { name: 'Loads received' });
  await expect(charts.getByRole('img', { name: /Tonnes received per week, by EWC chapter/ })).toBeVisible();
  await expect(charts.getByRole('img', { name: /Loads by status/ })).toBeVisible();
  await charts.getByText('Show the figures: loads by status').click();
  await expect(charts.getByRole('table', { name: 'Loads by status, all time' })).toBeVisible();
  await expectNoAxeViolations(page);

  await overdue.click();
  await expect(page).toHaveURL(/\/loads\?deadline=overdue$/);
  await expect(page.getByLabel('Reporting deadline')).toHaveValue('overdue');
  await expect(count(page)).toContainText(`of ${n.toLocaleString('en-GB')} ${n === 1 ? 'load' : 'loads'}`);
  await page.getByLabel('Search').fill(TAG);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // Every unsent load past its deadline: waiting to send, needing attention, or a draft.
  await expect(ticketCells(page)).toHaveText([`${TAG}-P1`, `${TAG}-D1`, `${TAG}-N1`]);
});

test('a net weight column; loads sent without codes chased as "Codes to follow"; every column kept at 200% zoom', async ({ page }) => {
  await seedLoad({ ticket: `${TAG}-C1`, receivedUk: `${daysAgo(9)}T09:00`, status: 'SENT', warnings: 1, codesToFollow: true });
  await page.goto(`/loads?q=${TAG}`);
  await expect(page.getByRole('columnheader', { name: 'Net weight' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loads table' })).toHaveAttribute('tabindex', '0');
  const row = results(page).getByRole('row', { name: new RegExp(`${TAG}-C1`) });
  await expect(row).toContainText('8.2 t');
  await expect(row).toContainText('Codes to follow');
  await expect(row).toContainText('Codes by');
  await expect(row).toContainText('Overdue');

  await page.getByLabel('Disposal or recovery codes').selectOption({ label: 'Codes to follow (sent without them)' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/codes=to-follow/);
  await expect(ticketCells(page)).toHaveText([`${TAG}-C1`]);
  await expectNoAxeViolations(page);

  // At 200% zoom (a 1280-pixel window is 640 CSS pixels wide) each load is a card: nothing is cut off.
  await page.setViewportSize({ width: 640, height: 800 });
  await expect(page.getByRole('table')).toHaveCount(0);
  const card = page
    .getByRole('list', { name: /^Loads, sorted by/ })
    .getByRole('listitem')
    .filter({ hasText: `${TAG}-C1` });
  await expect(card).toContainText('Net weight8.2 t');
  await expect(card).toContainText('Codes to follow');
  await expect(card).toContainText('Waste tracking ID26');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // And the manager's home page counts it.
  await page.goto('/');
  const codes = page.getByRole('region', { name: 'Reporting deadline' }).getByRole('link', { name: /Codes to follow/ });
  await expect(codes).toHaveAttribute('href', '/loads?codes=to-follow');
  await expect(codes).toContainText('overdue');
});
