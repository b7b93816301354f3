// The outbox's SQL: enqueue in the caller's transaction, claim with a lease (FOR UPDATE SKIP LOCKED, so
// any number of app instances and workers share one database safely), finish or reschedule.
import 'server-only';
import { db, type Tx } from '@/lib/db';

/** How long a claimed job is a worker's alone; past it (the worker died) another may take it. */
export const LEASE_MS = 90_000;

/** Queue a load's send, or bring a queued one forward (a correction collapses into the same job). */
export async function enqueueDelivery(tx: Tx, loadId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO delivery_job (load_id, available_at) VALUES (${loadId}::uuid, now())
    ON CONFLICT (load_id) DO UPDATE SET available_at = LEAST(delivery_job.available_at, now()), attempts = 0, last_error = NULL`;
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
}): Promise<{ loadId: string; attempts: number; postInFlight: boolean }[]> {
  const fallback = defaultApiCode && /^[0-9a-f-]{36}$/i.test(defaultApiCode) ? defaultApiCode : null;
  const rows = await db().$queryRaw<{ load_id: string; attempts: number; post_in_flight: boolean }[]>`
    UPDATE delivery_job j
       SET locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${LEASE_MS / 1000}), attempts = j.attempts + 1
     WHERE j.load_id IN (
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
    RETURNING j.load_id, j.attempts, j.post_in_flight`;
  return rows.map((r) => ({ loadId: r.load_id, attempts: r.attempts, postInFlight: r.post_in_flight }));
}

/** Marks a POST as out, before it is sent (committed on its own), so a crash mid-POST is detected. */
export async function markPostInFlight(loadId: string, workerId: string): Promise<boolean> {
  const n = await db().$executeRaw`UPDATE delivery_job SET post_in_flight = true WHERE load_id = ${loadId}::uuid AND locked_by = ${workerId}`;
  return n === 1;
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
