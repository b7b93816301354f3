// How the records export compares with PostgreSQL's own COPY of the same rows: N loads (1–3 waste
// items each) seeded in SQL, then, each in a fresh child process so peaks are comparable,
//   - COPY (SELECT … the export's rows and columns …) TO STDOUT (FORMAT csv) read by node-postgres
//     (pg-copy-streams) and thrown away: the baseline;
//   - exportRecords as CSV, XLSX and JSON, its web stream read and thrown away (as to /dev/null).
// Each is timed and its process's RSS and heap sampled every 20 ms. Run once for a tenth of the loads
// and once for all of them, so bounded memory shows as peaks that barely grow with 10× the rows.
// Prints time and peak memory as ratios to COPY, and each run's RSS growth over its own baseline (the
// export's process starts bigger: Prisma and the app's modules); writes the figures to bench/results/.
//
// Always on its own embedded PostgreSQL in a temporary folder.
//
// Run: node --conditions=react-server --import tsx bench/records-export.ts [--loads 100000] [--formats csv,xlsx,json] [--max-old-space 64]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '100000' },
    formats: { type: 'string', default: 'csv,xlsx,json' },
    child: { type: 'string' },
    url: { type: 'string' },
    sites: { type: 'string' },
    /** Cap each child's V8 old space (MB): the export completing under a small cap shows its memory is bounded. */
    'max-old-space': { type: 'string' },
  },
});

interface Measure {
  mode: string;
  loads: number;
  rows: number;
  bytes: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
}

/** The export's rows and columns (lib/records/export-format.ts EXPORT_COLUMNS) written by SQL alone. */
function copySql(siteIds: string[]): string {
  const sites = siteIds.map((id) => `'${id}'::uuid`).join(',');
  return `COPY (
    SELECT s.name, l.ticket_number,
           to_char(l.received_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI'),
           CASE l.status WHEN 'SENT' THEN CASE WHEN jsonb_array_length(l.dwt_warnings) > 0 THEN 'Sent with warnings' ELSE 'Sent' END
                         WHEN 'DRAFT' THEN 'Draft' WHEN 'PENDING' THEN 'Waiting to send' WHEN 'NEEDS_ATTENTION' THEN 'Needs attention' ELSE 'Check needed' END,
           l.waste_tracking_id,
           to_char(l.due_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI'),
           jsonb_array_length(l.dwt_warnings),
           m->'carrier'->>'organisationName', m->'carrier'->>'registrationNumber', m->'carrier'->>'meansOfTransport', m->'carrier'->>'vehicleRegistration',
           m->'brokerOrDealer'->>'organisationName', m->'brokerOrDealer'->>'registrationNumber',
           m->>'hazardousWasteConsignmentCode', m->>'reasonForNoConsignmentCode',
           CASE WHEN it.n IS NOT NULL THEN it.n || ' of ' || jsonb_array_length(m->'wasteItems') END,
           (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(it.item->'ewcCodes') e),
           it.item->>'wasteDescription', it.item->>'physicalForm', it.item->>'numberOfContainers', it.item->>'typeOfContainers',
           round((it.item->'weight'->>'amount')::numeric * CASE it.item->'weight'->>'metric' WHEN 'Kilograms' THEN 0.001 WHEN 'Grams' THEN 0.000001 ELSE 1 END, 6),
           CASE WHEN (it.item->'weight'->>'isEstimate')::boolean THEN 'Yes' ELSE 'No' END,
           CASE WHEN (it.item->>'containsHazardous')::boolean THEN 'Yes' ELSE 'No' END,
           (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(it.item->'hazardous'->'hazCodes') e),
           (SELECT string_agg(e->>'name', '; ') FROM jsonb_array_elements(it.item->'hazardous'->'components') e),
           CASE WHEN (it.item->>'containsPops')::boolean THEN 'Yes' ELSE 'No' END,
           (SELECT string_agg(e->>'code', '; ') FROM jsonb_array_elements(it.item->'pops'->'components') e),
           (SELECT string_agg((e->>'code') || ' (' || (e->'weight'->>'amount') || ' t)', '; ') FROM jsonb_array_elements(it.item->'disposalOrRecoveryCodes') e),
           m->>'specialHandlingRequirements'
      FROM load l JOIN site s ON s.id = l.site_id
      CROSS JOIN LATERAL (SELECT l.movement AS m) AS mv
      LEFT JOIN LATERAL jsonb_array_elements(m->'wasteItems') WITH ORDINALITY AS it(item, n) ON true
     WHERE l.site_id IN (${sites})
     ORDER BY l.received_at DESC, l.id DESC, it.n
  ) TO STDOUT (FORMAT csv, HEADER)`;
}

