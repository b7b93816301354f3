// The records list's first page at 100,000 loads: server time of listRecords (the page's query and
// its total, as the /loads page runs them) with no filter and with each filter, against a baseline in
// the same run (fetching one load by primary key through Prisma: the cost of a round trip). Also the
// home page's deadline counts and charts. Prints EXPLAIN ANALYZE for any case slower than --slow ms.
//
// Always on its own embedded PostgreSQL in a temporary folder; writes bench/results/records-<time>.json.
// Run: node --conditions=react-server --import tsx bench/records.ts [--loads 100000] [--runs 30] [--slow 50] [--home-only]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchDatabase, timeCalls } from './support/bench-kit';
import { seedLoads } from './support/seed-loads';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    slow: { type: 'string', default: '50' },
    /** Only the home page's counts and charts (skips the list's cases). */
    'home-only': { type: 'boolean', default: false },
  },
});
const LOADS = Number(args.loads);
const RUNS = Math.max(20, Number(args.runs));
const WARM_UP = 5;
const timing = (call: () => Promise<unknown>) => timeCalls(call, { runs: RUNS, warmUp: WARM_UP });
const SLOW_MS = Number(args.slow);

async function main() {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const database = await benchDatabase('records');
    cleanups.push(() => database.stop());
    const url = database.url;
    Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: 'warn' });
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { systemActor } = await import('../lib/auth/actor');
    const { createSite } = await import('../lib/sites/service');
    const { db, disconnectDb } = await import('../lib/db');
    const { loadWhereSql, recordOrderSql } = await import('../lib/records/filters');
    const { recordFiltersSchema } = await import('../lib/records/schema');
    const { countRecordDeadlines, listRecords, recordCharts } = await import('../lib/records/service');
    const { Prisma } = await import('../lib/generated/prisma/client');
    cleanups.push(() => disconnectDb());

    const siteA = (await createSite({ actor: systemActor(), input: { name: 'Bench Leeds', nation: 'ENGLAND' } })).id;
    const siteB = (await createSite({ actor: systemActor(), input: { name: 'Bench Glasgow', nation: 'SCOTLAND' } })).id;
    const now = new Date();
    const started = performance.now();
    const seeded = await seedLoads(url, { loads: LOADS, sites: [siteA, siteB], until: now });
    const seedSeconds = (performance.now() - started) / 1000;
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    // As autovacuum leaves a table that has been in use: planner statistics and the visibility map.
    await sql.query('VACUUM ANALYZE');

    // Real values to search for, from the seeded data.
    const sample = (
      await sql.query<{ ticket_number: string; vehicle_registration: string; waste_tracking_id: string; received_at: Date }>(
        `SELECT ticket_number, vehicle_registration, waste_tracking_id, received_at FROM load WHERE status = 'SENT' ORDER BY received_at DESC OFFSET $1 LIMIT 1`,
        [Math.floor(LOADS / 20)],
      )
    ).rows[0]!;
    const vehicleFragment = sample.vehicle_registration.replace(' ', '').slice(1, 5);
    const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    const yearAgoPlus = new Date(now.getTime() - 358 * 86_400_000).toISOString().slice(0, 10);

    const manager = { id: '11111111-1111-1111-1111-111111111111', email: 'm@bench', name: 'M', roles: ['MANAGER' as const], siteIds: [siteA, siteB] };
    const oneSite = { ...manager, siteIds: [siteA] };
    const anyLoad = await db().load.findFirst({ select: { id: true } });

    const cases: [string, Record<string, unknown>, typeof manager?][] = [
      ['no filter (2 sites, newest first)', {}],
      ['no filter, one site', {}, oneSite],
      ['siteId', { siteId: siteB }],
      ['status = needs attention', { status: 'needs-attention' }],
      ['status = sent with warnings', { status: 'sent-with-warnings' }],
      ['status = pending', { status: 'pending' }],
      ['deadline = overdue', { deadline: 'overdue' }],
      ['deadline = due today', { deadline: 'due-today' }],
      ['EWC 170504 (common)', { ewc: '170504' }],
      ['EWC 160103 (rare)', { ewc: '160103' }],
      ['carrier "metals"', { carrier: 'metals' }],
      [`q ticket prefix "${sample.ticket_number.slice(0, 4)}"`, { q: sample.ticket_number.slice(0, 4) }],
      [`q ticket "${sample.ticket_number}"`, { q: sample.ticket_number }],
      [`q waste tracking id`, { q: sample.waste_tracking_id }],
      [`q vehicle fragment "${vehicleFragment}"`, { q: vehicleFragment }],
      [`date range: last 30 days`, { from: monthAgo }],
      [`date range: a week a year ago`, { from: yearAgo, to: yearAgoPlus }],
      ['sort by due, asc', { sort: 'due', dir: 'asc' }],
      ['sort by carrier, asc', { sort: 'carrier', dir: 'asc' }],
      ['sort by status, desc', { sort: 'status', dir: 'desc' }],
      ['page 200 (offset 9,950)', { page: 200 }],
      ['combined: status+EWC+carrier+dates', { status: 'sent', ewc: '170504', carrier: 'valley', from: yearAgo }],
      ['combined: deadline+site+q', { deadline: 'overdue', siteId: siteA, q: '0' }],
    ];

    console.log(`Records list, ${seeded.loads.toLocaleString('en-GB')} loads over 2 years at 2 sites (seeded in ${seedSeconds.toFixed(1)} s)`);
    console.log(`${RUNS} runs per case after ${WARM_UP} warm-up runs; first page of 50 rows + total; Node ${process.version}`);
    console.log('times in ms: median / p95; ×baseline = median / baseline median\n');
    const results: { case: string; median: number; p95: number; total?: number }[] = [];
    const baseline = await timing(() => db().load.findUnique({ where: { id: anyLoad!.id }, select: { id: true } }));
    console.log(`  ${'baseline: one load by id (Prisma)'.padEnd(44)} ${baseline.median.toFixed(2).padStart(7)} / ${baseline.p95.toFixed(2).padStart(7)}`);
    results.push({ case: 'baseline', ...baseline });
    const slow: [string, Record<string, unknown>, typeof manager][] = [];
    for (const [label, input, actor = manager] of args['home-only'] ? [] : cases) {
      const page = await listRecords({ actor, input, now });
      const t = await timing(() => listRecords({ actor, input, now }));
      results.push({ case: label, ...t, total: page.total });
      console.log(
        `  ${label.padEnd(44)} ${t.median.toFixed(2).padStart(7)} / ${t.p95.toFixed(2).padStart(7)}   ×${(t.median / baseline.median).toFixed(1).padEnd(5)} ${page.total.toLocaleString('en-GB').padStart(7)} matches`,
      );
      if (t.median > SLOW_MS) slow.push([label, input, actor]);
    }
    const counts = await timing(() => countRecordDeadlines({ actor: manager, now }));
    console.log(`\n  ${'home: countRecordDeadlines'.padEnd(44)} ${counts.median.toFixed(2).padStart(7)} / ${counts.p95.toFixed(2).padStart(7)}`);
    const charts = await timing(() => recordCharts({ actor: manager, now }));
    console.log(`  ${'home: recordCharts'.padEnd(44)} ${charts.median.toFixed(2).padStart(7)} / ${charts.p95.toFixed(2).padStart(7)}`);
    results.push({ case: 'countRecordDeadlines', ...counts }, { case: 'recordCharts', ...charts });

    for (const [label, input, actor] of slow) {
      const filters = recordFiltersSchema.parse(input);
      const where = loadWhereSql(actor, filters, now);
      const q = Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) SELECT l.id FROM load l JOIN site s ON s.id = l.site_id WHERE ${where} ORDER BY ${recordOrderSql(filters.sort, filters.dir)} LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`;
      const plan = (await sql.query<{ 'QUERY PLAN': string }>(q.text, q.values)).rows;
      const count = Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM load l WHERE ${where}`;
      const countPlan = (await sql.query<{ 'QUERY PLAN': string }>(count.text, count.values)).rows;
      console.log(
        `\nSlow (> ${SLOW_MS} ms): ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n-- total:\n${countPlan.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
    }

    const out = path.join(import.meta.dirname, 'results');
    await mkdir(out, { recursive: true });
    const file = path.join(out, `records-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ loads: seeded.loads, runs: RUNS, node: process.version, results }, null, 2));
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

await main();
process.exit(0);
