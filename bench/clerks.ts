// Twenty clerks at once: each saves and sends loads one after another through the form's own path (what
// submitLoadAction does once the session is read: saveLoad, then deliverLoad while the clerk waits),
// against the built-in sandbox (in a child process) answering after --latency ms, while a delivery
// worker in this process flushes a backlog of queued loads at the app's send-rate cap.
// In the same run, "raw" DWT round trips through the app's DWT client are timed just as often and at the
// same moments, as the baseline: the very request a send makes (POST of the same movement, built and
// checked once beforehand, with a reference of its own so DWT stores it apart), and the smallest one
// (GET container types) for comparison. The sandbox does more work for a POST than for a GET, and that
// is DWT's time, not ours.
// Prints save-and-send p50/p95 against the raw POST (target: p95 ≤ 1.2× raw p95), and checks that
// no load was lost or sent twice: every clerk's load is in PostgreSQL, every load (backlog included) ends
// SENT with its own waste tracking id, and the sandbox stored each movement once.
//
// Always on its own embedded PostgreSQL in a temporary folder.
// Run: node --conditions=react-server --import tsx bench/clerks.ts [--clerks 20] [--loads-each 10] [--latency 150] [--backlog 2000] [--cap 100] [--worker in-app|process] [--statements] [--typed-tickets]
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedBacklog } from './support/backlog';
import { benchDatabase, statementStats } from './support/bench-kit';
import { startSandboxProcess } from './support/sandbox-process';

const { values: args } = parseArgs({
  options: {
    clerks: { type: 'string', default: '20' },
    'loads-each': { type: 'string', default: '10' },
    latency: { type: 'string', default: '150' },
    backlog: { type: 'string', default: '2000' },
    cap: { type: 'string', default: '100' },
    /** Where the worker runs: in this process, as the app's in-app worker does, or as `npm run worker`. */
    worker: { type: 'string', default: 'in-app' },
    /** Also print PostgreSQL's busiest statements while the clerks worked (pg_stat_statements). */
    statements: { type: 'boolean', default: false },
    'typed-tickets': { type: 'boolean', default: false },
  },
});
const CLERKS = Number(args.clerks);
const EACH = Number(args['loads-each']);
const LATENCY = Number(args.latency);
const BACKLOG = Number(args.backlog);
const CAP = Number(args.cap);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
const summary = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), max: s[s.length - 1]! };
};

