// The export against a real PostgreSQL: loads saved through saveLoad, exported in each format with
// filters, parsed, and compared with the database; site scoping, roles and bad input; the route.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { saveLoad } from '@/lib/loads/service';
import { createSite } from '@/lib/sites/service';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import { parseCsv, readZip, sheetRows } from '@/test/zip-reader';
import { columnLetter, EXPORT_COLUMNS } from './export-format';
import { exportRecords } from './export';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', () => ({ getActor: async () => current }));

let siteId: string;
let otherSiteId: string;
let manager: Actor;
let otherManager: Actor;
let clerk: Actor;

const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key);

async function seed(actor: Actor, site: string, when: string, items: string[], intent: 'send' | 'draft' = 'send') {
  const f = loadForm();
  f.dateTimeReceived = when;
  const template = f.wasteItems[0]!;
  f.wasteItems = items.map((description) => ({ ...template, wasteDescription: description }));
  return saveLoad({ actor, input: { id: randomUUID(), siteId: site, expectedVersion: null, intent, form: f } });
}

async function text(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** [ticket, item description] of every row the database says the export should hold, in order. */
async function expectedRows(site: string, where: { from?: Date; to?: Date } = {}, dir: 'asc' | 'desc' = 'desc') {
  const loads = await db().load.findMany({
    where: { siteId: site, receivedAt: { gte: where.from, lt: where.to } },
    orderBy: [{ receivedAt: dir }, { id: dir }],
  });
  return loads.flatMap((l) => {
    const items = ((l.movement as { wasteItems?: { wasteDescription: string }[] }).wasteItems ?? []).map((i) => i.wasteDescription);
    return items.length ? items.map((d) => [l.ticketNumber, d]) : [[l.ticketNumber, '']];
  });
}

beforeAll(async () => {
  const site = await createSite({ actor: systemActor(), input: { name: `Export IT ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } });
  const other = await createSite({ actor: systemActor(), input: { name: `Export other ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } });
  siteId = site.id;
  otherSiteId = other.id;
  const actor = (roles: Actor['roles'], sites: string[]): Actor => ({ id: randomUUID(), email: 'a@b.c', name: 'T', roles, siteIds: sites });
  manager = actor(['MANAGER'], [siteId]);
  otherManager = actor(['MANAGER'], [otherSiteId]);
  clerk = actor(['CLERK'], [siteId]);
  const clerkB = actor(['CLERK'], [otherSiteId]);
  await seed(clerk, siteId, '2026-11-02T08:00', ['Soil, stones and "rubble"']);
  // Two loads at the same minute: keyset pagination must not lose or repeat either.
  await seed(clerk, siteId, '2026-11-03T10:30', ['Cardboard', '=cmd|/C calc']);
  await seed(clerk, siteId, '2026-11-03T10:30', ['Glass\nbottles']);
  await seed(clerk, siteId, '2026-11-05T16:45', [], 'draft');
  await seed(clerkB, otherSiteId, '2026-11-03T11:00', ['Other site soil']);
});

describe('exporting records', () => {
  it('CSV: one row per waste item, all the site’s loads, across several batches', async () => {
    const file = await exportRecords({ actor: manager, input: { filters: {}, format: 'csv' }, batchSize: 2 });
    expect(file).toMatchObject({ loads: 4, rows: 5, contentType: 'text/csv; charset=utf-8' });
    expect(file.filename).toMatch(/^weighbook-loads-\d{4}-\d{2}-\d{2}\.csv$/);
    const content = (await text(file.stream)).toString('utf8');
    expect(content.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(content.slice(1));
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    const expected = (await expectedRows(siteId)).map(([t, d]) => [t, d === '=cmd|/C calc' ? `'${d}` : d]);
    expect(rows.map((r) => [r[col('ticketNumber')], r[col('description')]])).toEqual(expected);
    expect(rows.some((r) => r[col('site')] !== rows[0]![col('site')])).toBe(false);
    expect(rows[rows.length - 1]![col('received')]).toBe('2026-11-02 08:00');
    expect(rows[rows.length - 1]![col('weightTonnes')]).toBe('8.2');
    expect(rows[0]![col('status')]).toBe('Draft');
  });

  it('JSON: the same filters as the list (dates, oldest first), valid JSON', async () => {
    const filters = { from: '2026-11-03', to: '2026-11-04', dir: 'asc' };
    const file = await exportRecords({ actor: manager, input: { filters, format: 'json' }, batchSize: 1 });
    expect(file).toMatchObject({ loads: 2, rows: 3 });
    const rows = JSON.parse((await text(file.stream)).toString('utf8')) as Record<string, unknown>[];
    const expected = await expectedRows(siteId, { from: new Date('2026-11-03T00:00:00Z'), to: new Date('2026-11-04T00:00:00Z') }, 'asc');
    expect(rows.map((r) => [r.ticketNumber, r.description])).toEqual(expected);
    expect(rows[0]).toMatchObject({
      received: '2026-11-03 10:30',
      weightTonnes: 8.2,
      hazardous: false,
      carrier: 'Acme Haulage Ltd',
      status: 'Waiting to send',
    });
  });

  it('XLSX: a workbook whose sheet holds the rows', async () => {
    const file = await exportRecords({ actor: manager, input: { filters: { status: 'pending' }, format: 'xlsx' } });
    expect(file).toMatchObject({ loads: 3, rows: 4 });
    const files = readZip(await text(file.stream));
    const [header, ...rows] = sheetRows(files.get('xl/worksheets/sheet1.xml')!.toString('utf8'));
    expect(header!.A).toBe('Site');
    const t = columnLetter(col('ticketNumber'));
    const d = columnLetter(col('description'));
    const expected = (await expectedRows(siteId)).filter(([, desc]) => desc !== '');
    expect(rows.map((r) => [r[t], r[d]])).toEqual(expected);
  });

  it('holds only the actor’s sites', async () => {
    const mine = await exportRecords({ actor: otherManager, input: { filters: {}, format: 'json' } });
    const rows = JSON.parse((await text(mine.stream)).toString('utf8')) as { description: string }[];
    expect(rows.map((r) => r.description)).toEqual(['Other site soil']);
    const elsewhere = await exportRecords({ actor: manager, input: { filters: { siteId: otherSiteId }, format: 'csv' } });
    expect(elsewhere).toMatchObject({ loads: 0, rows: 0 });
    expect(parseCsv((await text(elsewhere.stream)).toString('utf8').slice(1))).toHaveLength(1);
  });

  it('refuses clerks and names a bad filter or format', async () => {
    await expect(exportRecords({ actor: clerk, input: { filters: {}, format: 'csv' } })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await exportRecords({ actor: manager, input: { filters: { from: '2026-13-45' }, format: 'pdf' } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(['format', 'from']);
  });

  it('writes the same file whatever the batch and piece sizes', async () => {
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      const whole = await text((await exportRecords({ actor: manager, input: { filters: {}, format } })).stream);
      const pieces = await text((await exportRecords({ actor: manager, input: { filters: {}, format }, batchSize: 1, pieceChars: 1 })).stream);
      expect(pieces.equals(whole), format).toBe(true);
    }
  });

  it('stops reading when the download is cancelled', async () => {
    const file = await exportRecords({ actor: manager, input: { filters: {}, format: 'xlsx' }, batchSize: 1 });
    const reader = file.stream.getReader();
    await reader.read();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

describe('GET /api/loads/export', () => {
  const get = async (query: string) => {
    const { GET } = await import('@/app/api/loads/export/route');
    return GET(new Request(`http://localhost/api/loads/export?${query}`));
  };

  it('401 when not signed in, 403 for a clerk, 400 naming the field for bad filters', async () => {
    current = null;
    expect((await get('format=csv')).status).toBe(401);
    current = clerk;
    expect((await get('format=csv')).status).toBe(403);
    current = manager;
    const bad = await get('format=csv&from=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^from: /);
    const noFormat = await get('');
    expect(noFormat.status).toBe(400);
    expect(((await noFormat.json()) as { error: string }).error).toMatch(/^format: /);
  });

  it('streams the file as an attachment with the totals in headers', async () => {
    current = manager;
    const response = await get('format=csv&status=pending');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="weighbook-loads-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-Export-Rows')).toBe('4');
    expect(response.headers.get('X-Export-Loads')).toBe('3');
    expect(parseCsv((await response.text()).slice(1))).toHaveLength(5);
  });
});
