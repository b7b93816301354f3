// Delivery under faults: loads saved through the real service, sent by real workers (startDeliveryWorker)
// through the real DWT client to the sandbox over HTTP, with the sandbox misbehaving on purpose. Each
// test ends with every load sent exactly once (one accepted POST per ticket, its id stored) and none
// lost. A POST answered 5xx, or cut off after it was sent, may have been stored by DWT, so the load
// needs a check: the test plays the manager (test/delivery-harness.ts, playManager) as a person would,
// looking the load up in DWT and recording its id, or sending it again as new.
//
// Time: the queue's back-off (retryDelayMs: 2 s, doubling) would make these tests wait for minutes,
// so the harness plays time passing by making waiting jobs due (passBackOffTime). Nothing else of the
// queue is touched. The file has a database of its own (useOwnDatabase): workers claim every due job.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { startDwtSandbox, type DwtSandbox, type SandboxKnobs } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';
import {
  checksNeeded,
  count5xx,
  createFaultSite,
  drainWithManager,
  expectEveryLoadSentExactlyOnce,
  passBackOffTime,
  playManager,
  pointAppAt,
  postAnswers,
  queueLoads,
  report,
  sleep,
  statusCounts,
  useOwnDatabase,
  waitFor,
  type ManagerTally,
} from '@/test/delivery-harness';
import { startDeliveryWorker, type DeliveryWorker, type WorkerOptions } from './worker';

/** Short in-client retries, so some 429s are absorbed by the client and the rest go back to the queue. */
const CLIENT_RETRY = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, maxTotalDelayMs: 200 };
const CONCURRENCY = 16;

let database: Awaited<ReturnType<typeof useOwnDatabase>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  process.env.LOG_LEVEL = 'error'; // hundreds of retries on purpose: keep the output to real errors
  resetEnvCache();
  database = await useOwnDatabase('delivery_faults');
});

afterEach(async () => {
  // Workers first (registered last), then their sandbox.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await database?.drop();
});

async function startSandbox(knobs: Partial<SandboxKnobs>): Promise<DwtSandbox> {
  const sandbox = await startDwtSandbox({ port: 0, knobs });
  cleanups.push(() => sandbox.close());
  pointAppAt(sandbox);
  return sandbox;
}

function startWorker(options: Partial<WorkerOptions> = {}): DeliveryWorker {
  const worker = startDeliveryWorker({
    maxSendRate: 2_000, // the cap is the benchmark's subject, not these tests'
    concurrency: CONCURRENCY,
    idlePollMs: 25,
    clientOptions: { retry: CLIENT_RETRY },
    ...options,
  });
  cleanups.push(() => worker.stop());
  return worker;
}

async function attemptsByOutcome(siteId: string): Promise<Record<string, number>> {
  const rows = await db().sendAttempt.groupBy({ by: ['outcome'], where: { load: { siteId } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.outcome, r._count._all]));
}

// Timeouts are guards for a loaded machine (each test takes a few seconds on its own), not figures.
const GUARD = { timeout: 120_000 };