/** Child mode: one measured run, printed as a JSON line. */
async function child(mode: string, url: string, siteIds: string[]) {
  let bytes = 0;
  let rows = 0;
  let loads = 0;
  let run: () => Promise<void>;
  if (mode === 'copy') {
    const { to: copyTo } = await import('pg-copy-streams');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SELECT 1');
    run = async () => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) rows++; // approximate: line breaks in cells count too
          done();
        },
      });
      await pipeline(client.query(copyTo(copySql(siteIds))), sink);
      rows -= 1;
      await client.end();
    };
  } else {
    Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: 'warn' });
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { exportRecords } = await import('../lib/records/export');
    const { db, disconnectDb } = await import('../lib/db');
    await db().$queryRaw`SELECT 1`;
    const actor = { id: randomUUID(), email: 'bench', name: 'Bench', roles: ['MANAGER' as const], siteIds };
    run = async () => {
      const file = await exportRecords({ actor, input: { filters: {}, format: mode } });
      rows = file.rows;
      loads = file.loads;
      const reader = file.stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.length;
      }
      await disconnectDb();
    };
  }
  await new Promise((r) => setTimeout(r, 200));
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(sampler);
  const out: Measure = { mode, loads, rows, bytes, seconds, baselineRss: baseline.rss, peakRss, peakHeap };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function measure(mode: string, url: string, siteIds: string[]): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        ...(args['max-old-space'] ? [`--max-old-space-size=${Number(args['max-old-space'])}`] : []),
        '--conditions=react-server',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        `--child=${mode}`,
        `--url=${url}`,
        `--sites=${siteIds.join(',')}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Measure);
      else reject(new Error(`${mode} run failed (${code}): ${out}`));
    });
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0).padStart(5);

async function main() {
  const total = Number(args.loads);
  const formats = args.formats!.split(',').filter(Boolean);
  if (!Number.isInteger(total) || total < 10) throw new Error('--loads must be a whole number of at least 10');
  const small = Math.round(total / 10);

  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const { seedExportLoads } = await import('./support/export-seed');
    const { benchDatabase } = await import('./support/bench-kit');
    const database = await benchDatabase('export');
    cleanups.push(() => database.stop());
    const url = database.url;

    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    const siteA = randomUUID();
    const siteB = randomUUID();
    await sql.query(
      `INSERT INTO site (id, name, authorisation_number, full_address, postcode, updated_at) VALUES ($1, 'Bench North', 'EPR/AB1234CD', '1 Test Way, Leeds', 'LS1 1AA', now()), ($2, 'Bench South', 'EPR/AB1234CE', '2 Test Way, Leeds', 'LS1 1AB', now())`,
      [siteA, siteB],
    );
    const seeded = performance.now();
    await seedExportLoads(sql, {
      sites: [
        { id: siteA, loads: small },
        { id: siteB, loads: total - small },
      ],
    });
    const seedSeconds = (performance.now() - seeded) / 1000;
    process.stdout.write(
      `Records export: ${total.toLocaleString('en-GB')} loads seeded in ${seedSeconds.toFixed(1)} s; Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n` +
        `Each run in a fresh process${args['max-old-space'] ? ` with --max-old-space-size=${args['max-old-space']}` : ''}; peak RSS/heap sampled every 20 ms; "ratio" = this run ÷ COPY of the same rows.\n\n`,
    );

    const results: Measure[] = [];
    for (const [label, siteIds] of [
      [`${small.toLocaleString('en-GB')} loads`, [siteA]],
      [`${total.toLocaleString('en-GB')} loads`, [siteA, siteB]],
    ] as const) {
      const copy = await measure('copy', url, [...siteIds]);
      results.push(copy);
      process.stdout.write(`${label}\n  mode   rows      MB out  seconds (ratio)   peak RSS MB (ratio)   RSS growth MB   peak heap MB (ratio)\n`);
      const line = (m: Measure) =>
        `  ${m.mode.padEnd(5)}  ${String(m.rows).padStart(8)}  ${mb(m.bytes)}  ${m.seconds.toFixed(2).padStart(7)} (${(m.seconds / copy.seconds).toFixed(2).padStart(5)})` +
        `   ${mb(m.peakRss)} (${(m.peakRss / copy.peakRss).toFixed(2)})          ${mb(m.peakRss - m.baselineRss)}        ${mb(m.peakHeap)} (${(m.peakHeap / copy.peakHeap).toFixed(2)})\n`;
      process.stdout.write(line(copy));
      for (const format of formats) {
        const m = await measure(format, url, [...siteIds]);
        results.push(m);
        process.stdout.write(line(m));
      }
      process.stdout.write('\n');
    }
    const big = (mode: string) => results.filter((r) => r.mode === mode).at(-1)!;
    const little = (mode: string) => results.find((r) => r.mode === mode)!;
    process.stdout.write(`Peak RSS, ${total.toLocaleString('en-GB')} loads ÷ ${small.toLocaleString('en-GB')} loads (bounded memory ≈ 1):\n`);
    for (const mode of ['copy', ...formats]) process.stdout.write(`  ${mode.padEnd(5)} ${(big(mode).peakRss / little(mode).peakRss).toFixed(2)}\n`);

    const resultsDir = path.join(import.meta.dirname, 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `records-export-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ loads: total, node: process.version, seedSeconds, results }, null, 2));
    process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

if (args.child) {
  await child(args.child, args.url!, args.sites!.split(','));
  process.exit(0);
} else {
  await main();
}
