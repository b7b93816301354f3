// The outbox's SQL: enqueue in the caller's transaction, claim with a lease (FOR UPDATE SKIP LOCKED, so
// any number of app instances and workers share one database safely), finish or reschedule.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, queryRows, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';

/** How long a claimed job is a worker's alone; past it (the worker died) another may take it. */
export const LEASE_MS = 90_000;

/** A send leased to the request that saved the load, so it sends it at once and no worker takes it first. */
export interface SendClaim {
  workerId: string;
  attempts: number;
  postInFlight: boolean;
  /** The load as that request just wrote it (a new load): its send need not read it back. */
  saved?: LoadAsSaved;
}

/** What a send reads of a load and its site (processJob), as the save wrote it. */
export interface LoadAsSaved {
  status: LoadStatus;
  wasteTrackingId: string | null;
  dwtWarnings: unknown;
  dwtErrors: unknown;
  version: number;
  movement: unknown;
  site: {
    name: string;
    authorisationNumber: string;
    fullAddress: string;
    postcode: string;
    contactEmail: string;
    contactPhone: string;
    regulatoryPositionStatements: number[];
    apiCode: string | null;
  };
}

/**
 * Queues the load's send, or brings a queued one forward (a correction collapses into the same job), in
 * the caller's transaction. With `claim`, the job is also leased to the saving request, which sends it as soon as the save commits (deliverLoad):
 * no worker can take it in between, and the send needs no claim of its own. Not when a worker holds
 * the job (a send of an earlier version is in flight): then null, and deliverLoad waits for the worker.
 * Should the request die before sending, the lease runs out and a worker sends the load.
 */
export async function enqueueDelivery(tx: Tx, loadId: string, { claim = false } = {}): Promise<SendClaim | null> {
  const { sql, claimOf } = enqueueDeliverySql(loadId, { claim });
  const [row] = await tx.$queryRaw<EnqueuedRow[]>(sql);
  return claimOf(row);
}

interface EnqueuedRow {
  claimed: boolean;
  attempts: number;
  post_in_flight: boolean;
}

/**
 * enqueueDelivery as one SQL statement (RETURNING claimed, attempts, post_in_flight), for a save written
 * as a single statement of its own (a new load: lib/loads/save.ts); `onlyIf` as in auditEntrySql.
 * `claimOf` reads the returned row.
 */
export function enqueueDeliverySql(loadId: string, { claim = false, onlyIf = Prisma.sql`TRUE` }: { claim?: boolean; onlyIf?: Prisma.Sql } = {}) {
  const workerId = claim ? `interactive-${randomUUID()}` : null;
  const lease = Prisma.sql`now() + make_interval(secs => ${LEASE_MS / 1000})`;
  // An existing job is leased to us only if no worker holds it.
  const claimable = Prisma.sql`${workerId}::text IS NOT NULL AND (j.locked_until IS NULL OR j.locked_until < now())`;
  const sql = Prisma.sql`
    INSERT INTO delivery_job AS j (load_id, available_at, locked_by, locked_until, attempts)
    SELECT ${loadId}::uuid, now(), ${workerId}, CASE WHEN ${workerId}::text IS NULL THEN NULL ELSE ${lease} END, CASE WHEN ${workerId}::text IS NULL THEN 0 ELSE 1 END
    WHERE ${onlyIf}
    ON CONFLICT (load_id) DO UPDATE SET
      available_at = LEAST(j.available_at, now()), last_error = NULL,
      attempts = CASE WHEN ${claimable} THEN 1 ELSE 0 END,
      locked_by = CASE WHEN ${claimable} THEN ${workerId} ELSE j.locked_by END,
      locked_until = CASE WHEN ${claimable} THEN ${lease} ELSE j.locked_until END
    RETURNING j.locked_by IS NOT DISTINCT FROM ${workerId} AND ${workerId}::text IS NOT NULL AS claimed, j.attempts, j.post_in_flight`;
  const claimOf = (row: EnqueuedRow | null | undefined): SendClaim | null =>
    workerId && row?.claimed ? { workerId, attempts: row.attempts, postInFlight: row.post_in_flight } : null;
  return { sql, claimOf };
}

/**
 * Takes up to `limit` jobs that are due and not leased (or one load's job), for `workerId`. Jobs of a site
 * whose apiCode (its own, else `defaultApiCode`) is held (lib/delivery/holds.ts) are left until the hold's
 * next probe; one load's job is taken all the same (processJob then finds the hold and sends nothing).
 */