describe('30% of requests answered 429 or 5xx, with random latency', GUARD, () => {
  it('sends every load exactly once through 429s alone, and no load needs a check', async () => {
    const N = 150;
    const sandbox = await startSandbox({ rate429: 0.3, latencyMs: { min: 2, max: 30 } });
    const site = await createFaultSite('Faults 429');
    await queueLoads(site, N);
    startWorker();

    const tally = await drainWithManager(sandbox, site);

    await expectEveryLoadSentExactlyOnce(sandbox, site, N);
    const checks = await checksNeeded(site.id);
    const outcomes = await attemptsByOutcome(site.id);
    report(`429 only: ${N} loads, POST answers ${JSON.stringify(postAnswers(sandbox))}, attempts ${JSON.stringify(outcomes)}, checks needed ${checks.loads}`);
    expect(postAnswers(sandbox)['429']).toBeGreaterThan(0);
    expect(outcomes['rate-limited']).toBeGreaterThan(0); // some went back to the queue and came round again
    expect(checks).toEqual({ ambiguous: 0, interrupted: 0, loads: 0 });
    expect(tally).toEqual({ recordedByHand: 0, sentAgainAsNew: 0 });
  });

  it('sends every load exactly once through 429s and 5xx: only the loads answered 5xx need a check, and DWT has none of them', async () => {
    const N = 200;
    // 0.15 answered 429, then 0.18 of the rest answered 500/502/503: about 30% in all.
    const sandbox = await startSandbox({ rate429: 0.15, rate5xx: 0.18, latencyMs: { min: 2, max: 30 } });
    const site = await createFaultSite('Faults 429 5xx');
    await queueLoads(site, N);
    startWorker();

    const tally = await drainWithManager(sandbox, site);

    await expectEveryLoadSentExactlyOnce(sandbox, site, N);
    const answers = postAnswers(sandbox);
    const checks = await checksNeeded(site.id);
    report(
      `429 + 5xx: ${N} loads, POST answers ${JSON.stringify(answers)}, checks needed ${checks.ambiguous} (on ${checks.loads} loads), manager ${JSON.stringify(tally)}`,
    );
    expect(answers['429']).toBeGreaterThan(0);
    expect(count5xx(answers)).toBeGreaterThan(0);
    // Exactly the POSTs answered 5xx needed a check: a 429 never does.
    expect(checks.ambiguous).toBe(count5xx(answers));
    expect(checks.interrupted).toBe(0);
    expect(checks.loads).toBeLessThan(N / 2);
    // The sandbox stores nothing it answers 5xx, so each was sent again as new, and the manager settled each check once.
    expect(tally).toEqual({ recordedByHand: 0, sentAgainAsNew: checks.ambiguous });
  });
});

describe('two app instances sending from one database at once', GUARD, () => {
  it('shares the queue between them and never sends a load twice', async () => {
    const N = 200;
    const sandbox = await startSandbox({ rate429: 0.1, latencyMs: { min: 2, max: 30 } });
    const site = await createFaultSite('Faults two instances');
    await queueLoads(site, N);
    const tag = randomUUID().slice(0, 8);
    const a = startWorker({ id: `instance-a-${tag}` });
    const b = startWorker({ id: `instance-b-${tag}` });

    const tally = await drainWithManager(sandbox, site);
    await Promise.all([a.stop(), b.stop()]); // so their counts include every send that finished

    await expectEveryLoadSentExactlyOnce(sandbox, site, N);
    const attempts = await db().sendAttempt.findMany({ where: { load: { siteId: site.id } }, select: { loadId: true, outcome: true } });
    const created = new Map<string, number>();
    for (const attempt of attempts) if (attempt.outcome === 'created') created.set(attempt.loadId, (created.get(attempt.loadId) ?? 0) + 1);
    report(
      `two instances: ${N} loads, a sent ${a.sent()}, b sent ${b.sent()}, attempts ${attempts.length}, POST answers ${JSON.stringify(postAnswers(sandbox))}`,
    );
    expect(a.sent()).toBeGreaterThan(0);
    expect(b.sent()).toBeGreaterThan(0);
    // Every job either instance took was processed and recorded by that instance alone: a job taken
    // by both would show as a send without its attempt ("another worker took this load over") or as
    // a POST found in flight (a check needed).
    expect(a.sent() + b.sent()).toBe(attempts.length);
    expect([...created.values()].filter((n) => n !== 1)).toEqual([]);
    expect(created.size).toBe(N);
    expect(await checksNeeded(site.id)).toEqual({ ambiguous: 0, interrupted: 0, loads: 0 });
    expect(tally).toEqual({ recordedByHand: 0, sentAgainAsNew: 0 });
  });
});

