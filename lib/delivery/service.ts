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
//
// A POST is sent once per load; a correction becomes a PUT of the whole latest record, and never before
// the POST has returned an id (one job per load, so sends of one load never overlap).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db, isUniqueViolation } from '@/lib/db';
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
      return 'DWT will not take records until the organisation has paid its DWT service charge. The load is saved and waiting; it will be tried again about every hour.';
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
  // Unpaid service charge (402): nothing will change until someone pays, so about hourly, never a tight loop.
  if (outcome.kind === 'payment-required') return 60 * 60_000;
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

function attemptDetail(outcome: Outcome, warnings: unknown[], errors: unknown[]) {
  return {
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
    case 'not-authorised':
    case 'unexpected':
      return outcome.status || null;
    default:
      return null;
  }
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
  const method = load.wasteTrackingId ? 'PUT' : 'POST';
  if (postInFlight && !load.wasteTrackingId) {
    // The worker that sent this POST stopped before recording DWT's answer: it may have been stored.
    outcome = { kind: 'interrupted', attempts: 0 };
  } else {
    const config = await dwtConfigInUse();
    // The operator's apiCode set on the site's page; the environment's until one is set.
    const apiCode = load.site.apiCode ?? config.apiCode;
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
    } else if (method === 'POST' && !(await markPostInFlight(loadId, workerId))) {
      return resultOf(load, 'Another worker took this load over.'); // our lease ran out; theirs now
    } else {
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
        detail: attemptDetail(outcome, warnings, errors) as unknown as Prisma.InputJsonValue,
      },
    });
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
