// A worker process killed with SIGKILL in the middle of sending, then started again: every load still
// ends sent exactly once and none is lost. The worker is the real `npm run worker` (scripts/worker.ts)
// in a child process, pointed at this file's own database and at a sandbox in this process, whose
// latency keeps sends in flight when the kill lands. POSTs the dead worker had in flight (marked
// post_in_flight before they left) need a manager's check: DWT may have stored them.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';
import {
  checksNeeded,
  createFaultSite,
  drainWithManager,
  dwtEnvFor,
  expectEveryLoadSentExactlyOnce,
  pointAppAt,
  queueLoads,
  report,
  statusCounts,
  useOwnDatabase,
  waitFor,
} from '@/test/delivery-harness';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const N = 500;
/** startDeliveryWorker's default, which scripts/worker.ts uses: the most POSTs one worker has out. */
const WORKER_CONCURRENCY = 32;

let database: Awaited<ReturnType<typeof useOwnDatabase>>;
let sandbox: DwtSandbox | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.env.LOG_LEVEL = 'error';
  resetEnvCache();
  database = await useOwnDatabase('delivery_crash');
  sandbox = await startDwtSandbox({ port: 0, knobs: { latencyMs: { min: 20, max: 80 } } });
  pointAppAt(sandbox); // for the manager's "send again as new" and the test's own checks
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map((child) => exited(child)));
  await sandbox?.close();
  await database?.drop();
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `npm run worker`, as a deployment runs it, against this test's database and sandbox. */
function startWorkerProcess(): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, ...dwtEnvFor(sandbox!), DWT_MAX_SEND_RATE: '200', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output.slice(-4_000) };
}

function alive(worker: { child: ChildProcess; output: () => string }): true {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
    throw new Error(`The worker process stopped (${worker.child.exitCode ?? worker.child.signalCode}):\n${worker.output()}`);
  }
  return true;
}

it(
  'a worker killed with SIGKILL mid-flush and started again leaves every load sent exactly once, with only its POSTs in flight needing a check',
  { timeout: 150_000 },
  async () => {
    const site = await createFaultSite('Crash');
    await queueLoads(site, N);

    const first = startWorkerProcess();
    await waitFor(async () => alive(first) && ((await statusCounts(site.id)).SENT ?? 0) >= N / 2, {
      timeoutMs: 60_000,
      what: 'the first worker to send half the loads',
      everyMs: 10,
    });
    first.child.kill('SIGKILL');
    await exited(first.child);
    const sentAtKill = (await statusCounts(site.id)).SENT ?? 0;
    const inFlightAtKill = await db().deliveryJob.count({ where: { load: { siteId: site.id }, postInFlight: true } });
    const leasedAtKill = await db().deliveryJob.count({ where: { load: { siteId: site.id }, lockedUntil: { gt: new Date() } } });

    // Time passing: the dead worker's leases (90 s) run out. Nothing else of the queue is touched.
    await db().$executeRaw`
    UPDATE delivery_job j SET locked_until = now() FROM load l
     WHERE l.id = j.load_id AND l.site_id = ${site.id}::uuid AND j.locked_until > now()`;

    const second = startWorkerProcess();
    const tally = await drainWithManager(sandbox!, site, { timeoutMs: 60_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\nThe restarted worker said:\n${second.output()}`);
    });
    alive(second);
    second.child.kill('SIGTERM'); // a clean stop: waits for its sends in flight
    await exited(second.child);

    await expectEveryLoadSentExactlyOnce(sandbox!, site, N);
    const checks = await checksNeeded(site.id);
    report(
      `SIGKILL: ${N} loads, ${sentAtKill} sent at the kill, ${leasedAtKill} leased and ${inFlightAtKill} POSTs in flight; ` +
        `checks needed ${checks.loads}, manager ${JSON.stringify(tally)}`,
    );
    expect(sentAtKill).toBeGreaterThan(0);
    expect(sentAtKill).toBeLessThan(N);
    // Exactly the POSTs the dead worker had out needed a check, and no more than it could have had out.
    expect(inFlightAtKill).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    expect(checks).toEqual({ ambiguous: 0, interrupted: inFlightAtKill, loads: inFlightAtKill });
    expect(tally.recordedByHand + tally.sentAgainAsNew).toBe(inFlightAtKill);
    expect(second.child.exitCode).toBe(0);
  },
);