describe('DWT down for a while, then back', GUARD, () => {
  it('keeps every load waiting with its failed attempts recorded while DWT refuses connections, then sends each exactly once', async () => {
    const N = 150;
    const sandbox = await startSandbox({ down: 'refuse' });
    const site = await createFaultSite('Faults down');
    await queueLoads(site, N);
    startWorker();

    // "A while": every load tried at least twice (back-off time passing between tries).
    const unavailableTries = async () =>
      db().sendAttempt.groupBy({ by: ['loadId'], where: { load: { siteId: site.id }, outcome: 'unavailable' }, _count: { _all: true } });
    await waitFor(
      async () => {
        await passBackOffTime(site.id);
        const tries = await unavailableTries();
        return tries.length === N && tries.every((t) => t._count._all >= 2);
      },
      { timeoutMs: 60_000, what: 'every load to be tried twice while DWT is down', describe: async () => ({ statuses: await statusCounts(site.id) }) },
    );
    expect(await statusCounts(site.id)).toEqual({ PENDING: N });
    const jobs = await db().deliveryJob.findMany({ where: { load: { siteId: site.id } }, select: { attempts: true, lastError: true } });
    expect(jobs).toHaveLength(N);
    expect(jobs.filter((j) => j.attempts < 2 || !j.lastError?.startsWith('unavailable'))).toEqual([]);
    expect(sandbox.stats().postAttempts).toBe(0);

    await sandbox.setKnobs({ down: false });
    const tally = await drainWithManager(sandbox, site);

    await expectEveryLoadSentExactlyOnce(sandbox, site, N);
    const outcomes = await attemptsByOutcome(site.id);
    report(`down then back: ${N} loads, attempts ${JSON.stringify(outcomes)}`);
    expect(await checksNeeded(site.id)).toEqual({ ambiguous: 0, interrupted: 0, loads: 0 });
    expect(tally).toEqual({ recordedByHand: 0, sentAgainAsNew: 0 });
  });

  it('when DWT goes away in the middle of a flush, only the sends cut off in flight need a check, and the manager settles each', async () => {
    const N = 150;
    const sandbox = await startSandbox({ latencyMs: { min: 20, max: 60 } });
    const site = await createFaultSite('Faults down mid-flush');
    await queueLoads(site, N);
    startWorker();

    await waitFor(async () => ((await statusCounts(site.id)).SENT ?? 0) >= N / 4, {
      timeoutMs: 60_000,
      what: 'a quarter of the loads to be sent',
      everyMs: 10,
    });
    // Cut DWT off while POSTs are in flight (on a busy machine the worker may be between sends).
    await waitFor(async () => sandbox.stats().postsInFlight > 0, { timeoutMs: 60_000, what: 'a POST to be in flight', everyMs: 1 });
    await sandbox.setKnobs({ down: 'refuse' }); // drops every open connection, requests in flight included
    await waitFor(async () => ((await attemptsByOutcome(site.id)).unavailable ?? 0) >= CONCURRENCY, {
      timeoutMs: 60_000,
      what: 'sends to be refused while DWT is down',
    });
    // The manager checks while DWT is still down: DWT's own service has what it stored.
    const early: ManagerTally = { recordedByHand: 0, sentAgainAsNew: 0 };
    await sleep(400);
    await playManager(sandbox, site, early);
    await sandbox.setKnobs({ down: false });
    const tally = await drainWithManager(sandbox, site);

    await expectEveryLoadSentExactlyOnce(sandbox, site, N);
    const checks = await checksNeeded(site.id);
    const settled = { recordedByHand: early.recordedByHand + tally.recordedByHand, sentAgainAsNew: early.sentAgainAsNew + tally.sentAgainAsNew };
    report(
      `down mid-flush: ${N} loads, checks needed ${checks.ambiguous}, manager ${JSON.stringify(settled)}, attempts ${JSON.stringify(await attemptsByOutcome(site.id))}`,
    );
    // Only POSTs cut off in flight are ambiguous: at most one per concurrent send.
    expect(checks.ambiguous).toBeGreaterThan(0);
    expect(checks.ambiguous).toBeLessThanOrEqual(CONCURRENCY);
    expect(checks.interrupted).toBe(0);
    expect(settled.recordedByHand + settled.sentAgainAsNew).toBe(checks.ambiguous);
  });
});
