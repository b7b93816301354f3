// Delivery of saved loads to DWT, through a durable outbox (lib/delivery/queue.ts). A load reaches this
// module only after it is committed to PostgreSQL with its queued send, in one transaction: nothing here
// can lose it. One send = one SendAttempt row and one status change:
//
//   created / updated          → SENT (waste tracking id stored; DWT's warnings kept)
//   rejected (400)             → NEEDS_ATTENTION (DWT's errors kept, shown on the form's fields)
//   not-found (PUT)            → NEEDS_ATTENTION ("DWT does not know this waste tracking id")
//   ambiguous (POST), or a POST
//   interrupted by a crash     → CHECK_NEEDED (never resent blindly: a manager decides)
//   rate limited, unavailable,
//   not authorised, unexpected → PENDING, retried later with back-off (the reason is on the attempt)
//   payment required (402),
//   apiCode refused (400 apiCode) → PENDING, and the apiCode is held (lib/delivery/holds.ts): no send
//                                with that code until its hourly probe, an admin's "try now", or (for a
//                                site) a change of the site's apiCode
//
// A POST is sent once per load; a correction becomes a PUT of the whole latest record, and never before
// the POST has returned an id (one job per load, so sends of one load never overlap).
import 'server-only';
import { randomUUID } from 'node:crypto';

import { db, queryRows, type Tx } from '@/lib/db';
import type { CreateMovementOutcome, DwtClientOptions, UpdateMovementOutcome } from '@/lib/dwt/client';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { dwtClientFor, INTERACTIVE_RETRY } from '@/lib/dwt-settings/client';
import { dwtConfigInUse } from '@/lib/dwt-settings/service';
import type { DwtIssue } from '@/lib/dwt/responses';
import { validateReceiveMovement } from '@/lib/dwt/schema';

import { FORM_ERROR_KEY } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { logger } from '@/lib/logger';

import { getReferenceLookups } from '@/lib/reference-data/service';
import { holdApiCode, recordServiceCharge, releaseApiCode, serviceChargeSql, takeProbe, wakeJobsOf, type HoldReason } from './holds';
import { claimJobs, dequeueDelivery, markPostInFlight, readLoadAsSaved, rescheduleJob, type LoadAsSaved, type SendClaim } from './queue';
import { receivingSiteOf, toReceiveMovementBody } from '@/lib/sites/receiving-site';

export interface DeliveryResult {
  status: LoadStatus;
  wasteTrackingId: string | null;
  warnings: DwtValidationError[];
  errors: DwtValidationError[];
  /** Plain words for what happened, for the clerk. */
  message: string;
}

const log = logger.child({ module: 'delivery' });

type Outcome = CreateMovementOutcome | UpdateMovementOutcome | { kind: 'interrupted'; attempts: 0 };

/** A held job is looked at again after this long at the latest (the claim skips it while its code is held). */
const HELD_RECHECK_MS = 2_000;

/** What a clerk or manager is told about a load waiting behind a hold on its apiCode. */
export function describeHold(reason: HoldReason): string {
  return reason === 'payment-required'
    ? 'DWT will not take records until the organisation has paid its DWT service charge. The load is saved and waiting; it will be tried again about every hour, or at once when an administrator says the charge is paid.'
    : 'DWT does not accept this site’s apiCode (unknown, disabled or revoked). The load is saved and waiting; it will be sent once an administrator sets a working apiCode on the site’s page.';
}

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'created':
    case 'updated':
      return outcome.warnings.length > 0 ? 'DWT accepted the load with warnings.' : 'DWT accepted the load.';
    case 'rejected':
      return 'DWT refused the load. Correct the fields shown and save again.';
    case 'not-found':
      return 'DWT does not know this waste tracking id, so nothing was updated. It can be sent again as a new record.';
    case 'ambiguous':
    case 'interrupted':
      return 'DWT did not answer, and may or may not have stored the load. A manager decides whether to send it again.';
    case 'rate-limited':
      return 'DWT is busy. The load is saved and will be sent shortly.';
    case 'unavailable':
      return 'DWT cannot be reached. The load is saved and will be sent when DWT is back.';
    case 'not-authorised':
      return 'DWT refused our credentials or this site’s apiCode. The load is saved; an administrator needs to check the DWT connection.';
    case 'payment-required':
      return describeHold('payment-required');
    case 'api-code-refused':
      return describeHold('api-code-refused');
    case 'unexpected':
      return `DWT gave an unexpected answer (HTTP ${outcome.status}). The load is saved and will be tried again; an administrator can see it on the delivery page.`;
  }
}