export async function claimJobs({
  workerId,
  limit,
  loadId,
  defaultApiCode,
}: {
  workerId: string;
  limit: number;
  loadId?: string;
  defaultApiCode?: string | null;
}): Promise<ClaimedJob[]> {
  const fallback = defaultApiCode && /^[0-9a-f-]{36}$/i.test(defaultApiCode) ? defaultApiCode : null;
  // The loads are read in the same statement (not locked: a correction meanwhile is caught by the
  // version check when the send is recorded), so a send needs no read of its own.
  const rows = await queryRows<ClaimedRow>(Prisma.sql`
    UPDATE delivery_job j
       SET locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${LEASE_MS / 1000}), attempts = j.attempts + 1
      FROM load l JOIN site s ON s.id = l.site_id
     WHERE l.id = j.load_id AND j.load_id IN (
       SELECT q.load_id FROM delivery_job q
        WHERE (q.locked_until IS NULL OR q.locked_until < now())
          AND (${loadId ?? null}::uuid IS NULL AND q.available_at <= now() OR q.load_id = ${loadId ?? null}::uuid)
          AND (${loadId ?? null}::uuid IS NOT NULL OR NOT EXISTS (
                SELECT 1 FROM load l JOIN site s ON s.id = l.site_id
                  JOIN dwt_api_code h ON h.api_code = COALESCE(s.api_code, ${fallback}::uuid)
                 WHERE l.id = q.load_id AND h.hold_reason IS NOT NULL AND h.probe_at > now()))
        ORDER BY q.available_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING j.load_id, j.attempts, j.post_in_flight, ${LOAD_AS_SAVED_COLUMNS}`);
  return rows.map((r) => ({ loadId: r.load_id, attempts: r.attempts, postInFlight: r.post_in_flight, saved: loadAsSavedOf(r) }));
}

/** What a send reads of a load (l) and its site (s): the columns of LoadAsSaved, read by loadAsSavedOf. */
const LOAD_AS_SAVED_COLUMNS = Prisma.sql`l.status, l.waste_tracking_id, l.dwt_warnings, l.dwt_errors, l.version, l.movement,
  s.name, s.authorisation_number, s.full_address, s.postcode, s.contact_email, s.contact_phone, s.regulatory_position_statements,
  s.api_code::text AS api_code`;

function loadAsSavedOf(r: LoadAsSavedRow): LoadAsSaved {
  return {
    status: r.status,
    wasteTrackingId: r.waste_tracking_id,
    dwtWarnings: r.dwt_warnings,
    dwtErrors: r.dwt_errors,
    version: r.version,
    movement: r.movement,
    site: {
      name: r.name,
      authorisationNumber: r.authorisation_number,
      fullAddress: r.full_address,
      postcode: r.postcode,
      contactEmail: r.contact_email,
      contactPhone: r.contact_phone,
      regulatoryPositionStatements: r.regulatory_position_statements,
      apiCode: r.api_code,
    },
  };
}

/** A load as a send reads it, when no claim carried it (a correction sent at once): as claimJobs reads it. */
export async function readLoadAsSaved(loadId: string): Promise<LoadAsSaved> {
  const [row] = await queryRows<LoadAsSavedRow>(
    Prisma.sql`SELECT ${LOAD_AS_SAVED_COLUMNS} FROM load l JOIN site s ON s.id = l.site_id WHERE l.id = ${loadId}::uuid`,
  );
  if (!row) throw new Error(`load ${loadId} not found`);
  return loadAsSavedOf(row);
}

/** A job leased by claimJobs, with its load as the claim read it. */
export interface ClaimedJob {
  loadId: string;
  attempts: number;
  postInFlight: boolean;
  saved: LoadAsSaved;
}

interface ClaimedRow extends LoadAsSavedRow {
  load_id: string;
  attempts: number;
  post_in_flight: boolean;
}

interface LoadAsSavedRow {
  status: LoadStatus;
  waste_tracking_id: string | null;
  dwt_warnings: unknown;
  dwt_errors: unknown;
  version: number;
  movement: unknown;
  name: string;
  authorisation_number: string;
  full_address: string;
  postcode: string;
  contact_email: string;
  contact_phone: string;
  regulatory_position_statements: number[];
  api_code: string | null;
}

/** Marks a POST as out, before it is sent (committed on its own), so a crash mid-POST is detected. */
export async function markPostInFlight(loadId: string, workerId: string): Promise<boolean> {
  const rows = await queryRows(
    Prisma.sql`UPDATE delivery_job SET post_in_flight = true WHERE load_id = ${loadId}::uuid AND locked_by = ${workerId} RETURNING load_id`,
  );
  return rows.length === 1;
}

/** Removes a load's queued send: it was sent, settled by hand, or the load has nothing to send now. */
export async function dequeueDelivery(tx: Tx, loadId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM delivery_job WHERE load_id = ${loadId}::uuid`;
}

/** Releases the lease and makes the job due again after `delayMs`. */
export async function rescheduleJob(tx: Tx, loadId: string, delayMs: number, lastError: string | null): Promise<void> {
  await tx.$executeRaw`
    UPDATE delivery_job
       SET locked_by = NULL, locked_until = NULL, post_in_flight = false, last_error = ${lastError},
           available_at = now() + make_interval(secs => ${delayMs / 1000})
     WHERE load_id = ${loadId}::uuid`;
}

/** A worker says it is alive; returns how many are (for sharing the send-rate cap). */
export async function heartbeat(workerId: string): Promise<number> {
  await db().$executeRaw`
    INSERT INTO delivery_worker (id, seen_at) VALUES (${workerId}, now())
    ON CONFLICT (id) DO UPDATE SET seen_at = now()`;
  const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM delivery_worker WHERE seen_at > now() - interval '15 seconds'`;
  return Math.max(1, Number(rows[0]?.n ?? 1));
}

export async function forgetWorker(workerId: string): Promise<void> {
  await db().$executeRaw`DELETE FROM delivery_worker WHERE id = ${workerId}`;
}
