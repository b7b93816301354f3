// Holds on an apiCode's sends, and what DWT says about its service charge (table dwt_api_code; decision
// record docs/decisions/hold-sends-by-api-code.md). DWT answers for the operator's apiCode, not for a
// load: a 402 (service charge unpaid) or a refused apiCode would be answered the same to every load sent
// with that code, so the queue holds the code instead of failing its loads one by one.
//
// - While a hold stands, claimJobs (queue.ts) skips the jobs of sites whose apiCode (or the default one)
//   is held; their loads stay 'Waiting to send'. Changing a site's apiCode therefore resumes its loads in
//   the same transaction as the change: the claim reads the site's current code.
// - About hourly (PROBE_EVERY_MS) one send may try the code again (takeProbe); success ends the hold.
// - "We have paid – try now" (service.ts tryApiCodeNow) ends it at once, audited.
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

export const HOLD_REASONS = ['payment-required', 'api-code-refused'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** How often a held apiCode is tried again by itself. */
export const PROBE_EVERY_MS = 60 * 60_000;

export interface Hold {
  reason: HoldReason;
  message: string;
  heldSince: Date;
  probeAt: Date;
}

// Whether any hold stands at all, looked up at most every ANY_HOLD_CACHE_MS per process: almost always
// none, and then a send costs no query here. Another process's new hold is seen within that time (a send
// in between is answered 402 again and holds again: harmless).
const ANY_HOLD_CACHE_MS = 2_000;
let anyHold: { at: number; value: Promise<boolean> } | undefined;

/** Forget the cached "any hold?" answer (a hold was put or ended in this process, or by a test). */
export function noteHoldsChanged(): void {
  anyHold = undefined;
}

function anyHoldStands(): Promise<boolean> {
  if (!anyHold || Date.now() - anyHold.at > ANY_HOLD_CACHE_MS) {
    const value = db().$queryRaw<{ held: boolean }[]>`SELECT EXISTS (SELECT 1 FROM dwt_api_code WHERE hold_reason IS NOT NULL) AS held`.then(
      (rows) => rows[0]?.held ?? false,
    );
    anyHold = { at: Date.now(), value };
    value.catch(() => noteHoldsChanged());
  }
  return anyHold.value;
}

/** Puts (or keeps) a hold on an apiCode; the next probe about an hour from now. */
export async function holdApiCode(tx: Tx, apiCode: string, reason: HoldReason, message: string): Promise<void> {
  noteHoldsChanged();
  const text = message.slice(0, 2000);
  await tx.$executeRaw`
    INSERT INTO dwt_api_code (api_code, hold_reason, hold_message, held_since, probe_at, updated_at)
    VALUES (${apiCode}::uuid, ${reason}, ${text}, now(), now() + make_interval(secs => ${PROBE_EVERY_MS / 1000}), now())
    ON CONFLICT (api_code) DO UPDATE
       SET held_since = CASE WHEN dwt_api_code.hold_reason = EXCLUDED.hold_reason THEN dwt_api_code.held_since ELSE now() END,
           hold_reason = EXCLUDED.hold_reason, hold_message = EXCLUDED.hold_message,
           probe_at = EXCLUDED.probe_at, updated_at = now()`;
}

/** Ends an apiCode's hold; returns the hold that stood, if any. */
export async function releaseApiCode(tx: Tx, apiCode: string): Promise<Hold | null> {
  const rows = await tx.$queryRaw<{ hold_reason: HoldReason; hold_message: string; held_since: Date; probe_at: Date }[]>`
    WITH old AS (SELECT hold_reason, hold_message, held_since, probe_at FROM dwt_api_code WHERE api_code = ${apiCode}::uuid AND hold_reason IS NOT NULL FOR UPDATE)
    UPDATE dwt_api_code d
       SET hold_reason = NULL, hold_message = NULL, held_since = NULL, probe_at = NULL, updated_at = now()
      FROM old WHERE d.api_code = ${apiCode}::uuid
    RETURNING old.hold_reason, old.hold_message, old.held_since, old.probe_at`;
  const row = rows[0];
  noteHoldsChanged();
  return row ? { reason: row.hold_reason, message: row.hold_message, heldSince: row.held_since, probeAt: row.probe_at } : null;
}

/** Makes the waiting jobs of every site sending with this apiCode due now (a hold has just ended). */
export async function wakeJobsOf(tx: Tx, apiCode: string, defaultApiCode: string | null): Promise<void> {
  await tx.$executeRaw`
    UPDATE delivery_job j SET available_at = now()
      FROM load l JOIN site s ON s.id = l.site_id
     WHERE l.id = j.load_id AND COALESCE(s.api_code, ${defaultApiCode}::uuid) = ${apiCode}::uuid
       AND j.available_at > now() AND (j.locked_until IS NULL OR j.locked_until < now())`;
}

/**
 * Whether a send with this apiCode may go now: 'free' (no hold), 'probe' (held, and this send is the
 * one that tries again; the next probe is moved an hour on, so no other send takes it), or the hold.
 */
export async function takeProbe(apiCode: string): Promise<{ gate: 'free' } | { gate: 'probe' } | ({ gate: 'held' } & Hold)> {
  if (!(await anyHoldStands())) return { gate: 'free' };
  // One round trip: take the probe if it is due, and read the hold either way.
  const rows = await db().$queryRaw<{ probe: boolean; hold_reason: HoldReason; hold_message: string | null; held_since: Date; probe_at: Date }[]>`
    WITH taken AS (
      UPDATE dwt_api_code SET probe_at = now() + make_interval(secs => ${PROBE_EVERY_MS / 1000}), updated_at = now()
       WHERE api_code = ${apiCode}::uuid AND hold_reason IS NOT NULL AND probe_at <= now()
      RETURNING api_code)
    SELECT EXISTS (SELECT 1 FROM taken) AS probe, hold_reason, hold_message, held_since, probe_at
      FROM dwt_api_code WHERE api_code = ${apiCode}::uuid AND hold_reason IS NOT NULL`;
  const row = rows[0];
  if (!row) return { gate: 'free' };
  if (row.probe) return { gate: 'probe' };
  return { gate: 'held', reason: row.hold_reason, message: row.hold_message ?? '', heldSince: row.held_since, probeAt: row.probe_at };
}

/**
 * The SQL that records the service charge's expiry header of a successful answer: an ISO date (kept as
 * a date) or words. `from` makes it conditional (e.g. `FROM changed` inside a larger statement).
 */
export function serviceChargeSql(apiCode: string, header: string, from: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(header)?.[1];
  const valid = date && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : null;
  const text = header.slice(0, 100);
  return Prisma.sql`
    INSERT INTO dwt_api_code (api_code, service_charge_expiry, service_charge_expiry_text, service_charge_seen_at, updated_at)
    SELECT ${apiCode}::uuid, ${valid}::date, ${text}, now(), now() ${from}
    ON CONFLICT (api_code) DO UPDATE
       SET service_charge_expiry = EXCLUDED.service_charge_expiry, service_charge_expiry_text = EXCLUDED.service_charge_expiry_text,
           service_charge_seen_at = now(), updated_at = now()`;
}

export async function recordServiceCharge(tx: Tx, apiCode: string, header: string): Promise<void> {
  await tx.$executeRaw(serviceChargeSql(apiCode, header));
}

/** Every apiCode DWT has told us something about. */
export async function apiCodeStates() {
  return db().dwtApiCode.findMany({ orderBy: { apiCode: 'asc' } });
}