function statusFor(outcome: Outcome): LoadStatus {
  switch (outcome.kind) {
    case 'created':
    case 'updated':
      return 'SENT';
    case 'rejected':
    case 'not-found':
      return 'NEEDS_ATTENTION';
    case 'ambiguous':
    case 'interrupted':
      return 'CHECK_NEEDED';
    default:
      return 'PENDING';
  }
}

/** Queue back-off: full jitter on an exponential ceiling; Retry-After honoured; config problems wait longer. */
export function retryDelayMs(outcome: Outcome, attempts: number, random = Math.random): number {
  // Unpaid service charge (402) or a refused apiCode: the apiCode is held (holds.ts), which keeps the job
  // from being claimed until its hourly probe; the job itself is due again once the hold ends.
  if (outcome.kind === 'payment-required' || outcome.kind === 'api-code-refused') return 0;
  if (outcome.kind === 'not-authorised' || outcome.kind === 'unexpected') return 15 * 60_000;
  const ceiling = Math.min(10 * 60_000, 2_000 * 2 ** Math.min(attempts - 1, 12));
  const jittered = Math.max(250, Math.floor(random() * ceiling));
  return outcome.kind === 'rate-limited' && outcome.retryAfterMs !== undefined ? Math.max(outcome.retryAfterMs, jittered) : jittered;
}

/** The load's fields a DeliveryResult is made of. */
const RESULT_FIELDS = { status: true, wasteTrackingId: true, dwtWarnings: true, dwtErrors: true } as const;

function resultOf(load: { status: LoadStatus; wasteTrackingId: string | null; dwtWarnings: unknown; dwtErrors: unknown }, message: string): DeliveryResult {
  return {
    status: load.status,
    wasteTrackingId: load.wasteTrackingId,
    warnings: load.dwtWarnings as DwtValidationError[],
    errors: load.dwtErrors as DwtValidationError[],
    message,
  };
}

