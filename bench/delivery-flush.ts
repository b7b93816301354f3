// How fast the delivery queue empties against DWT's rate limit, and what it costs in memory: N loads
// queued at once are flushed by one worker (startDeliveryWorker, in this process) to the built-in
// sandbox (in a child process, so its stored movements do not count as the app's memory), whose
// maxRequestsPerSecond is set to the cap, so sending faster than the cap shows up as 429s.
// Prints the achieved send rate as a fraction of the cap (target >= 0.9) and this process's peak RSS
// and heap against its baseline before the worker started.
//
// Always on its own embedded PostgreSQL in a temporary folder: a worker sends every due job in its
// database, so pointing this at a real one would flush that database's queue to the sandbox.
//
// --profile counts the app's database round trips per send (by statement) and the time spent in them
// and waiting for a pooled connection, by wrapping node-postgres's Client.query and Pool.connect.
//
// With node --expose-gc, also prints the heap left after a full GC once the flush is over.
//
// Run: node --conditions=react-server --import tsx bench/delivery-flush.ts [--loads 10000] [--cap 200] [--concurrency 32] [--client-attempts 4] [--profile]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '10000' },
    cap: { type: 'string', default: '200' },
    concurrency: { type: 'string' },
    'client-attempts': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'serve-sandbox': { type: 'boolean', default: false },
  },
});

interface SandboxInfo {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiCode: string;
  controlUrl: string;
}

/** Child mode: the sandbox and its control server; prints where they are, stops when stdin closes. */
async function serveSandbox() {
  const { startDwtSandbox } = await import('../lib/dwt/sandbox/server');
  const { startSandboxControl } = await import('../lib/dwt/sandbox/control');
  const sandbox = await startDwtSandbox({ port: 0 });
  const control = await startSandboxControl(sandbox, { port: 0 });
  const info: SandboxInfo = {
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    apiCode: sandbox.apiCodes[0]!,
    controlUrl: control.url,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0)); // the bench ended (or died): so does the sandbox
}

async function startSandboxProcess(): Promise<{ child: ChildProcess; info: SandboxInfo }> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve-sandbox'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox process stopped (${code})`)));
  });
  return { child, info: JSON.parse(line) as SandboxInfo };
}

async function control(info: SandboxInfo, method: 'GET' | 'POST', route: string, body?: unknown) {
  const response = await fetch(`${info.controlUrl}${route}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox control ${route}: ${response.status}`);
  return response.status === 204
    ? undefined
    : ((await response.json()) as {
        requests: Record<string, Record<string, number>>;
        acceptedPosts: Record<string, number>;
        postAttempts: number;
        movements: number;
      });
}

