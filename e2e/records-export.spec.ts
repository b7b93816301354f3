// A manager exports the filtered list of loads in each format; the downloaded file is parsed and
// checked against the database. The progress and cancel controls pass the axe scan; the route refuses
// the signed-out, other roles and bad filters.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { db } from '@/lib/db';
import { columnLetter, EXPORT_COLUMNS } from '@/lib/records/export-format';
import { parseCsv, readZip, sheetRows } from '@/test/zip-reader';
import { storageStateFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { seedLoads } from './support/seed';

test.use({ storageState: storageStateFor('manager') });

// A carrier only this run's loads have: the export is filtered by it, as the list would be.
const carrier = `Export Haulage ${randomUUID().slice(0, 8)}`;
const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key);

test.beforeAll(async () => {
  await seedLoads([
    { carrier, received: '2026-11-02T08:00', items: [{ description: 'Soil, stones and "rubble"' }] },
    {
      carrier,
      received: '2026-11-03T10:30',
      items: [{ description: '=1+1 is not a formula here' }, { description: 'Cardboard & paper <baled>', ewc: '150101', kilograms: '450' }],
    },
    { carrier, received: '2026-11-04T16:45', items: [{ description: 'Glass bottles' }] },
  ]);
});

/** [ticket, description, weight in tonnes] of every row the database says the export holds, newest first. */
async function expectedRows(): Promise<string[][]> {
  const loads = await db().load.findMany({ where: { carrierName: carrier }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }] });
  return loads.flatMap((l) =>
    (l.movement as { wasteItems: { wasteDescription: string; weight: { metric: string; amount: number } }[] }).wasteItems.map((i) => [
      l.ticketNumber,
      i.wasteDescription,
      String(i.weight.metric === 'Kilograms' ? i.weight.amount / 1000 : i.weight.amount),
    ]),
  );
}

async function exportAs(page: Page, label: RegExp): Promise<{ name: string; body: Buffer }> {
  await page.goto(`/loads?carrier=${encodeURIComponent(carrier)}`);
  const controls = page.getByRole('region', { name: 'Export these loads' });
  await controls.getByRole('radio', { name: label }).check();
  const downloading = page.waitForEvent('download');
  await controls.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  await expect(controls.getByRole('status')).toContainText('Exported 4 rows to weighbook-loads-');
  return { name: download.suggestedFilename(), body: await readFile((await download.path())!) };
}

test('exports CSV that matches the database', async ({ page }) => {
  const { name, body } = await exportAs(page, /^CSV/);
  expect(name).toMatch(/^weighbook-loads-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = body.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
  const expected = (await expectedRows()).map(([t, d, w]) => [t, d!.startsWith('=') ? `'${d}` : d, w]);
  expect(rows.map((r) => [r[col('ticketNumber')], r[col('description')], r[col('weightTonnes')]])).toEqual(expected);
  expect(new Set(rows.map((r) => r[col('carrier')]))).toEqual(new Set([carrier]));
  await expectNoAxeViolations(page);
});

test('exports JSON that matches the database', async ({ page }) => {
  const { name, body } = await exportAs(page, /^JSON/);
  expect(name).toMatch(/\.json$/);
  const rows = JSON.parse(body.toString('utf8')) as Record<string, string | number>[];
  expect(rows.map((r) => [r.ticketNumber, r.description, String(r.weightTonnes)])).toEqual(await expectedRows());
  expect(rows.find((r) => r.weightTonnes === 0.45)).toMatchObject({ weightIsEstimate: true, ewcCodes: '150101', disposalOrRecovery: 'R3 (0.45 t)' });
});

test('exports an Excel workbook that matches the database', async ({ page }) => {
  const { name, body } = await exportAs(page, /^Excel/);
  expect(name).toMatch(/\.xlsx$/);
  const files = readZip(body);
  const [header, ...rows] = sheetRows(files.get('xl/worksheets/sheet1.xml')!.toString('utf8'));
  const letter = (key: string) => columnLetter(col(key));
  expect(header![letter('site')]).toBe('Site');
  expect(rows.map((r) => [r[letter('ticketNumber')], r[letter('description')], r[letter('weightTonnes')]])).toEqual(await expectedRows());
  await expectNoAxeViolations(page);
});

test('shows progress while an export runs, and cancels it', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/loads/export**', async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  await page.goto(`/loads?carrier=${encodeURIComponent(carrier)}`);
  const controls = page.getByRole('region', { name: 'Export these loads' });
  await controls.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(controls.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(controls.getByRole('radio', { name: /^CSV/ })).toBeDisabled();
  await expectNoAxeViolations(page);
  await controls.getByRole('button', { name: 'Cancel export' }).click();
  await expect(controls.getByRole('status')).toHaveText('Export cancelled. Nothing was saved.');
  release();
  await expectNoAxeViolations(page);
});

test('the export route refuses bad filters, other roles and the signed-out', async ({ page, browser, baseURL }) => {
  const url = `${baseURL}/api/loads/export?format=csv`;
  const bad = await page.request.get('/api/loads/export?format=csv&from=2026-13-40');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/^from: /);
  for (const account of ['clerk', 'admin'] as const) {
    const context = await browser.newContext({ storageState: storageStateFor(account) });
    expect((await context.request.get(url)).status()).toBe(403);
    await context.close();
  }
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await anonymous.request.get(url)).status()).toBe(401);
  await anonymous.close();
});

test('clerks are not offered the export', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('clerk') });
  const page = await context.newPage();
  await page.goto(`${test.info().project.use.baseURL}/loads`);
  await expect(page.getByRole('heading', { level: 1, name: 'Loads' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Export these loads' })).toHaveCount(0);
  await context.close();
});
