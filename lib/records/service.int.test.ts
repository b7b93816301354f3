// The records desk against a real PostgreSQL: every filter, sorting, paging, site scoping, the deadline
// counts at a fixed `now`, and the manager's charts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { reportingDeadline } from '@/lib/deadline';
import { ForbiddenError } from '@/lib/errors';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { createSite } from '@/lib/sites/service';
import { ukLocalToInstant } from '@/lib/time/uk-time';
import { countRecordDeadlines, foldRecordSummaries, listRecords, recordCharts } from './service';

let siteA: string;
let siteB: string;
let manager: Actor;
let clerkA: Actor;
const tag = randomUUID().slice(0, 6).toUpperCase();

interface Seed {
  ticket: string;
  received: string; // UK wall clock
  status?: LoadStatus;
  warnings?: number;
  site?: 'A' | 'B';
  carrier?: string | null;
  vehicle?: string;
  wtid?: string;
  items?: { ewc: string; metric?: string; amount: number }[];
  codesToFollow?: boolean;
}

async function seed(s: Seed) {
  const receivedAt = ukLocalToInstant(s.received)!;
  const items = s.items ?? [{ ewc: '170504', amount: 8 }];
  await db().load.create({
    data: {
      id: randomUUID(),
      siteId: s.site === 'B' ? siteB : siteA,
      ticketNumber: `${tag}-${s.ticket}`,
      receivedAt,
      dueAt: reportingDeadline(receivedAt, s.site === 'B' ? 'SCOTLAND' : 'ENGLAND'),
      status: s.status ?? 'SENT',
      movement: {
        dateTimeReceived: receivedAt.toISOString(),
        wasteItems: items.map((i) => ({
          ewcCodes: [i.ewc],
          wasteDescription: 'x',
          weight: { metric: i.metric ?? 'Tonnes', amount: i.amount, isEstimate: false },
        })),
      },
      dwtWarnings: Array.from({ length: s.warnings ?? 0 }, () => ({ key: 'x', message: 'w' })),
      wasteTrackingId: s.wtid ?? null,
      carrierName: s.carrier === undefined ? 'Acme Haulage Ltd' : s.carrier,
      vehicleRegistration: s.vehicle ?? 'AB12 CDE',
      ewcCodes: [...new Set(items.map((i) => i.ewc))],
      codesToFollow: s.codesToFollow ?? false,
      netWeight: String(items.reduce((t, i) => t + i.amount, 0)),
      weightUnit: 'Tonnes',
    },
  });
}

// "Now" is Friday 20 November 2026, 12:00 GMT.
const NOW = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
  siteA = (await createSite({ actor: systemActor(), input: { name: `Records A ${tag}`, nation: 'ENGLAND' } })).id;
  siteB = (await createSite({ actor: systemActor(), input: { name: `Records B ${tag}`, nation: 'SCOTLAND' } })).id;
  manager = { id: randomUUID(), email: 'm@x.y', name: 'M', roles: ['MANAGER'], siteIds: [siteA, siteB] };
  clerkA = { id: randomUUID(), email: 'c@x.y', name: 'C', roles: ['CLERK'], siteIds: [siteA] };
  await seed({ ticket: '0001', received: '2026-11-16T09:00', status: 'PENDING', carrier: 'Northern Skips', vehicle: 'YX70 ABC' }); // due end Wed 18: overdue
  await seed({ ticket: '0002', received: '2026-11-18T09:00', status: 'NEEDS_ATTENTION', items: [{ ewc: '200301', metric: 'Kilograms', amount: 500 }] }); // due end Fri 20: due today
  await seed({ ticket: '0003', received: '2026-11-19T09:00', status: 'PENDING' }); // due end Mon 23: later (Fri → Mon is not tomorrow)
  await seed({ ticket: '0004', received: '2026-11-16T10:00', status: 'SENT', wtid: `WT${tag}0004`, carrier: 'Bright Metals' }); // sent: never counted
  await seed({
    ticket: '0005',
    received: '2026-11-17T08:00',
    status: 'SENT',
    warnings: 2,
    codesToFollow: true, // sent without disposal codes, due end Thu 19: overdue
    items: [
      { ewc: '170504', amount: 2 },
      { ewc: '150101', amount: 1.5 },
    ],
  });
  await seed({ ticket: '0006', received: '2026-11-19T23:30', status: 'DRAFT', carrier: null }); // Thu 23:30 → due end Mon 23
  await seed({ ticket: '0007', received: '2026-11-17T12:00', status: 'CHECK_NEEDED', vehicle: 'KL19 ZZZ' }); // due end Thu 19: overdue
  await seed({ ticket: '0008', received: '2026-11-18T12:00', status: 'PENDING', site: 'B', carrier: 'Scottish Haulage' }); // Scotland, due end Fri 20: due today
});

