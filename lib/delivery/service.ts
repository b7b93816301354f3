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
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/service';
import { db, isUniqueViolation, type Tx } from '@/lib/db';
import type { CreateMovementOutcome, DwtClientOptions, UpdateMovementOutcome } from '@/lib/dwt/client';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { dwtClientFor, INTERACTIVE_RETRY } from '@/lib/dwt-settings/client';
import { dwtConfigInUse } from '@/lib/dwt-settings/service';
import type { DwtIssue } from '@/lib/dwt/responses';
import { isWasteTrackingId, validateReceiveMovement } from '@/lib/dwt/schema';
import { env } from '@/lib/env';
import { ConflictError, FORM_ERROR_KEY, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { logger } from '@/lib/logger';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { countRecordDeadlines } from '@/lib/records/service';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { holdApiCode, recordServiceCharge, releaseApiCode, takeProbe, wakeJobsOf, type HoldReason } from './holds';
import { claimJobs, enqueueDelivery, dequeueDelivery, markPostInFlight, rescheduleJob } from './queue';
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
 * Sends the load of a job this worker holds (see claimJobs), and records what came of it. The job ends
 * (deleted) unless the send is to be retried, or a newer version of the load is waiting to be sent.
 */
export async function processJob({
  loadId,
  workerId,
  postInFlight,
  attempts,
  clientOptions,
}: {
  loadId: string;
  workerId: string;
  postInFlight: boolean;
  attempts: number;
  clientOptions?: DwtClientOptions;
}): Promise<DeliveryResult> {
  const load = await db().load.findUniqueOrThrow({ where: { id: loadId }, include: { site: true } });
  const started = Date.now();
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

  const updated = await db().$transaction(async (tx) => {
    await tx.sendAttempt.create({
      data: {
        loadId,
        method,
        version: load.version,
        outcome: outcome.kind,
        httpStatus: httpStatusOf(outcome),
        durationMs: Date.now() - started,
        detail: attemptDetail(outcome, warnings, errors, apiCodeSent) as unknown as Prisma.InputJsonValue,
      },
    });
    if (apiCodeSent) await settleApiCode(tx, apiCodeSent, outcome, probing, defaultApiCode);
    // A waste tracking id is stored whatever else happened: losing it would make the next send a duplicate.
    const idFields = outcome.kind === 'created' ? { wasteTrackingId: outcome.wasteTrackingId } : {};
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
    } else if (changed.count === 0 && status !== 'CHECK_NEEDED') {
      // Corrected while we were sending: keep the id, and send the newer version next (as a PUT).
      if (outcome.kind === 'created')
        await tx.load.update({ where: { id: loadId }, data: { wasteTrackingId: outcome.wasteTrackingId, sentVersion: load.version } });
      await rescheduleJob(tx, loadId, 0, null);
    } else {
      if (changed.count === 0)
        await tx.load.update({ where: { id: loadId }, data: { status, ...idFields, dwtErrors: errors as unknown as Prisma.InputJsonValue } });
      await dequeueDelivery(tx, loadId);
    }
    return tx.load.findUniqueOrThrow({ where: { id: loadId } });
  });
  log.info('load sent', { loadId, method, outcome: outcome.kind, attempts: outcome.attempts, ms: Date.now() - started });
  return resultOf(updated, describe(outcome));
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
export async function deliverLoad({ loadId, waitMs = 8_000 }: { loadId: string; waitMs?: number }): Promise<DeliveryResult> {
  const workerId = `interactive-${randomUUID()}`;
  const [job] = await claimJobs({ workerId, limit: 1, loadId });
  if (job) return processJob({ loadId, workerId, postInFlight: job.postInFlight, attempts: job.attempts, clientOptions: { retry: INTERACTIVE_RETRY } });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const load = await db().load.findUniqueOrThrow({ where: { id: loadId }, include: { deliveryJob: true } });
    if (load.status !== 'PENDING' || !load.deliveryJob || Date.now() > deadline) return resultOf(load, STATUS_MESSAGES[load.status]);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------
// A manager's decision on a load whose POST may have reached DWT ("check needed")
// ---------------------------------------------------------------------------------------------

async function checkNeededLoad(actor: Actor, loadId: string) {
  assertCan(actor, 'loads.manage');
  const load = await db().load.findUniqueOrThrow({ where: { id: loadId } });
  assertSite(actor, load.siteId);
  // NEEDS_ATTENTION with an id: only when DWT answered the last PUT with a 404 ("does not know this
  // waste tracking id"). A PUT DWT refused with errors needs correcting, never a second POST.
  const lastAttempt =
    load.status === 'NEEDS_ATTENTION'
      ? await db().sendAttempt.findFirst({ where: { loadId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { outcome: true } })
      : null;
  if (load.status !== 'CHECK_NEEDED' && !(load.status === 'NEEDS_ATTENTION' && load.wasteTrackingId && lastAttempt?.outcome === 'not-found')) {
    throw new ConflictError('This load no longer needs a check: someone has dealt with it.');
  }
  return load;
}

/**
 * Send the load again as a new record. After a 404 on a PUT, DWT has said it holds nothing. After an
 * unanswered POST ("check needed") nobody can know: production DWT offers no look-up and does not refuse
 * a second POST with the same yourUniqueReference. A missing record breaks the two-day rule while a
 * duplicate can be explained, so the load is sent again and marked as a possible duplicate (the time of
 * the unanswered send), for its history, its ticket and exports.
 */
export async function sendAgainAsNew({ actor, input }: { actor: Actor; input: { loadId: string } }) {
  const load = await checkNeededLoad(actor, input.loadId);
  const unanswered = load.status === 'CHECK_NEEDED';
  const lastUnanswered = unanswered
    ? await db().sendAttempt.findFirst({
        where: { loadId: load.id, method: 'POST', outcome: { in: ['ambiguous', 'interrupted'] } },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        select: { at: true },
      })
    : null;
  // If the load needed a check more than once, the first unanswered send is kept (the history has each).
  const unansweredAt = lastUnanswered?.at ?? load.updatedAt;
  const possibleDuplicateAt = unanswered ? (load.possibleDuplicateAt ?? unansweredAt) : load.possibleDuplicateAt;
  await db().$transaction(async (tx) => {
    await tx.load.update({
      where: { id: load.id },
      data: { status: 'PENDING', wasteTrackingId: null, sentVersion: null, dwtErrors: [], possibleDuplicateAt, version: { increment: 1 } },
    });
    await enqueueDelivery(tx, load.id);
    await tx.$executeRaw`UPDATE delivery_job SET post_in_flight = false WHERE load_id = ${load.id}::uuid`;
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: unanswered ? 'load.send-again-possible-duplicate' : 'load.send-again-as-new',
      entityType: 'load',
      entityId: load.id,
      siteId: load.siteId,
      changes: {
        status: { from: load.status, to: 'PENDING' },
        wasteTrackingId: { from: load.wasteTrackingId, to: null },
        ...(unanswered
          ? {
              reason: 'DWT did not answer, and it offers no way to check whether it stored the load; a manager sent it again',
              possibleDuplicate: possibleDuplicateNote(unansweredAt),
            }
          : { reason: 'DWT does not know this waste tracking id' }),
      },
    });
  });
}

/** The history's words for a possible duplicate at DWT. */
function possibleDuplicateNote(at: Date): string {
  return `DWT may hold two records of this load: the send at ${formatUkDateTime(at)} (UK time) got no answer and may have been stored, so the load was sent again`;
}

/** The manager has DWT's waste tracking id for it: record it by hand; nothing is sent. */
export async function recordWasteTrackingId({ actor, input }: { actor: Actor; input: { loadId: string; wasteTrackingId: string } }) {
  const load = await checkNeededLoad(actor, input.loadId);
  const id = input.wasteTrackingId.trim().toUpperCase();
  if (!isWasteTrackingId(id)) throw new ValidationError({ wasteTrackingId: ['Enter the waste tracking id as DWT shows it, like 26HRA0B2'] });
  try {
    await db().$transaction(async (tx) => {
      await tx.load.update({
        where: { id: load.id },
        data: { status: 'SENT', wasteTrackingId: id, sentVersion: load.version, sentAt: new Date(), dwtErrors: [] },
      });
      await dequeueDelivery(tx, load.id);
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'load.record-waste-tracking-id',
        entityType: 'load',
        entityId: load.id,
        siteId: load.siteId,
        changes: { status: { from: load.status, to: 'SENT' }, wasteTrackingId: { from: load.wasteTrackingId, to: id } },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ValidationError({ wasteTrackingId: ['Another load already has this waste tracking id'] });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The delivery status page
// ---------------------------------------------------------------------------------------------

let reachability: { at: number; reachable: boolean; detail: string } | undefined;

/** Whether DWT answers now (a reference-data GET), checked at most every 30 seconds. */
async function dwtReachable(): Promise<{ reachable: boolean; detail: string }> {
  if (reachability && Date.now() - reachability.at < 30_000) return reachability;
  const client = dwtClientFor(await dwtConfigInUse(), { retry: { maxAttempts: 1 }, timeouts: { readMs: 3_000, tokenMs: 3_000 } });
  const outcome = await client.getContainerTypes();
  reachability = {
    at: Date.now(),
    reachable: outcome.kind === 'ok',
    detail:
      outcome.kind === 'ok'
        ? 'DWT answered just now.'
        : outcome.kind === 'unavailable'
          ? `Cannot reach DWT: ${outcome.reason}`
          : `DWT answered: ${outcome.kind}`,
  };
  return reachability;
}

/** Loads not yet (fully) reported at the actor's sites, against the two-working-day deadline. */
export async function countDeadlines({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, 'delivery.view');
  // The home page's counts, by SQL on the stored deadline (lib/records): the same figures, never every unsent load in memory.
  const { overdue, dueToday, dueTomorrow } = await countRecordDeadlines({ actor, now });
  return { overdue, dueToday, dueTomorrow };
}

export async function getDeliveryStatus({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, 'delivery.view');
  const sites = { siteId: { in: actor.siteIds } };
  const [queueDepth, oldest, lastSuccess, lastError, recentAttempts, byStatus, deadlines, dwt] = await Promise.all([
    db().deliveryJob.count({ where: { load: sites } }),
    db().load.findFirst({
      where: { ...sites, status: 'PENDING' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, ticketNumber: true, createdAt: true, deliveryJob: { select: { lastError: true, attempts: true, availableAt: true } } },
    }),
    db().load.findFirst({ where: { ...sites, sentAt: { not: null } }, orderBy: { sentAt: 'desc' }, select: { id: true, ticketNumber: true, sentAt: true } }),
    db().sendAttempt.findFirst({
      where: { load: sites, outcome: { notIn: ['created', 'updated'] } },
      orderBy: { at: 'desc' },
      select: { at: true, outcome: true, httpStatus: true, detail: true, load: { select: { id: true, ticketNumber: true } } },
    }),
    db().sendAttempt.count({ where: { load: sites, at: { gte: new Date(now.getTime() - 60_000) } } }),
    db().load.groupBy({ by: ['status'], where: sites, _count: { _all: true } }),
    countDeadlines({ actor, now }),
    dwtReachable(),
  ]);
  const count = (status: LoadStatus) => byStatus.find((b) => b.status === status)?._count._all ?? 0;
  return {
    queueDepth,
    oldestWaiting: oldest,
    lastSuccess,
    lastError: lastError ? { ...lastError, message: describeAttempt(lastError.outcome, lastError.detail) } : null,
    sendRatePerMinute: recentAttempts,
    counts: { waiting: count('PENDING'), needsAttention: count('NEEDS_ATTENTION'), checkNeeded: count('CHECK_NEEDED'), drafts: count('DRAFT') },
    deadlines,
    dwt,
    maxSendRate: env().DWT_MAX_SEND_RATE,
  };
}

function describeAttempt(outcome: string, detail: unknown): string {
  const d = detail as { reason?: string; message?: string; status?: number };
  return [outcome, d.reason ?? d.message ?? (d.status ? `HTTP ${d.status}` : '')].filter(Boolean).join(': ');
}

// ---------------------------------------------------------------------------------------------
// Holds on an apiCode (lib/delivery/holds.ts): what managers and admins are told, and "try now"
// ---------------------------------------------------------------------------------------------

/** How long before the service charge runs out managers and admins are warned. */
export const SERVICE_CHARGE_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

export interface ApiCodeState {
  apiCode: string;
  /** The sites the actor may see that send with this code (their own, or the installation's default). */
  sites: { id: string; name: string }[];
  /** Loads of those sites waiting to send. */
  waiting: number;
  hold: { reason: HoldReason; message: string; heldSince: Date; probeAt: Date } | null;
  /** From DWT's last successful answer: the date, or DWT's words ("not available"); null when never told. */
  serviceCharge: { expiresOn: Date | null; text: string; seenAt: Date; daysLeft: number | null } | null;
  /** The service charge runs out within SERVICE_CHARGE_WARNING_DAYS days, or has run out. */
  chargeWarning: boolean;
}

async function defaultApiCode(): Promise<string | null> {
  return dwtConfigInUse().then(
    (config) => config.apiCode?.toLowerCase() ?? null,
    () => null,
  );
}

/**
 * Every apiCode the actor's sites send with (admins: every site's), with its hold and service charge.
 * For the delivery page, the site page and the banner on every page (managers and admins).
 */
export async function getApiCodeStates({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<ApiCodeState[]> {
  assertCan(actor, 'delivery.view');
  const everySite = can(actor.roles, 'sites.manage');
  const [sites, fallback] = await Promise.all([
    db().site.findMany({ where: everySite ? {} : { id: { in: actor.siteIds } }, select: { id: true, name: true, apiCode: true }, orderBy: { name: 'asc' } }),
    defaultApiCode(),
  ]);
  const byCode = new Map<string, { id: string; name: string }[]>();
  for (const site of sites) {
    const code = site.apiCode?.toLowerCase() ?? fallback;
    if (!code) continue;
    byCode.set(code, [...(byCode.get(code) ?? []), { id: site.id, name: site.name }]);
  }
  if (byCode.size === 0) return [];
  const [rows, waiting] = await Promise.all([
    db().dwtApiCode.findMany({ where: { apiCode: { in: [...byCode.keys()] } } }),
    db().load.groupBy({ by: ['siteId'], where: { siteId: { in: sites.map((s) => s.id) }, status: 'PENDING' }, _count: { _all: true } }),
  ]);
  const waitingAt = new Map(waiting.map((w) => [w.siteId, w._count._all]));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return [...byCode.entries()].map(([apiCode, codeSites]) => {
    const row = rows.find((r) => r.apiCode.toLowerCase() === apiCode);
    const daysLeft = row?.serviceChargeExpiry ? Math.round((row.serviceChargeExpiry.getTime() - today) / DAY_MS) : null;
    return {
      apiCode,
      sites: codeSites,
      waiting: codeSites.reduce((n, s) => n + (waitingAt.get(s.id) ?? 0), 0),
      hold:
        row?.holdReason && row.heldSince && row.probeAt
          ? { reason: row.holdReason as HoldReason, message: row.holdMessage ?? '', heldSince: row.heldSince, probeAt: row.probeAt }
          : null,
      serviceCharge:
        row?.serviceChargeSeenAt && row.serviceChargeExpiryText
          ? { expiresOn: row.serviceChargeExpiry, text: row.serviceChargeExpiryText, seenAt: row.serviceChargeSeenAt, daysLeft }
          : null,
      chargeWarning: daysLeft !== null && daysLeft <= SERVICE_CHARGE_WARNING_DAYS,
    };
  });
}

/**
 * "We have paid – try now" (or, for a refused code, "try the apiCode again"): ends the hold on an apiCode,
 * audited, and sends one of its waiting loads at once while the admin waits; the rest follow through the
 * queue. If DWT still refuses, the hold is back and the admin is told DWT's answer.
 */
export async function tryApiCodeNow({ actor, input }: { actor: Actor; input: { apiCode: string } }): Promise<{ message: string; held: boolean }> {
  assertCan(actor, 'dwt.manage');
  const apiCode = input.apiCode.toLowerCase();
  const fallback = await defaultApiCode();
  const held = await db().$transaction(async (tx) => {
    const hold = await releaseApiCode(tx, apiCode);
    if (!hold) throw new ConflictError('Nothing is held for this apiCode any more: its loads are being sent.');
    await wakeJobsOf(tx, apiCode, fallback);
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'dwt.api-code-try-now',
      entityType: 'dwt-api-code',
      entityId: apiCode,
      changes: { hold: { from: hold.reason, to: null }, heldSince: hold.heldSince.toISOString(), message: hold.message },
    });
    return hold;
  });
  const next = await db().load.findFirst({
    where: {
      status: 'PENDING',
      deliveryJob: { isNot: null },
      site: apiCode === fallback ? { OR: [{ apiCode }, { apiCode: null }] } : { apiCode },
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  if (!next) return { message: 'The hold is lifted. No load was waiting to send.', held: false };
  const result = await deliverLoad({ loadId: next.id });
  const againHeld = await db().dwtApiCode.findUnique({ where: { apiCode }, select: { holdReason: true, holdMessage: true } });
  if (againHeld?.holdReason) {
    return { message: `DWT still refuses this apiCode: ${againHeld.holdMessage ?? againHeld.holdReason}. The loads stay waiting.`, held: true };
  }
  return {
    message:
      result.status === 'SENT'
        ? `DWT took the first waiting load; the other loads are being sent now.`
        : `The hold is lifted (${held.reason === 'payment-required' ? 'service charge' : 'apiCode'}). ${result.message}`,
    held: false,
  };
}

/**
 * What the banner on every page shows a manager or admin: the apiCodes held or whose service charge runs
 * out within SERVICE_CHARGE_WARNING_DAYS. One cheap query when there is nothing to show (almost always).
 */
export async function getApiCodeNotices({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<ApiCodeState[]> {
  if (!can(actor.roles, 'delivery.view')) return [];
  const today = now.toISOString().slice(0, 10);
  const rows = await db().$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM dwt_api_code
                    WHERE hold_reason IS NOT NULL OR service_charge_expiry <= ${today}::date + ${SERVICE_CHARGE_WARNING_DAYS}::int) AS any`;
  if (!rows[0]?.any) return [];
  return (await getApiCodeStates({ actor, now })).filter((s) => s.hold || s.chargeWarning);
}