function attemptDetail(outcome: Outcome, warnings: unknown[], errors: unknown[], apiCode: string | null) {
  return {
    // Which organisation's code went: a PUT refused on submittingOrganisation is explained with it.
    ...(apiCode ? { apiCode } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(errors.length ? { errors } : {}),
    ...('reason' in outcome ? { reason: outcome.reason } : {}),
    ...('message' in outcome ? { message: outcome.message } : {}),
    ...(outcome.kind === 'unexpected' ? { status: outcome.status } : {}),
    attempts: outcome.attempts,
  };
}

function httpStatusOf(outcome: Outcome): number | null {
  switch (outcome.kind) {
    case 'created':
      return 201;
    case 'updated':
      return 200;
    case 'rejected':
      return outcome.attempts > 0 ? 400 : null;
    case 'not-found':
      return 404;
    case 'rate-limited':
      return 429;
    case 'payment-required':
      return 402;
    case 'api-code-refused':
      return 400;
    case 'not-authorised':
    case 'unexpected':
      return outcome.status || null;
    default:
      return null;
  }
}

/** What DWT's answer says about the apiCode itself: hold it, end its hold, note its service charge. */
async function settleApiCode(tx: Tx, apiCode: string, outcome: Outcome, probing: boolean, defaultApiCode: string | null): Promise<void> {
  if (outcome.kind === 'payment-required') return holdApiCode(tx, apiCode, 'payment-required', outcome.message);
  if (outcome.kind === 'api-code-refused') return holdApiCode(tx, apiCode, 'api-code-refused', outcome.message);
  // No verdict (busy, down, no answer): a probe's hold stands, tried again at the next probe (takeProbe moved it on).
  if (outcome.kind !== 'created' && outcome.kind !== 'updated' && outcome.kind !== 'rejected' && outcome.kind !== 'not-found') return;
  // DWT read the movement (it accepted it or judged its content): the apiCode is good again.
  if (probing && (await releaseApiCode(tx, apiCode))) await wakeJobsOf(tx, apiCode, defaultApiCode);
  if ('serviceChargeExpiry' in outcome && outcome.serviceChargeExpiry) await recordServiceCharge(tx, apiCode, outcome.serviceChargeExpiry);
}

/**
 * Records a send that ended the job, as the transaction below would, in one statement (atomic by
 * itself, one round trip instead of five): the attempt, the load's new status (only if the load is still
 * the version sent), the job gone and the service charge DWT reported. Writes nothing and returns false
 * when the load was changed meanwhile: the transaction then sorts that out.
 */
async function recordFinishedSend({
  attempt,
  status,
  newId,
  warnings,
  errors,
  serviceCharge,
}: {
  attempt: { loadId: string; method: string; version: number; outcome: string; httpStatus: number | null; durationMs: number; detail: object };
  status: LoadStatus;
  newId: string | null;
  warnings: unknown[];
  errors: unknown[];
  serviceCharge: { apiCode: string; header: string } | null;
}): Promise<boolean> {
  const sent = status === 'SENT';
  const charge = serviceCharge
    ? Prisma.sql`, charge AS (${serviceChargeSql(serviceCharge.apiCode, serviceCharge.header, Prisma.sql`FROM changed`)})`
    : Prisma.empty;
  const rows = await queryRows<{ n: number }>(Prisma.sql`
    WITH changed AS (
      UPDATE load
         SET status = ${status}::"LoadStatus", dwt_warnings = ${JSON.stringify(warnings)}::jsonb, dwt_errors = ${JSON.stringify(errors)}::jsonb,
             waste_tracking_id = COALESCE(${newId}::text, waste_tracking_id),
             sent_version = CASE WHEN ${sent}::boolean THEN version ELSE sent_version END,
             sent_at = CASE WHEN ${sent}::boolean THEN now() ELSE sent_at END,
             updated_at = now()
       WHERE id = ${attempt.loadId}::uuid AND version = ${attempt.version}::int
       RETURNING id),
    attempt AS (
      INSERT INTO send_attempt (load_id, method, version, outcome, http_status, duration_ms, detail)
      SELECT id, ${attempt.method}::text, ${attempt.version}::int, ${attempt.outcome}::text, ${attempt.httpStatus}::int, ${attempt.durationMs}::int,
             ${JSON.stringify(attempt.detail)}::jsonb
        FROM changed),
    done AS (DELETE FROM delivery_job WHERE load_id IN (SELECT id FROM changed))
    ${charge}
    SELECT count(*)::int AS n FROM changed`);
  return rows[0]?.n === 1;
}

/**
 * Sends the load of a job this worker holds (see claimJobs), and records what came of it. The job ends
 * (deleted) unless the send is to be retried, or a newer version of the load is waiting to be sent.
 */
export async function processJob({
  loadId,
  workerId,
  postInFlight,
  attempts,
  clientOptions,
  beforeRequest,
  saved,
}: {
  loadId: string;
  workerId: string;
  postInFlight: boolean;
  attempts: number;
  /** The load as the saving request just wrote it (its claim), or as the claim read it: not read again. */
  saved?: LoadAsSaved;
  clientOptions?: DwtClientOptions;
  /** Waited for just before the request to DWT (not when nothing is sent): a worker's send-rate cap. */
  beforeRequest?: () => Promise<void>;
}): Promise<DeliveryResult> {
  const load = saved ?? (await readLoadAsSaved(loadId));
  let started = Date.now();
  if (load.status !== 'PENDING') {
    await db().$transaction((tx) => dequeueDelivery(tx, loadId));
    return resultOf(load, 'Nothing to send.');
  }

  let outcome: Outcome;
  let apiCodeSent: string | null = null;
  let defaultApiCode: string | null = null;
  let probing = false;
  const method = load.wasteTrackingId ? 'PUT' : 'POST';
  if (postInFlight && !load.wasteTrackingId) {
    // The worker that sent this POST stopped before recording DWT's answer: it may have been stored.
    outcome = { kind: 'interrupted', attempts: 0 };
  } else {
    const config = await dwtConfigInUse();
    // The operator's apiCode set on the site's page; the environment's until one is set.
    const apiCode = load.site.apiCode ?? config.apiCode;
    defaultApiCode = config.apiCode ?? null;
    const body = toReceiveMovementBody(load.movement as object, receivingSiteOf(load.site), apiCode ?? '');
    // DWT's own rules, with today's reference data, before anything leaves: a body DWT would refuse is
    // not worth a request (and the site's details may have changed since the load was saved).
    const local = validateReceiveMovement(body, await getReferenceLookups());
    if (!apiCode) {
      outcome = {
        kind: 'not-authorised',
        status: 0,
        message: 'No DWT apiCode is set for this site: an administrator sets it on the site’s page (Admin → Sites)',
        attempts: 0,
      };
    } else if (!local.ok) {
      outcome = { kind: 'rejected', errors: local.errors as unknown as DwtIssue[], attempts: 0 };
    } else {
      // DWT refuses this apiCode for now (402, or the code itself): send nothing, unless this send is the
      // hourly probe. No attempt is recorded: nothing went to DWT.
      const gate = await takeProbe(apiCode);
      if (gate.gate === 'held') {
        const message = describeHold(gate.reason);
        await db().$transaction((tx) => rescheduleJob(tx, loadId, HELD_RECHECK_MS, `held (${gate.reason}): ${message}`));
        return resultOf(load, message);
      }
      probing = gate.gate === 'probe';
      apiCodeSent = apiCode;
      await beforeRequest?.();
      started = Date.now(); // the attempt's duration leaves out the wait for the rate limit
      if (method === 'POST' && !(await markPostInFlight(loadId, workerId))) {
        return resultOf(load, 'Another worker took this load over.'); // our lease ran out; theirs now
      }
      const client = dwtClientFor(config, clientOptions);
      outcome = load.wasteTrackingId ? await client.updateMovement(load.wasteTrackingId, local.value) : await client.createMovement(local.value);
    }
  }

  const status = statusFor(outcome);
  const warnings = outcome.kind === 'created' || outcome.kind === 'updated' ? outcome.warnings : [];
  const errors: DwtValidationError[] =
    outcome.kind === 'rejected'
      ? (outcome.errors as DwtValidationError[])
      : outcome.kind === 'not-found'
        ? [{ key: FORM_ERROR_KEY, errorType: 'InvalidValue', message: 'DWT does not know this waste tracking id' }]
        : outcome.kind === 'interrupted'
          ? [{ key: FORM_ERROR_KEY, errorType: 'InvalidValue', message: 'Sending was interrupted before DWT answered' }]
          : [];
  const retry = status === 'PENDING';
  const attempt = {
    loadId,
    method,
    version: load.version,
    outcome: outcome.kind,
    httpStatus: httpStatusOf(outcome),
    durationMs: Date.now() - started,
    detail: attemptDetail(outcome, warnings, errors, apiCodeSent),
  };
  // A waste tracking id is stored whatever else happened: losing it would make the next send a duplicate.
  const newId = outcome.kind === 'created' ? outcome.wasteTrackingId : null;

  // Most sends end here: DWT answered for the load as read, and no hold on the apiCode is in question.
  const finished =
    !retry && !probing
      ? await recordFinishedSend({
          attempt,
          status,
          newId,
          warnings,
          errors,
          serviceCharge:
            apiCodeSent && 'serviceChargeExpiry' in outcome && outcome.serviceChargeExpiry
              ? { apiCode: apiCodeSent, header: outcome.serviceChargeExpiry }
              : null,
        })
      : false;

  // The load as this send left it: what was written, read back only where something else changed it.
  const after = finished
    ? { status, wasteTrackingId: newId ?? load.wasteTrackingId, dwtWarnings: warnings, dwtErrors: errors }
    : await db().$transaction(async (tx) => {
        await tx.sendAttempt.create({ select: { id: true }, data: { ...attempt, detail: attempt.detail as unknown as Prisma.InputJsonValue } });
        if (apiCodeSent) await settleApiCode(tx, apiCodeSent, outcome, probing, defaultApiCode);
        const idFields = newId ? { wasteTrackingId: newId } : {};
        const sent = status === 'SENT' ? { sentVersion: load.version, sentAt: new Date() } : {};
        const changed = retry
          ? { count: 1 }
          : await tx.load.updateMany({
              where: { id: loadId, version: load.version },
              data: {
                ...idFields,
                ...sent,
                status,
                dwtWarnings: warnings as unknown as Prisma.InputJsonValue,
                dwtErrors: errors as unknown as Prisma.InputJsonValue,
              },
            });
        if (retry) {
          await rescheduleJob(tx, loadId, retryDelayMs(outcome, attempts), `${outcome.kind}: ${describe(outcome)}`);
          return load; // unchanged
        }
        if (changed.count === 0 && status !== 'CHECK_NEEDED') {
          // Corrected while we were sending: keep the id, and send the newer version next (as a PUT).
          if (newId) await tx.load.update({ where: { id: loadId }, data: { wasteTrackingId: newId, sentVersion: load.version }, select: { id: true } });
          await rescheduleJob(tx, loadId, 0, null);
          return tx.load.findUniqueOrThrow({ where: { id: loadId }, select: RESULT_FIELDS });
        }
        const written =
          changed.count === 0
            ? await tx.load.update({
                where: { id: loadId },
                data: { status, ...idFields, dwtErrors: errors as unknown as Prisma.InputJsonValue },
                select: RESULT_FIELDS,
              })
            : { status, wasteTrackingId: newId ?? load.wasteTrackingId, dwtWarnings: warnings, dwtErrors: errors };
        await dequeueDelivery(tx, loadId);
        return written;
      });
  log.info('load sent', { loadId, method, outcome: outcome.kind, attempts: outcome.attempts, ms: Date.now() - started });
  return resultOf(after, describe(outcome));
}

/** What to tell the clerk when the queue, not this request, has the load's latest news. */
const STATUS_MESSAGES: Record<LoadStatus, string> = {
  PENDING: 'The load is saved and queued; it will be sent shortly.',
  SENT: 'Sent by the delivery queue.',
  DRAFT: 'Nothing to send.',
  ON_SITE: 'The vehicle is on site: the load is sent once it is weighed out.',
  NEEDS_ATTENTION: 'DWT refused the load. Correct the fields shown and save again.',
  CHECK_NEEDED: 'The load is saved, but DWT may already have it: a manager decides whether to send it again.',
};

/**
 * Sends a saved load now, while the clerk waits: takes its queued job (unless a worker already has it,
 * then waits briefly for that worker's answer). Whatever happens, the job stays queued until done.
 */
export async function deliverLoad({ loadId, claim, waitMs = 8_000 }: { loadId: string; claim?: SendClaim | null; waitMs?: number }): Promise<DeliveryResult> {
  // Leased to this request when the load was saved (enqueueDelivery with claim): send it, no claim needed.
  if (claim) return processJob({ loadId, ...claim, clientOptions: { retry: INTERACTIVE_RETRY } });
  const workerId = `interactive-${randomUUID()}`;
  const [job] = await claimJobs({ workerId, limit: 1, loadId });
  if (job) return processJob({ ...job, workerId, clientOptions: { retry: INTERACTIVE_RETRY } });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const load = await db().load.findUniqueOrThrow({ where: { id: loadId }, include: { deliveryJob: true } });
    if (load.status !== 'PENDING' || !load.deliveryJob || Date.now() > deadline) return resultOf(load, STATUS_MESSAGES[load.status]);
    await new Promise((r) => setTimeout(r, 200));
  }
}