async function main() {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const database = await benchDatabase('clerks', { statements: args.statements });
    cleanups.push(() => database.stop());
    const sandbox = await startSandboxProcess();
    cleanups.push(() => sandbox.stop());
    // DWT's soft limit is about 200 requests a second; the worker keeps to the app's cap below it.
    await sandbox.knobs({ latencyMs: LATENCY, maxRequestsPerSecond: 200 });
    Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: 'warn', DWT_MAX_SEND_RATE: String(CAP), ...sandbox.env });
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { systemActor } = await import('../lib/auth/actor');
    const { createSite } = await import('../lib/sites/service');
    const { toMovement } = await import('../lib/loads/schema');
    const { saveLoad } = await import('../lib/loads/service');
    const { deliverLoad } = await import('../lib/delivery/service');
    const { dwtClientFor } = await import('../lib/dwt-settings/client');
    const { dwtConfigInUse } = await import('../lib/dwt-settings/service');
    const { startDeliveryWorker } = await import('../lib/delivery/worker');
    const { loadForm, RECEIVING_SITE } = await import('../test/load-fixtures');
    const { validateReceiveMovement } = await import('../lib/dwt/schema');
    const { getReferenceLookups } = await import('../lib/reference-data/service');
    const { receivingSiteOf, toReceiveMovementBody } = await import('../lib/sites/receiving-site');
    const lookups = await getReferenceLookups();
    const { disconnectDb } = await import('../lib/db');
    cleanups.push(() => disconnectDb());

    const site = await createSite({ actor: systemActor(), input: { name: `Bench clerks ${randomUUID().slice(0, 8)}`, ...RECEIVING_SITE } });
    const backlogForm = { ...loadForm(), yourUniqueReference: 'TICKET', ticketNumberIsSuggested: false };
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end());
    await seedBacklog(sql, { siteId: site.id, loads: BACKLOG, movement: toMovement(backlogForm), form: backlogForm });

    // Warm: the token, the reference data, Prisma's first queries (a clerk's first save of the day pays them once).
    const config = await dwtConfigInUse();
    const raw = dwtClientFor(config, { retry: { maxAttempts: 1 } });
    await raw.getContainerTypes();
    // The body a send of a clerk's load POSTs, as processJob builds and checks it.
    const rawBody = (ref: string) => {
      const form = { ...loadForm(), yourUniqueReference: ref, ticketNumberIsSuggested: false };
      const checked = validateReceiveMovement(toReceiveMovementBody(toMovement(form) as object, receivingSiteOf(site), config.apiCode ?? ''), lookups);
      if (!checked.ok) throw new Error(`the raw POST's body is not valid: ${JSON.stringify(checked.errors).slice(0, 300)}`);
      return checked.value;
    };
    const clerk = (n: number) => ({ id: randomUUID(), email: `clerk${n}@bench`, name: `Clerk ${n}`, roles: ['CLERK' as const], siteIds: [site.id] });
    // Where a save-and-send's time goes: the save (committed before anything leaves) and the send.
    const stages = { save: [] as number[], send: [] as number[] };
    // As at the window: the form suggests the site's next ticket number and the clerk keeps it, so the
    // save takes the number from the site's sequence (--typed-tickets: each clerk types a reference).
    const saveAndSend = async (actor: ReturnType<typeof clerk>, ref: string) => {
      const form = args['typed-tickets']
        ? { ...loadForm(), yourUniqueReference: ref, ticketNumberIsSuggested: false }
        : { ...loadForm(), yourUniqueReference: 'suggested', ticketNumberIsSuggested: true };
      const t0 = performance.now();
      const saved = await saveLoad({ actor, input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'send', form }, sendNow: true });
      const t1 = performance.now();
      const delivery = await deliverLoad({ loadId: saved.id, claim: saved.sendClaim });
      stages.save.push(t1 - t0);
      stages.send.push(performance.now() - t1);
      return { id: saved.id, status: delivery.status };
    };
    await saveAndSend(clerk(0), 'WARM-1');
    stages.save.length = 0;
    stages.send.length = 0;

    process.stdout.write(
      `${CLERKS} clerks × ${EACH} loads, sandbox latency ${LATENCY} ms (limit 200 requests/s), ${args.worker === 'process' ? '`npm run worker`' : 'in-app worker'} flushing ${BACKLOG.toLocaleString('en-GB')} queued loads at ${CAP}/s; ` +
        `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (shared machine)\n`,
    );
    // The worker: the in-app one (this process, as a web app instance runs it), or `npm run worker` in a
    // process of its own (for a site this busy: the app then runs with DELIVERY_WORKER_IN_APP=off).
    const sendsSoFar = async () => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM send_attempt`)).rows[0]!.n);
    const attemptsBefore = await sendsSoFar();
    let workerProcess: ChildProcess | undefined;
    const inApp = args.worker === 'process' ? undefined : startDeliveryWorker({ maxSendRate: CAP });
    if (!inApp) {
      workerProcess = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, '..', 'scripts', 'worker.ts')], {
        env: process.env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    const stopWorker = async () => {
      await inApp?.stop();
      if (workerProcess && workerProcess.exitCode === null) {
        const exited = new Promise((r) => workerProcess!.once('exit', r));
        workerProcess.kill('SIGTERM');
        await exited;
      }
    };
    cleanups.push(stopWorker);
    const worker = { sent: async () => (await sendsSoFar()) - attemptsBefore - clerkLoads.length, stop: stopWorker };
    await new Promise((r) => setTimeout(r, 1_000)); // the worker is up to speed

    // CPU the run costs, whatever else the machine is doing: this process (clerks, worker, baseline) and
    // PostgreSQL's processes (the postmaster's children, found from its checkpointer).
    const postgresCpuMs = async () => {
      const { rows } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'`);
      const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const postmaster = stat(rows[0]!.pid)[1]!;
      let ticks = 0;
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const f = stat(pid);
          if (f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
        } catch {
          // gone meanwhile
        }
      }
      return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
    };
    const processCpuMs = (pid: number | undefined) => {
      if (!pid) return 0;
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    };
    if (args.statements) await statementStats.reset(sql);
    const cpuBefore = { node: process.cpuUsage(), postgres: await postgresCpuMs(), worker: processCpuMs(workerProcess?.pid) };
    const saveTimes: number[] = [];
    const rawTimes: number[] = [];
    const rawGetTimes: number[] = [];
    let rawPosts = 0;
    const clerkLoads: { id: string; status: string }[] = [];
    const failures: string[] = [];
    let rawFailures = 0;
    const started = performance.now();
    let clerksAtWork = CLERKS;
    let workerSentByClerksEnd = 0;
    let clerksSeconds = 0;
    await Promise.all([
      ...Array.from({ length: CLERKS }, async (_, c) => {
        const actor = clerk(c + 1);
        for (let i = 0; i < EACH; i++) {
          const t = performance.now();
          try {
            clerkLoads.push(await saveAndSend(actor, `C${c + 1}-${i + 1}`));
            saveTimes.push(performance.now() - t);
          } catch (error) {
            failures.push(`${(error as Error).name}: ${(error as Error).message.slice(0, 200)}`);
          }
        }
        if (--clerksAtWork === 0) {
          clerksSeconds = (performance.now() - started) / 1000;
          workerSentByClerksEnd = await worker.sent();
        }
      }),
      // The baseline: as many raw round trips, spread over the same time by one caller per two clerks,
      // each a POST of a prepared body then a GET; only while clerks are still at work, so both are
      // measured on the same busy machine.
      ...Array.from({ length: Math.ceil(CLERKS / 2) }, async (_, c) => {
        for (let i = 0; i < EACH * 2 && clerksAtWork > 0 && performance.now() - started < 120_000; i++) {
          const body = rawBody(`RAW-${c}-${i}`);
          const t = performance.now();
          const posted = await raw.createMovement(body);
          rawPosts += 1;
          if (posted.kind === 'created') rawTimes.push(performance.now() - t);
          else rawFailures += 1;
          const g = performance.now();
          const got = await raw.getContainerTypes();
          if (got.kind === 'ok') rawGetTimes.push(performance.now() - g);
          else rawFailures += 1;
          await new Promise((r) => setTimeout(r, Math.random() * 50));
        }
      }),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(cpuBefore.node);
    const cpu = {
      node: (nodeCpu.user + nodeCpu.system) / 1000,
      postgres: (await postgresCpuMs()) - cpuBefore.postgres,
      worker: processCpuMs(workerProcess?.pid) - cpuBefore.worker,
    };
    const sentDuring = await worker.sent();
    if (args.statements) await statementStats.print(sql);

    // Let the worker finish the backlog (and anything a clerk left queued), then count.
    const deadline = Date.now() + 600_000;
    for (;;) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM delivery_job`);
      if (Number(rows[0]!.n) === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await worker.stop();
    const { rows: totals } = await sql.query<{ loads: string; sent: string; ids: string; queued: string }>(
      `SELECT count(*) AS loads, count(*) FILTER (WHERE status = 'SENT') AS sent, count(DISTINCT waste_tracking_id) AS ids,
              (SELECT count(*) FROM delivery_job) AS queued FROM load WHERE site_id = $1::uuid`,
      [site.id],
    );
    const { rows: found } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM load WHERE id = ANY($1::uuid[])`, [clerkLoads.map((l) => l.id)]);
    const stats = await sandbox.stats();
    const duplicates = Object.values(stats.acceptedPosts).filter((n) => n > 1).length;
    // A save that threw stored nothing (the clerk is told, and the form keeps the typing): not expected.
    const expected = BACKLOG + clerkLoads.length + 1;

    const s = summary(saveTimes);
    const r = summary(rawTimes);
    const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(40)} ${value}\n`);
    line('save-and-send (ms) p50 / p95 / max', `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.max.toFixed(0)} (${s.n} loads)`);
    const g = summary(rawGetTimes);
    line('raw DWT POST (ms) p50 / p95 / max', `${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.max.toFixed(0)} (${r.n} requests, ${rawFailures} not ok)`);
    line('raw DWT GET (ms) p50 / p95 / max', `${g.p50.toFixed(0)} / ${g.p95.toFixed(0)} / ${g.max.toFixed(0)} (${g.n} requests)`);
    line('p95 save-and-send ÷ p95 raw POST', `${(s.p95 / r.p95).toFixed(2)} (target ≤ 1.2; ÷ p95 raw GET ${(s.p95 / g.p95).toFixed(2)})`);
    line('p50 save-and-send ÷ p50 raw POST', `${(s.p50 / r.p50).toFixed(2)}`);
    for (const [stage, samples] of Object.entries(stages)) {
      const t = summary(samples);
      line(`  of which ${stage} (ms) p50 / p95 / max`, `${t.p50.toFixed(0)} / ${t.p95.toFixed(0)} / ${t.max.toFixed(0)}`);
    }
    const answers = new Map<string, number>();
    for (const l of clerkLoads) answers.set(l.status, (answers.get(l.status) ?? 0) + 1);
    line('clerks’ answers', [...answers].map(([k, v]) => `${k} ${v}`).join(', ') + (failures.length ? `; ${failures.length} failed: ${failures[0]}` : ''));
    const operations = clerkLoads.length + sentDuring + rawTimes.length + rawGetTimes.length;
    line(
      'CPU while the clerks worked (ms)',
      `this process ${cpu.node.toFixed(0)} (system ${(nodeCpu.system / 1000).toFixed(0)}), ${workerProcess ? `worker process ${cpu.worker.toFixed(0)}, ` : ''}PostgreSQL ${cpu.postgres.toFixed(0)}, over ${seconds.toFixed(1)} s on ${os.cpus().length} cores ` +
        `(${(((cpu.node + cpu.worker + cpu.postgres) / 1000 / seconds / os.cpus().length) * 100).toFixed(0)}% of the machine; ${operations} saves, sends and raw requests)`,
    );
    line(
      'worker sends while the clerks worked',
      `${workerSentByClerksEnd} in ${clerksSeconds.toFixed(1)} s (${(workerSentByClerksEnd / clerksSeconds).toFixed(0)}/s, cap ${CAP}); ${sentDuring} by the end of the baseline`,
    );
    line('clerks’ saves refused (threw)', `${failures.length} of ${CLERKS * EACH} (nothing stored; the form would keep the typing)`);
    line('clerks’ saved loads found in PostgreSQL', `${found[0]!.n} of ${clerkLoads.length}`);
    line(
      'loads / sent / distinct ids / queued',
      `${totals[0]!.loads} / ${totals[0]!.sent} / ${totals[0]!.ids} / ${totals[0]!.queued} (expected ${expected} loads)`,
    );
    const answered = Object.entries(stats.requests)
      .map(
        ([endpoint, byStatus]) =>
          `${endpoint}: ${Object.entries(byStatus)
            .map(([k, n]) => `${k}×${n}`)
            .join(' ')}`,
      )
      .join('; ');
    line('sandbox answers', answered);
    line('movements stored by DWT / duplicates', `${stats.movements} (${rawPosts} of them the baseline's) / ${duplicates}`);
    // Lost: a saved load missing. Duplicated: a movement DWT stored twice, or two loads with one id.
    const ok =
      Number(totals[0]!.loads) === expected &&
      Number(found[0]!.n) === clerkLoads.length &&
      Number(totals[0]!.ids) === Number(totals[0]!.sent) &&
      duplicates === 0;
    line('no lost or duplicated load', ok ? 'yes' : 'NO');
    const unsent = expected - Number(totals[0]!.sent);
    line('every load sent', unsent === 0 ? 'yes' : `no: ${unsent} not SENT (a send interrupted by the database's slowness is checked, never resent)`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

await main();
process.exit(0);