const tickets = (rows: { ticketNumber: string }[]) => rows.map((r) => r.ticketNumber.slice(tag.length + 1));
const list = (input: Record<string, unknown>, actor: Actor = manager) => listRecords({ actor, input: { pageSize: 100, ...input }, now: NOW });

describe('listRecords', () => {
  it('lists the actor’s loads newest first, with site, status, warnings and deadline', async () => {
    const page = await list({});
    expect(tickets(page.rows)).toEqual(['0006', '0003', '0008', '0002', '0007', '0005', '0004', '0001']);
    expect(page.total).toBe(8);
    const overdue = page.rows.find((r) => r.ticketNumber.endsWith('0001'))!;
    expect(overdue).toMatchObject({
      siteName: `Records A ${tag}`,
      status: 'PENDING',
      deadline: 'overdue',
      carrierName: 'Northern Skips',
      ewcCodes: ['170504'],
    });
    expect(overdue.dueAt?.toISOString()).toBe('2026-11-19T00:00:00.000Z');
    // Sent, but its disposal codes are still to follow: it stands against the same deadline.
    expect(page.rows.find((r) => r.ticketNumber.endsWith('0005'))).toMatchObject({ warnings: 2, codesToFollow: true, deadline: 'overdue' });
    expect(page.rows.find((r) => r.ticketNumber.endsWith('0004'))).toMatchObject({ codesToFollow: false, deadline: null });
    expect(page.rows.find((r) => r.ticketNumber.endsWith('0008'))).toMatchObject({ siteName: `Records B ${tag}`, deadline: 'due-today' });
    expect(page.rows.find((r) => r.ticketNumber.endsWith('0003'))?.deadline).toBe('later');
  });

  it('filters by each status, sent with and without warnings apart', async () => {
    expect(tickets((await list({ status: 'pending' })).rows).sort()).toEqual(['0001', '0003', '0008']);
    expect(tickets((await list({ status: 'sent' })).rows)).toEqual(['0004']);
    expect(tickets((await list({ status: 'sent-with-warnings' })).rows)).toEqual(['0005']);
    expect(tickets((await list({ status: 'needs-attention' })).rows)).toEqual(['0002']);
    expect(tickets((await list({ status: 'check-needed' })).rows)).toEqual(['0007']);
    expect(tickets((await list({ status: 'draft' })).rows)).toEqual(['0006']);
  });

  it('filters by deadline, as the home page counts them', async () => {
    expect(tickets((await list({ deadline: 'overdue' })).rows).sort()).toEqual(['0001', '0007']);
    expect(tickets((await list({ deadline: 'due-today' })).rows).sort()).toEqual(['0002', '0008']);
    expect(tickets((await list({ deadline: 'due-tomorrow' })).rows)).toEqual([]);
    // On Sunday 22nd, Monday's loads are due tomorrow.
    const sunday = await listRecords({ actor: manager, input: { deadline: 'due-tomorrow' }, now: new Date('2026-11-22T12:00:00Z') });
    expect(tickets(sunday.rows).sort()).toEqual(['0003', '0006']);
  });

  it('filters by EWC code (as people write it), carrier, dates and site', async () => {
    expect(tickets((await list({ ewc: '15 01 01' })).rows)).toEqual(['0005']);
    expect(tickets((await list({ ewc: '200301*' })).rows)).toEqual(['0002']);
    expect(tickets((await list({ carrier: 'metals' })).rows)).toEqual(['0004']);
    expect(tickets((await list({ carrier: '%' })).rows)).toEqual([]); // a wildcard is just a character
    expect(tickets((await list({ from: '2026-11-18', to: '2026-11-18' })).rows).sort()).toEqual(['0002', '0008']);
    // Thursday 23:30 UK time is Thursday, whatever UTC says.
    expect(tickets((await list({ from: '2026-11-19', to: '2026-11-19' })).rows).sort()).toEqual(['0003', '0006']);
    expect(tickets((await list({ siteId: siteB })).rows)).toEqual(['0008']);
    expect(tickets((await list({ status: 'pending', carrier: 'northern', to: '2026-11-16' })).rows)).toEqual(['0001']);
  });

  it('searches ticket number and waste tracking id from the start, and any part of a vehicle registration', async () => {
    expect(tickets((await list({ q: `${tag}-000` })).rows)).toHaveLength(8);
    expect(tickets((await list({ q: `${tag}-0007` })).rows)).toEqual(['0007']);
    expect(tickets((await list({ q: `wt${tag.toLowerCase()}00` })).rows)).toEqual(['0004']);
    expect(tickets((await list({ q: 'l19 zz' })).rows)).toEqual(['0007']);
    expect(tickets((await list({ q: 'X70AB' })).rows)).toEqual(['0001']);
    expect(tickets((await list({ q: '0007' })).rows)).toEqual([]); // tickets match from the start only
  });

  it('sorts by each column both ways, ties by time received', async () => {
    expect(tickets((await list({ sort: 'ticket', dir: 'asc' })).rows)).toEqual(['0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008']);
    expect(tickets((await list({ sort: 'received', dir: 'asc' })).rows)[0]).toBe('0001');
    const byDue = tickets((await list({ sort: 'due', dir: 'asc' })).rows);
    expect(byDue.slice(0, 2)).toEqual(['0001', '0004']); // both due end of Wed 18, then by time received
    const byCarrier = (await list({ sort: 'carrier', dir: 'asc' })).rows.map((r) => r.carrierName);
    expect(byCarrier).toEqual([
      'Acme Haulage Ltd',
      'Acme Haulage Ltd',
      'Acme Haulage Ltd',
      'Acme Haulage Ltd',
      'Bright Metals',
      'Northern Skips',
      'Scottish Haulage',
      null,
    ]);
    // Ties on the column go by time received, in the same direction.
    expect(tickets((await list({ sort: 'carrier', dir: 'asc' })).rows).slice(0, 4)).toEqual(['0005', '0007', '0002', '0003']);
    const byCarrierDesc = (await list({ sort: 'carrier', dir: 'desc' })).rows.map((r) => r.carrierName);
    expect(byCarrierDesc[0]).toBeNull(); // no carrier: last ascending, first descending
    expect((await list({ sort: 'status', dir: 'asc' })).rows[0]!.status).toBe('DRAFT');
  });

  it('pages through ties without repeating or skipping a load, whatever the sort', async () => {
    // 60 loads at a third site, all received at the same minute by one carrier: only the id orders them.
    const siteC = (await createSite({ actor: systemActor(), input: { name: `Records C ${tag}` } })).id;
    const actor = { ...manager, siteIds: [siteC] };
    const receivedAt = ukLocalToInstant('2026-11-10T10:00')!;
    await db().load.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: randomUUID(),
        siteId: siteC,
        ticketNumber: `C${String(i).padStart(3, '0')}`,
        receivedAt,
        dueAt: reportingDeadline(receivedAt, 'ENGLAND'),
        status: i % 3 === 0 ? ('PENDING' as const) : ('SENT' as const),
        movement: {},
        ewcCodes: ['170504'],
        carrierName: 'Same Carrier',
      })),
    });
    for (const sort of ['received', 'ticket', 'status', 'due', 'carrier'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = await listRecords({ actor, input: { sort, dir, pageSize: 100 }, now: NOW });
        const paged: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const p = await listRecords({ actor, input: { sort, dir, pageSize: 25, page }, now: NOW });
          expect(p).toMatchObject({ total: 60, page, pageSize: 25 });
          expect(p.rows).toHaveLength(page < 3 ? 25 : 10);
          paged.push(...p.rows.map((r) => r.id));
        }
        expect(paged, `${sort} ${dir}`).toEqual(all.rows.map((r) => r.id));
        expect(new Set(paged).size).toBe(60);
      }
    }
    expect(await listRecords({ actor, input: { page: 3 }, now: NOW })).toMatchObject({ rows: [], total: 60, page: 3, pageSize: 50 });
  });

  it('counts exactly, except that EWC, carrier and search filters stop counting at the cap', async () => {
    const siteC = (await db().site.findFirst({ where: { name: `Records C ${tag}` } }))!.id;
    const actor = { ...manager, siteIds: [siteC] };
    expect(await listRecords({ actor, input: { status: 'sent' }, now: NOW, countCap: 10 })).toMatchObject({ total: 40, totalIsExact: true });
    const capped = await listRecords({ actor, input: { ewc: '170504', pageSize: 25 }, now: NOW, countCap: 10 });
    expect(capped).toMatchObject({ total: 10, totalIsExact: false });
    expect(capped.rows).toHaveLength(25); // the page itself is whole
    expect(await listRecords({ actor, input: { carrier: 'same' }, now: NOW, countCap: 60 })).toMatchObject({ total: 60, totalIsExact: true });
    expect(await listRecords({ actor, input: { q: 'C0' }, now: NOW, countCap: 59 })).toMatchObject({ total: 59, totalIsExact: false });
  });

  it('keeps a clerk to their own sites, even when they ask for another', async () => {
    expect(tickets((await list({}, clerkA)).rows)).not.toContain('0008');
    expect((await list({}, clerkA)).total).toBe(7);
    expect(await list({ siteId: siteB }, clerkA)).toMatchObject({ rows: [], total: 0 });
    expect(await list({ q: `${tag}-0008` }, clerkA)).toMatchObject({ rows: [], total: 0 });
  });

  it('refuses bad filters with a validation error, and a user without loads.view', async () => {
    await expect(list({ ewc: '17' })).rejects.toThrow();
    await expect(listRecords({ actor: { ...manager, roles: [] }, input: {}, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('codes to follow and the weight column (issue 12)', () => {
  it('lists sent loads still owing their codes, with their deadline, and each load’s net weight', async () => {
    const page = await list({ codes: 'to-follow' });
    expect(page.rows.map((r) => [r.ticketNumber, r.codesToFollow, r.deadline, r.netWeight])).toEqual([
      [`${tag}-0005`, true, 'overdue', { amount: 3.5, unit: 'Tonnes' }],
    ]);
    const sent = (await list({ q: `${tag}-0004` })).rows[0]!;
    expect([sent.codesToFollow, sent.deadline, sent.netWeight]).toEqual([false, null, { amount: 8, unit: 'Tonnes' }]);
  });
});

describe('countRecordDeadlines', () => {
  it('counts the unsent loads by deadline, waiting to send and needing attention', async () => {
    expect(await countRecordDeadlines({ actor: manager, now: NOW })).toEqual({
      overdue: 2,
      dueToday: 2,
      dueTomorrow: 0,
      pending: 3,
      needsAttention: 1,
      codesToFollow: 1,
      codesOverdue: 1,
    });
    expect(await countRecordDeadlines({ actor: { ...manager, siteIds: [siteA] }, now: NOW })).toEqual({
      overdue: 2,
      dueToday: 1,
      dueTomorrow: 0,
      pending: 2,
      needsAttention: 1,
      codesToFollow: 1,
      codesOverdue: 1,
    });
    // Sunday 22nd: Monday's deadlines are tomorrow; Friday's have passed.
    expect(await countRecordDeadlines({ actor: manager, now: new Date('2026-11-22T12:00:00Z') })).toMatchObject({ overdue: 4, dueToday: 0, dueTomorrow: 2 });
  });

  it('each count is the total of its filtered list', async () => {
    const counts = await countRecordDeadlines({ actor: manager, now: NOW });
    expect((await list({ deadline: 'overdue' })).total).toBe(counts.overdue);
    expect((await list({ deadline: 'due-today' })).total).toBe(counts.dueToday);
    expect((await list({ deadline: 'due-tomorrow' })).total).toBe(counts.dueTomorrow);
    expect((await list({ status: 'pending' })).total).toBe(counts.pending);
    expect((await list({ status: 'needs-attention' })).total).toBe(counts.needsAttention);
    expect((await list({ codes: 'to-follow' })).total).toBe(counts.codesToFollow);
  });

  it('is refused to clerks', async () => {
    await expect(countRecordDeadlines({ actor: clerkA, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('recordCharts', () => {
  it('sums tonnes per UK week by EWC chapter (kilograms converted, drafts left out), and loads by status', async () => {
    const charts = await recordCharts({ actor: manager, now: NOW });
    expect(charts.weeks).toHaveLength(12);
    expect(charts.weeks.at(-1)).toBe('2026-11-16');
    expect(charts.weeks[0]).toBe('2026-08-31');
    const chapter = (c: string) => charts.tonnesByChapter.find((x) => x.chapter === c);
    // Chapter 17: 0001, 0003, 0004, 0007 (8 t each), 0005 (2 t), 0008 (8 t) — 0006 is a draft.
    expect(chapter('17')?.tonnes.at(-1)).toBe(42);
    expect(chapter('20')?.tonnes.at(-1)).toBe(0.5);
    expect(chapter('15')?.tonnes.at(-1)).toBe(1.5);
    expect(charts.tonnesByChapter.map((c) => c.chapter)).toEqual(['17', '15', '20']);
    expect(
      chapter('17')
        ?.tonnes.slice(0, -1)
        .every((t) => t === 0),
    ).toBe(true);
    expect(charts.loadsByStatus).toEqual([
      { status: 'draft', loads: 1 },
      { status: 'pending', loads: 3 },
      { status: 'sent', loads: 1 },
      { status: 'sent-with-warnings', loads: 1 },
      { status: 'needs-attention', loads: 1 },
      { status: 'check-needed', loads: 1 },
      { status: 'on-site', loads: 0 },
    ]);
  });

  it('moves the 12-week window on at UK midnight on Monday', async () => {
    const later = await recordCharts({ actor: manager, now: new Date('2026-11-23T00:30:00Z') }); // Monday 00:30 GMT
    expect(later.weeks.at(-1)).toBe('2026-11-23');
    expect(later.tonnesByChapter.find((c) => c.chapter === '17')?.tonnes.at(-2)).toBe(42);
  });

  it('keeps the tonnage summary in step with every change to a load: saved, corrected, a draft sent, deleted', async () => {
    const site = (await createSite({ actor: systemActor(), input: { name: `Records summary ${tag}` } })).id;
    const actor = { ...manager, siteIds: [site] };
    const receivedAt = ukLocalToInstant('2026-11-18T09:00')!;
    const movement = (items: { ewc: string; amount: number; metric?: string }[]) => ({
      dateTimeReceived: receivedAt.toISOString(),
      wasteItems: items.map((i) => ({ ewcCodes: [i.ewc], weight: { metric: i.metric ?? 'Tonnes', amount: i.amount, isEstimate: false } })),
    });
    const create = (ticket: string, status: LoadStatus, items: { ewc: string; amount: number; metric?: string }[]) =>
      db().load.create({
        data: {
          id: randomUUID(),
          siteId: site,
          ticketNumber: `${tag}-S${ticket}`,
          receivedAt,
          status,
          movement: movement(items),
          ewcCodes: items.map((i) => i.ewc),
        },
      });
    const tonnes = async () => Object.fromEntries((await recordCharts({ actor, now: NOW })).tonnesByChapter.map((c) => [c.chapter, c.tonnes.at(-1)]));

    const a = await create('1', 'PENDING', [
      { ewc: '170504', amount: 3 },
      { ewc: '150101', amount: 500, metric: 'Kilograms' },
    ]);
    const draft = await create('2', 'DRAFT', [{ ewc: '200301', amount: 2 }]);
    expect(await tonnes()).toEqual({ '17': 3, '15': 0.5 });
    // A manager's correction regrades the load: the packaging becomes chapter 20, the soil is reweighed.
    await db().load.update({
      where: { id: a.id },
      data: {
        movement: movement([
          { ewc: '170504', amount: 4.25 },
          { ewc: '200101', amount: 1 },
        ]),
      },
    });
    expect(await tonnes()).toEqual({ '17': 4.25, '20': 1 });
    // Folded by a worker: the same figures, from the totals alone.
    await foldRecordSummaries();
    expect(await db().loadTonnageChange.count({ where: { siteId: site } })).toBe(0);
    expect(await tonnes()).toEqual({ '17': 4.25, '20': 1 });
    // Sent by the worker: the figures do not move. The draft sent: it counts.
    await db().load.update({ where: { id: a.id }, data: { status: 'SENT' } });
    await db().load.update({ where: { id: draft.id }, data: { status: 'PENDING' } });
    expect(await tonnes()).toEqual({ '17': 4.25, '20': 3 });
    // Deleted (an erased draft, say): gone from the chart, and a chapter with nothing left disappears.
    await db().load.delete({ where: { id: a.id } });
    expect(await tonnes()).toEqual({ '20': 2 });
    await Promise.all([foldRecordSummaries(), foldRecordSummaries()]);
    expect(await tonnes()).toEqual({ '20': 2 });
  });

  it('never makes one clerk’s save wait on another’s at the same site, day and EWC chapter', async () => {
    const site = (await createSite({ actor: systemActor(), input: { name: `Records no wait ${tag}` } })).id;
    const actor = { ...manager, siteIds: [site] };
    const receivedAt = ukLocalToInstant('2026-11-18T10:00')!;
    const create = (ticket: string, client: Pick<ReturnType<typeof db>, 'load'> = db()) =>
      client.load.create({
        data: {
          id: randomUUID(),
          siteId: site,
          ticketNumber: `${tag}-W${ticket}`,
          receivedAt,
          status: 'PENDING',
          movement: { wasteItems: [{ ewcCodes: ['170504'], weight: { metric: 'Tonnes', amount: 2, isEstimate: false } }] },
          ewcCodes: ['170504'],
        },
      });
    // One clerk's save is still open (its transaction not yet committed) when another saves the same
    // kind of load: the second commits at once instead of queueing behind the first.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const firstInserted = new Promise<void>((r) => (inserted = r));
    const first = db().$transaction(async (tx) => {
      await create('1', tx);
      inserted();
      await held;
    });
    await firstInserted;
    const second = await Promise.race([create('2').then(() => 'saved'), new Promise((r) => setTimeout(() => r('waiting'), 3_000))]);
    release();
    await first;
    expect(second).toBe('saved');
    await foldRecordSummaries();
    const charts = await recordCharts({ actor, now: NOW });
    expect(charts.tonnesByChapter.find((c) => c.chapter === '17')?.tonnes.at(-1)).toBe(4);
  });

  it('keeps the loads-by-status summary equal to the loads, folded or not, with sends and folds at once', async () => {
    const site = (await createSite({ actor: systemActor(), input: { name: `Records status ${tag}` } })).id;
    const actor = { ...manager, siteIds: [site] };
    const truth = async () => {
      const rows = await db().$queryRaw<{ status: string; n: number }[]>`
        SELECT CASE WHEN status = 'SENT' AND jsonb_array_length(dwt_warnings) > 0 THEN 'sent-with-warnings'
                    ELSE replace(lower(status::text), '_', '-') END AS status, count(*)::int AS n
        FROM load WHERE site_id = ${site}::uuid GROUP BY 1`;
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      return (await recordCharts({ actor, now: NOW })).loadsByStatus.map(({ status }) => ({ status, loads: byStatus[status] ?? 0 }));
    };
    const create = (n: number, status: LoadStatus) =>
      db().load.create({
        data: { id: randomUUID(), siteId: site, ticketNumber: `${tag}-T${n}`, receivedAt: NOW, status, movement: {}, ewcCodes: [] },
      });
    const loads = await Promise.all(Array.from({ length: 40 }, (_, i) => create(i, i % 4 === 0 ? 'DRAFT' : 'PENDING')));
    expect(await recordCharts({ actor, now: NOW }).then((c) => c.loadsByStatus)).toEqual(await truth());

    // The worker's sends (some warned), a correction sent again, a deleted draft, a warned load put
    // right: each a change, while folds run alongside from two "workers".
    const changes = loads.map((load, i) => async () => {
      if (i % 4 === 0)
        return i % 8 === 0 ? db().load.delete({ where: { id: load.id } }) : db().load.update({ where: { id: load.id }, data: { status: 'PENDING' } });
      await db().load.update({ where: { id: load.id }, data: { status: 'SENT', dwtWarnings: i % 3 === 0 ? [{ key: 'x', message: 'w' }] : [] } });
      if (i % 5 === 0) await db().load.update({ where: { id: load.id }, data: { status: 'PENDING' } });
      if (i % 7 === 0) await db().load.update({ where: { id: load.id }, data: { status: 'SENT', dwtWarnings: [] } });
    });
    await Promise.all([...changes.map((change) => change()), foldRecordSummaries(), foldRecordSummaries(), foldRecordSummaries()]);
    const expected = await truth();
    expect(expected.find((s) => s.status === 'sent-with-warnings')?.loads).toBeGreaterThan(0);
    expect((await recordCharts({ actor, now: NOW })).loadsByStatus).toEqual(expected);
    expect(await foldRecordSummaries()).toBeGreaterThanOrEqual(0);
    expect((await recordCharts({ actor, now: NOW })).loadsByStatus).toEqual(expected);
    expect(await db().loadStatusChange.count({ where: { siteId: site } })).toBe(0);
  });

  it('is for managers', async () => {
    await expect(recordCharts({ actor: clerkA, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