/** The app's round trips to PostgreSQL, by statement, while `on`; the bench's own client is left out. */
function profileDatabase(exclude: pg.Client) {
  const byStatement = new Map<string, { n: number; ms: number }>();
  const poolWait = { n: 0, ms: 0 };
  const profile = { on: false, byStatement, poolWait };
  const label = (text: string) => {
    const t = text.replace(/\s+/g, ' ').trim();
    const verb = /^(\w+)/.exec(t)?.[1]?.toUpperCase() ?? '?';
    const table = /\b(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"?(\w+)"?/i.exec(t)?.[1];
    return table ? `${verb} ${table}` : verb;
  };
  const record = (key: string, started: number) => {
    if (!profile.on) return;
    const entry = byStatement.get(key) ?? { n: 0, ms: 0 };
    entry.n += 1;
    entry.ms += performance.now() - started;
    byStatement.set(key, entry);
  };
  type Fn = (...args: unknown[]) => unknown;
  const clientProto = pg.Client.prototype as unknown as { query: Fn };
  const query = clientProto.query;
  clientProto.query = function (this: pg.Client, ...args: unknown[]) {
    if (this === exclude) return query.apply(this, args);
    const first = args[0] as string | { text?: string };
    const key = label(typeof first === 'string' ? first : (first?.text ?? ''));
    const started = performance.now();
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...r: unknown[]) => {
        record(key, started);
        return (callback as Fn)(...r);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args) as Promise<unknown>;
    void result?.then?.(
      () => record(key, started),
      () => record(key, started),
    );
    return result;
  };
  const poolProto = pg.Pool.prototype as unknown as { connect: Fn };
  const connect = poolProto.connect;
  poolProto.connect = function (this: pg.Pool, ...args: unknown[]) {
    const started = performance.now();
    const done = () => {
      if (!profile.on) return;
      poolWait.n += 1;
      poolWait.ms += performance.now() - started;
    };
    const callback = args[0];
    if (typeof callback === 'function') {
      return connect.call(this, (...r: unknown[]) => {
        done();
        return (callback as Fn)(...r);
      });
    }
    const result = connect.apply(this, args) as Promise<unknown>;
    void result.then(done, done);
    return result;
  };
  return profile;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const loads = Number(args.loads);
  const cap = Number(args.cap);
  const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
  const clientAttempts = args['client-attempts'] === undefined ? undefined : Number(args['client-attempts']);
  if (!Number.isInteger(loads) || loads < 1 || !(cap > 0)) throw new Error('--loads must be a whole number and --cap a rate above 0');

  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    // ---- database, site, and the queued loads ----
    const { benchDatabase } = await import('./support/bench-kit');
    const database = await benchDatabase('delivery');
    cleanups.push(() => database.stop());
    const url = database.url;

    const sandbox = await startSandboxProcess();
    cleanups.push(async () => {
      sandbox.child.stdin!.end();
      sandbox.child.kill('SIGTERM');
    });
    await control(sandbox.info, 'POST', '/knobs', { maxRequestsPerSecond: cap });

    Object.assign(process.env, {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      DWT_ENVIRONMENT: 'sandbox',
      DWT_API_BASE_URL: sandbox.info.baseUrl,
      DWT_AUTH_URL: sandbox.info.baseUrl,
      DWT_CLIENT_ID: sandbox.info.clientId,
      DWT_CLIENT_SECRET: sandbox.info.clientSecret,
      DWT_API_CODE: sandbox.info.apiCode,
    });
    const { resetEnvCache } = await import('../lib/env');
    resetEnvCache();
    const { systemActor } = await import('../lib/auth/actor');
    const { createSite } = await import('../lib/sites/service');
    const { toMovement } = await import('../lib/loads/schema');
    const { loadForm, RECEIVING_SITE } = await import('../test/load-fixtures');
    const { startDeliveryWorker } = await import('../lib/delivery/worker');
    const { db, disconnectDb } = await import('../lib/db');
    cleanups.push(() => disconnectDb());

    const site = await createSite({ actor: systemActor(), input: { name: `Bench delivery ${randomUUID().slice(0, 8)}`, ...RECEIVING_SITE } });
    const form = { ...loadForm(), yourUniqueReference: 'TICKET', ticketNumberIsSuggested: false };
    const movement = toMovement(form);

    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    const profile = args.profile ? profileDatabase(sql) : undefined;
    const seeded = performance.now();
    // Bulk, as saveLoad would leave them: PENDING, each with its queued job, one ticket each.
    await sql.query('BEGIN');
    await sql.query(
      `INSERT INTO load (id, site_id, ticket_number, received_at, status, movement, form_values, ewc_codes, carrier_name, vehicle_registration, updated_at)
       SELECT gen_random_uuid(), $1::uuid, t, $2::timestamptz, 'PENDING',
              jsonb_set($3::jsonb, '{yourUniqueReference}', to_jsonb(t)), jsonb_set($4::jsonb, '{yourUniqueReference}', to_jsonb(t)),
              ARRAY['170504'], 'Acme Haulage Ltd', 'AB12 CDE', now()
         FROM (SELECT lpad(i::text, 6, '0') AS t FROM generate_series(1, $5::int) AS i) AS tickets`,
      [site.id, movement.dateTimeReceived, JSON.stringify(movement), JSON.stringify(form), loads],
    );
    await sql.query(`INSERT INTO delivery_job (load_id) SELECT id FROM load WHERE site_id = $1::uuid`, [site.id]);
    await sql.query(`UPDATE site SET next_ticket_number = $2 WHERE id = $1::uuid`, [site.id, loads + 1]);
    await sql.query('COMMIT');
    await sql.query('ANALYZE load; ANALYZE delivery_job');
    const seedSeconds = (performance.now() - seeded) / 1000;

    // ---- the flush ----
    await db().$queryRaw`SELECT 1`; // the app's connection pool is part of the baseline
    await new Promise((r) => setTimeout(r, 500));
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    cleanups.push(async () => clearInterval(sampler));

    process.stdout.write(
      `Delivery flush: ${loads.toLocaleString('en-GB')} queued loads (seeded in ${seedSeconds.toFixed(1)} s), cap ${cap} requests/s, ` +
        `concurrency ${concurrency ?? 'default (32)'}, client attempts ${clientAttempts ?? 'worker default (1; the queue retries)'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
    if (profile) profile.on = true;
    const started = performance.now();
    const worker = startDeliveryWorker({
      maxSendRate: cap,
      ...(concurrency ? { concurrency } : {}),
      ...(clientAttempts ? { clientOptions: { retry: { maxAttempts: clientAttempts } } } : {}),
    });
    cleanups.push(() => worker.stop());
    // Generous: on a shared machine the flush can run far below the cap, and the memory figures still count.
    const deadline = started + ((loads / cap) * 20 + 120) * 1000;
    let lastReport = started;
    for (;;) {
      const { rows } = await sql.query<{ queued: string; sent: string }>(
        `SELECT (SELECT count(*) FROM delivery_job) AS queued, (SELECT count(*) FROM load WHERE status = 'SENT') AS sent`,
      );
      const queued = Number(rows[0]!.queued);
      const sent = Number(rows[0]!.sent);
      if (queued === 0) break;
      const now = performance.now();
      if (now > deadline) {
        // Still print the figures (memory above all): a shared machine can make a flush this slow.
        process.stdout.write(`  INCOMPLETE: gave up with ${sent} sent, ${queued} still queued after ${((now - started) / 1000).toFixed(0)} s\n`);
        break;
      }
      if (now - lastReport >= 10_000) {
        process.stdout.write(`  … ${sent.toLocaleString('en-GB')} sent after ${((now - started) / 1000).toFixed(0)} s\n`);
        lastReport = now;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    if (profile) profile.on = false;
    clearInterval(sampler);

    // ---- what happened ----
    const statuses = await sql.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM load GROUP BY status ORDER BY status`);
    const attempts = await sql.query<{ outcome: string; n: string }>(`SELECT outcome, count(*) AS n FROM send_attempt GROUP BY outcome ORDER BY outcome`);
    const timing = await sql.query<{ p50: number; p95: number; first: Date; last: Date; ids: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
              (SELECT min(sent_at) FROM load) AS first, (SELECT max(sent_at) FROM load) AS last,
              (SELECT count(DISTINCT waste_tracking_id) FROM load) AS ids
         FROM send_attempt`,
    );
    const stats = (await control(sandbox.info, 'GET', '/stats'))!;
    const posts = stats.requests['POST /movements/receive'] ?? {};
    const duplicates = Object.values(stats.acceptedPosts).filter((n) => n > 1).length;
    const sent = Number(statuses.rows.find((r) => r.status === 'SENT')?.n ?? 0);
    const rate = sent / seconds;
    const t = timing.rows[0]!;
    const steady = (sent - 1) / ((t.last.getTime() - t.first.getTime()) / 1000);

    const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(34)} ${value}\n`);
    line(
      'loads sent',
      `${sent.toLocaleString('en-GB')} of ${loads.toLocaleString('en-GB')} (statuses ${statuses.rows.map((r) => `${r.status} ${r.n}`).join(', ')})`,
    );
    line('wall time', `${seconds.toFixed(1)} s (worker start to queue empty)`);
    line('achieved rate', `${rate.toFixed(1)} sent/s`);
    line('achieved / cap', `${(rate / cap).toFixed(3)} (target >= 0.9)`);
    line('steady rate (first to last sent)', `${steady.toFixed(1)} sent/s = ${(steady / cap).toFixed(3)} of the cap`);
    line('sandbox POST answers', JSON.stringify(posts));
    line('429s from the sandbox', String(posts['429'] ?? 0));
    line('send attempts by outcome', attempts.rows.map((r) => `${r.outcome} ${r.n}`).join(', '));
    line('send duration p50 / p95', `${Number(t.p50).toFixed(0)} / ${Number(t.p95).toFixed(0)} ms (load read to result committed)`);
    line('duplicates in DWT / distinct ids', `${duplicates} / ${t.ids} (movements stored ${stats.movements})`);
    line('baseline RSS (before the worker)', mb(baseline.rss));
    line('peak RSS', `${mb(peakRss)} (x${(peakRss / baseline.rss).toFixed(2)} of baseline)`);
    if (profile) {
      const total = [...profile.byStatement.values()].reduce((sum, e) => ({ n: sum.n + e.n, ms: sum.ms + e.ms }), { n: 0, ms: 0 });
      line('profile: app round trips per send', `${(total.n / sent).toFixed(1)} (mean ${(total.ms / total.n).toFixed(1)} ms each)`);
      for (const [key, e] of [...profile.byStatement.entries()].sort((a, b) => b[1].n - a[1].n)) {
        line(`  ${key}`, `${(e.n / sent).toFixed(2)} per send, mean ${(e.ms / e.n).toFixed(1)} ms`);
      }
      line('profile: waits for a pooled connection', `${profile.poolWait.n} (mean ${(profile.poolWait.ms / Math.max(1, profile.poolWait.n)).toFixed(1)} ms)`);
    }
    line('peak heap used', `${mb(peakHeap)} (baseline ${mb(baseline.heapUsed)}, x${(peakHeap / baseline.heapUsed).toFixed(2)})`);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      line('heap after the flush and a full GC', `${mb(process.memoryUsage().heapUsed)} (what the flush left behind)`);
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

if (args['serve-sandbox']) {
  await serveSandbox();
} else {
  await main();
  process.exit(0);
}
