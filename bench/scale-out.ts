// Scale-out: two app instances and two `npm run worker` processes on one PostgreSQL send a backlog to the
// built-in sandbox (its own process) within the shared cap, with no load sent twice.
//  - the two workers are the real `scripts/worker.ts` (`npm run worker`), pointed at the database and
//    sandbox by DATABASE_URL and DWT_*;
//  - the two "app instances" are processes running what a web app instance runs for delivery: its
//    in-app worker (startDeliveryWorker, as instrumentation.ts starts it) and clerks saving and sending
//    loads through saveLoad → deliverLoad (the form's action), at the same time.
// The sandbox refuses above --cap requests a second (429), so going over the shared cap shows.
// Prints the rate achieved against the cap, the sandbox's answers, and the duplicate check: every load
// SENT with its own waste tracking id, and each movement stored by DWT once.
//
// Always on its own embedded PostgreSQL in a temporary folder.
// Run: node --conditions=react-server --import tsx bench/scale-out.ts [--backlog 4000] [--cap 100] [--clerk-loads 20]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedBacklog } from './support/backlog';
import { benchDatabase } from './support/bench-kit';
import { startSandboxProcess } from './support/sandbox-process';

const { values: args } = parseArgs({
  options: {
    backlog: { type: 'string', default: '4000' },
    cap: { type: 'string', default: '100' },
    'clerk-loads': { type: 'string', default: '20' },
    'app-instance': { type: 'string' },
    site: { type: 'string' },
  },
});
const root = path.resolve(import.meta.dirname, '..');

/** Child mode: one app instance's delivery: its in-app worker, and clerks saving and sending loads. */
async function appInstance(name: string, siteId: string) {
  const { startDeliveryWorker } = await import('../lib/delivery/worker');
  const { saveLoad } = await import('../lib/loads/service');
  const { deliverLoad } = await import('../lib/delivery/service');
  const { loadForm } = await import('../test/load-fixtures');
  const { env } = await import('../lib/env');
  const worker = startDeliveryWorker({ maxSendRate: env().DWT_MAX_SEND_RATE });
  const actor = { id: randomUUID(), email: `${name}@bench`, name, roles: ['CLERK' as const], siteIds: [siteId] };
  await Promise.all(
    Array.from({ length: 4 }, async (_, c) => {
      for (let i = 0; i < Number(args['clerk-loads']) / 4; i++) {
        const form = { ...loadForm(), yourUniqueReference: `${name}-${c}-${i}`, ticketNumberIsSuggested: false };
        const saved = await saveLoad({ actor, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'send', form } });
        await deliverLoad({ loadId: saved.id });
      }
    }),
  );
  process.stdout.write('clerks done\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
  await worker.stop();
  process.exit(0);
}

async function main() {
  const backlog = Number(args.backlog);
  const cap = Number(args.cap);
  const cleanups: (() => Promise<unknown>)[] = [];
  const children: ChildProcess[] = [];
  try {
    const database = await benchDatabase('scale-out');
    cleanups.push(() => database.stop());
    const sandbox = await startSandboxProcess();
    cleanups.push(() => sandbox.stop());
    await sandbox.knobs({ latencyMs: 50, maxRequestsPerSecond: cap });
    const childEnv = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn', DWT_MAX_SEND_RATE: String(cap), ...sandbox.env };
    Object.assign(process.env, childEnv);
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { systemActor } = await import('../lib/auth/actor');
    const { createSite } = await import('../lib/sites/service');
    const { toMovement } = await import('../lib/loads/schema');
    const { loadForm, RECEIVING_SITE } = await import('../test/load-fixtures');
    const { disconnectDb } = await import('../lib/db');
    cleanups.push(() => disconnectDb());
    const site = await createSite({ actor: systemActor(), input: { name: `Bench scale-out ${randomUUID().slice(0, 8)}`, ...RECEIVING_SITE } });
    const form = { ...loadForm(), yourUniqueReference: 'TICKET', ticketNumberIsSuggested: false };
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end());
    await seedBacklog(sql, { siteId: site.id, loads: backlog, movement: toMovement(form), form });

    process.stdout.write(
      `Scale-out: ${backlog.toLocaleString('en-GB')} queued loads, 2 app instances (in-app worker + 4 clerks each) and 2 \`npm run worker\`, ` +
        `cap ${cap}/s shared (sandbox answers 429 above it, 50 ms latency); Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} (shared machine)\n`,
    );
    const started = performance.now();
    const spawnChild = (argv: string[]) => {
      const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...argv], {
        cwd: root,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return child;
    };
    for (let i = 0; i < 2; i++) spawnChild([path.join(root, 'scripts', 'worker.ts')]);
    const apps = [1, 2].map((n) => spawnChild([fileURLToPath(import.meta.url), `--app-instance=app${n}`, `--site=${site.id}`]));
    const clerksDone = Promise.all(
      apps.map((a) => new Promise<void>((resolve) => a.stdout!.on('data', (d: Buffer) => d.toString().includes('clerks done') && resolve()))),
    );

    const expected = backlog + 2 * Number(args['clerk-loads']);
    for (;;) {
      const { rows } = await sql.query<{ loads: string; queued: string }>(
        `SELECT (SELECT count(*) FROM load) AS loads, (SELECT count(*) FROM delivery_job) AS queued`,
      );
      if (Number(rows[0]!.loads) >= expected && Number(rows[0]!.queued) === 0) break;
      if (performance.now() - started > ((expected / cap) * 20 + 300) * 1000) {
        process.stdout.write(`  INCOMPLETE: ${rows[0]!.queued} still queued\n`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    await clerksDone;

    const { rows: t } = await sql.query<{ loads: string; sent: string; ids: string; first: Date; last: Date; workers: string }>(
      `SELECT count(*) AS loads, count(*) FILTER (WHERE status = 'SENT') AS sent, count(DISTINCT waste_tracking_id) AS ids,
              min(sent_at) AS first, max(sent_at) AS last, (SELECT count(*) FROM delivery_worker) AS workers FROM load`,
    );
    const stats = await sandbox.stats();
    const duplicates = Object.values(stats.acceptedPosts).filter((n) => n > 1).length;
    const sent = Number(t[0]!.sent);
    const steady = (sent - 1) / ((t[0]!.last.getTime() - t[0]!.first.getTime()) / 1000);
    const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(36)} ${value}\n`);
    line('workers seen sharing the cap', t[0]!.workers);
    line('loads / sent / distinct ids', `${t[0]!.loads} / ${sent} / ${t[0]!.ids} (expected ${expected})`);
    line('wall time', `${seconds.toFixed(1)} s`);
    line('steady rate (first to last sent)', `${steady.toFixed(1)}/s = ${(steady / cap).toFixed(3)} of the cap`);
    line('sandbox answers to POST', JSON.stringify(stats.requests['POST /movements/receive'] ?? {}));
    line('movements stored / duplicates', `${stats.movements} / ${duplicates}`);
    line('no duplicate, none lost', duplicates === 0 && stats.movements === expected && sent === expected && Number(t[0]!.ids) === expected ? 'yes' : 'NO');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2_000));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

if (args['app-instance']) {
  await appInstance(args['app-instance'], args.site!);
} else {
  await main();
  process.exit(0);
}
