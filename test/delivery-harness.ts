// Test-only helpers for the delivery fault tests (lib/delivery/*.int.test.ts): a database of the test
// file's own, a site with loads queued through the real service, a sandbox the app is pointed at, a
// manager who settles "check needed" loads the way a person would, and the exactly-once checks.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db, disconnectDb } from '@/lib/db';
import { recordWasteTrackingId, sendAgainAsNew } from '@/lib/delivery/service';
import type { DwtSandbox } from '@/lib/dwt/sandbox/server';
import { resetEnvCache } from '@/lib/env';
import { saveLoad } from '@/lib/loads/service';
import { migrate } from '@/lib/postgres/migrate';
import { createSite } from '@/lib/sites/service';
import { loadForm, RECEIVING_SITE } from './load-fixtures';

const MIGRATIONS = path.join(import.meta.dirname, '..', 'prisma', 'migrations');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A database of this test file's own, on the integration PostgreSQL. The outbox is global: a worker
 * claims every due job in its database, so a worker started against the shared test database would
 * take (and send to its own sandbox) loads that other test files, running in parallel, have queued.
 * Must run before anything in the file touches db(). Needs a role that may CREATE DATABASE (the
 * embedded PostgreSQL of npm test and of the integration global setup runs as its superuser).
 */
export async function useOwnDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  if ((globalThis as { weighbookPrisma?: unknown }).weighbookPrisma) throw new Error('useOwnDatabase must run before the first db() call');
  const shared = process.env.DATABASE_URL;
  if (!shared) throw new Error('DATABASE_URL is not set (test/integration-setup.ts sets it)');
  const name = `weighbook_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await migrate(url.toString(), MIGRATIONS);
  process.env.DATABASE_URL = url.toString();
  resetEnvCache();
  return {
    url: url.toString(),
    async drop() {
      // Leave the process as it was, should the runner reuse it for another file.
      await disconnectDb();
      process.env.DATABASE_URL = shared;
      resetEnvCache();
      const client = new pg.Client({ connectionString: shared });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export { dwtEnvFor, pointAppAt } from './dwt-env';

export interface FaultSite {
  id: string;
  name: string;
  clerk: Actor;
  manager: Actor;
}

/** A site with the receiver details DWT needs, and a clerk and a manager who work there. */
export async function createFaultSite(label: string): Promise<FaultSite> {
  const name = `${label} ${randomUUID().slice(0, 8)}`;
  const site = await createSite({
    actor: systemActor(),
    input: { name, ...RECEIVING_SITE },
  });
  const person = (roles: Actor['roles']): Actor => ({ id: randomUUID(), email: 'faults@example.com', name: 'Fault test', roles, siteIds: [site.id] });
  return { id: site.id, name, clerk: person(['CLERK']), manager: person(['MANAGER']) };
}

/** Saves `count` loads to be sent, through the real service (each committed with its queued send). */
export async function queueLoads(site: FaultSite, count: number, parallel = 8): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (left > 0) {
        left -= 1;
        await saveLoad({ actor: site.clerk, input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'send', form: loadForm() } });
      }
    }),
  );
}

export async function statusCounts(siteId: string): Promise<Record<string, number>> {
  const rows = await db().load.groupBy({ by: ['status'], where: { siteId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

export async function queuedJobs(siteId: string): Promise<number> {
  return db().deliveryJob.count({ where: { load: { siteId } } });
}

/**
 * Plays time passing for the queue: jobs waiting out a back-off (retryDelayMs: 2 s, doubling) become
 * due now. Leases are left alone: a job a worker holds is that worker's.
 */
export async function passBackOffTime(siteId: string): Promise<void> {
  await db().$executeRaw`
    UPDATE delivery_job j SET available_at = now()
      FROM load l
     WHERE l.id = j.load_id AND l.site_id = ${siteId}::uuid AND j.available_at > now() AND j.locked_until IS NULL`;
}

export interface ManagerTally {
  /** DWT had it: its id recorded by hand. */
  recordedByHand: number;
  /** DWT did not have it: sent again as new. */
  sentAgainAsNew: number;
}

/**
 * The manager's check of every load marked "check needed": looks it up in DWT's own service (here
 * the sandbox's stored movements, by the ticket number sent as yourUniqueReference and this site's
 * name), then records DWT's id if it has the load, or sends it again as new if it does not.
 */
export async function playManager(sandbox: DwtSandbox, site: FaultSite, tally: ManagerTally, { settleMs = 300 } = {}): Promise<number> {
  // A person looks some time after the load was marked, by when a request DWT was still working on
  // when the connection died has been stored (or not): here, longer than the sandbox's latency.
  const loads = await db().load.findMany({
    where: { siteId: site.id, status: 'CHECK_NEEDED', updatedAt: { lt: new Date(Date.now() - settleMs) } },
    select: { id: true, ticketNumber: true },
  });
  for (const load of loads) {
    const found = [...sandbox.movements.values()].find((m) => {
      const body = m.body as { yourUniqueReference?: string; receiver?: { siteName?: string } };
      return body.yourUniqueReference === load.ticketNumber && body.receiver?.siteName === site.name;
    });
    if (found) {
      await recordWasteTrackingId({ actor: site.manager, input: { loadId: load.id, wasteTrackingId: found.wasteTrackingId } });
      tally.recordedByHand += 1;
    } else {
      await sendAgainAsNew({ actor: site.manager, input: { loadId: load.id } });
      tally.sentAgainAsNew += 1;
    }
  }
  return loads.length;
}

/** Polls until `done` holds; on timeout fails with what `describe` says about the state. */
export async function waitFor(done: () => Promise<boolean>, opts: { timeoutMs: number; what: string; describe?: () => Promise<unknown>; everyMs?: number }) {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) {
      const state = opts.describe ? JSON.stringify(await opts.describe()) : '';
      throw new Error(`Timed out after ${opts.timeoutMs} ms waiting for ${opts.what}. ${state}`);
    }
    await sleep(opts.everyMs ?? 50);
  }
}

/**
 * Lets the workers empty the queue: plays the manager for every load that needs a check and lets
 * back-off time pass, until every load of the site is SENT and its queue is empty.
 */
export async function drainWithManager(sandbox: DwtSandbox, site: FaultSite, { timeoutMs = 60_000, passTime = true } = {}): Promise<ManagerTally> {
  const tally: ManagerTally = { recordedByHand: 0, sentAgainAsNew: 0 };
  await waitFor(
    async () => {
      await playManager(sandbox, site, tally);
      if (passTime) await passBackOffTime(site.id);
      const counts = await statusCounts(site.id);
      return Object.keys(counts).every((s) => s === 'SENT') && (await queuedJobs(site.id)) === 0;
    },
    { timeoutMs, what: 'every load to be SENT', describe: async () => ({ statuses: await statusCounts(site.id), queued: await queuedJobs(site.id) }) },
  );
  return tally;
}

/** Sends that ended "check needed": ambiguous answers to a POST, and POSTs a dead worker left. */
export async function checksNeeded(siteId: string): Promise<{ ambiguous: number; interrupted: number; loads: number }> {
  const rows = await db().sendAttempt.findMany({
    where: { load: { siteId }, outcome: { in: ['ambiguous', 'interrupted'] } },
    select: { loadId: true, outcome: true },
  });
  return {
    ambiguous: rows.filter((r) => r.outcome === 'ambiguous').length,
    interrupted: rows.filter((r) => r.outcome === 'interrupted').length,
    loads: new Set(rows.map((r) => r.loadId)).size,
  };
}

/** Sandbox answers to POST /movements/receive, by status. */
export function postAnswers(sandbox: DwtSandbox): Record<string, number> {
  return sandbox.stats().requests['POST /movements/receive'] ?? {};
}

export function count5xx(answers: Record<string, number>): number {
  return Object.entries(answers)
    .filter(([status]) => /^5\d\d$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * Every load of the site was sent exactly once and none is lost: `expected` loads, all SENT with a
 * waste tracking id and no queued job; DWT (the sandbox) accepted exactly one POST per ticket and
 * holds, under each stored id, the movement with that load's ticket.
 */
export async function expectEveryLoadSentExactlyOnce(sandbox: DwtSandbox, site: FaultSite, expected: number): Promise<void> {
  const loads = await db().load.findMany({ where: { siteId: site.id }, select: { ticketNumber: true, status: true, wasteTrackingId: true } });
  expect(loads).toHaveLength(expected);
  expect(loads.filter((l) => l.status !== 'SENT' || !l.wasteTrackingId)).toEqual([]);
  expect(await queuedJobs(site.id)).toBe(0);

  const accepted = sandbox.stats().acceptedPosts;
  const duplicates = Object.entries(accepted).filter(([, n]) => n !== 1);
  expect(duplicates).toEqual([]);
  expect(Object.keys(accepted).sort()).toEqual(loads.map((l) => l.ticketNumber).sort());

  const mismatched = loads.filter((l) => {
    const body = sandbox.movements.get(l.wasteTrackingId!)?.body as { yourUniqueReference?: string } | undefined;
    return body?.yourUniqueReference !== l.ticketNumber;
  });
  expect(mismatched).toEqual([]);
}

export function report(line: string): void {
  process.stdout.write(`[delivery faults] ${line}\n`);
}
