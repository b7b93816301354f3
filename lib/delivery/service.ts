// Delivery of saved loads to DWT. A load reaches this module only after it is committed to
// PostgreSQL; nothing here can lose it. One send = one SendAttempt row and one status change:
//
//   created / updated         → SENT (waste tracking id stored; DWT's warnings kept)
//   rejected (400)            → NEEDS_ATTENTION (DWT's errors kept, shown on the form's fields)
//   not-found (PUT)           → NEEDS_ATTENTION ("DWT does not know this waste tracking id")
//   ambiguous (POST)          → CHECK_NEEDED (never resent blindly: a manager decides)
//   rate limited, unavailable,
//   not authorised, unexpected → PENDING (waiting to send; the reason is on the attempt)
//
// The reliable-delivery work makes this durable (a queue, workers, several instances) behind the
// same `deliverLoad` entry point, without touching the form.
import 'server-only';
import { db } from '@/lib/db';
import type { CreateMovementOutcome, UpdateMovementOutcome } from '@/lib/dwt/client';
import type { DwtIssue } from '@/lib/dwt/responses';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { validateReceiveMovement } from '@/lib/dwt/schema';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { toReceiveMovementBody, type Movement } from '@/lib/loads/schema';
import { logger } from '@/lib/logger';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { currentDwtConfig, dwtClientFor, INTERACTIVE_RETRY } from './dwt-client';
import { receivingSiteOf } from './receiving-site';

export interface DeliveryResult {
  status: LoadStatus;
  wasteTrackingId: string | null;
  warnings: DwtValidationError[];
  errors: DwtValidationError[];
  /** Plain words for what happened, for the clerk. */
  message: string;
}

const log = logger.child({ module: 'delivery' });

type Outcome = CreateMovementOutcome | UpdateMovementOutcome;

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
      return 'DWT did not answer, and may or may not have stored the load. A manager will check before it is sent again.';
    case 'rate-limited':
      return 'DWT is busy. The load is saved and will be sent shortly.';
    case 'unavailable':
      return 'DWT cannot be reached. The load is saved and will be sent when DWT is back.';
    case 'not-authorised':
      return 'DWT refused our credentials or this site’s apiCode. The load is saved; an administrator needs to check the DWT connection.';
    case 'unexpected':
      return `DWT gave an unexpected answer (HTTP ${outcome.status}). The load is saved; an administrator has been told.`;
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
      return 'CHECK_NEEDED';
    default:
      return 'PENDING';
  }
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

/** Sends a saved load waiting to be sent (POST if DWT has no id for it yet, else PUT of the whole record). */
export async function deliverLoad({ loadId }: { loadId: string }): Promise<DeliveryResult> {
  const load = await db().load.findUniqueOrThrow({ where: { id: loadId }, include: { site: true } });
  if (load.status !== 'PENDING') return resultOf(load, 'Nothing to send.');

  const config = currentDwtConfig();
  const apiCode = config.apiCode;
  const body = toReceiveMovementBody(load.movement as Movement, receivingSiteOf(load.site), apiCode ?? '');
  const method = load.wasteTrackingId ? 'PUT' : 'POST';
  const started = Date.now();

  // DWT's own rules, with today's reference data, before anything leaves: a body DWT would refuse is
  // not worth a request (and the site's details may have changed since the load was saved).
  const local = validateReceiveMovement(body, await getReferenceLookups());
  let outcome: Outcome;
  if (!apiCode) {
    outcome = { kind: 'not-authorised', status: 0, message: 'No DWT apiCode is configured for this site', attempts: 0 };
  } else if (!local.ok) {
    outcome = { kind: 'rejected', errors: local.errors as unknown as DwtIssue[], attempts: 0 };
  } else {
    const client = dwtClientFor(config, { retry: INTERACTIVE_RETRY });
    outcome = load.wasteTrackingId
      ? await client.updateMovement(load.wasteTrackingId, local.value)
      : await client.createMovement(local.value);
  }

  const status = statusFor(outcome);
  const warnings = outcome.kind === 'created' || outcome.kind === 'updated' ? outcome.warnings : [];
  const errors: DwtValidationError[] =
    outcome.kind === 'rejected'
      ? (outcome.errors as DwtValidationError[])
      : outcome.kind === 'not-found'
        ? [{ key: '_form', errorType: 'InvalidValue', message: 'DWT does not know this waste tracking id' }]
        : [];
  const detail = {
    ...(warnings.length ? { warnings } : {}),
    ...(errors.length ? { errors } : {}),
    ...('reason' in outcome ? { reason: outcome.reason } : {}),
    ...('message' in outcome ? { message: outcome.message } : {}),
    ...(outcome.kind === 'unexpected' ? { status: outcome.status } : {}),
    attempts: outcome.attempts,
  };
  const httpStatus =
    outcome.kind === 'created' ? 201 : outcome.kind === 'updated' ? 200 : outcome.kind === 'rejected' ? (outcome.attempts > 0 ? 400 : null) : outcome.kind === 'not-found' ? 404 : outcome.kind === 'rate-limited' ? 429 : 'status' in outcome && outcome.status ? outcome.status : null;

  const updated = await db().$transaction(async (tx) => {
    await tx.sendAttempt.create({
      data: { loadId, method, version: load.version, outcome: outcome.kind, httpStatus, durationMs: Date.now() - started, detail: detail as unknown as Prisma.InputJsonValue },
    });
    // A waste tracking id is stored whatever else happened: losing it would make the next send a duplicate.
    const idFields = outcome.kind === 'created' ? { wasteTrackingId: outcome.wasteTrackingId } : {};
    const sent = status === 'SENT' ? { sentVersion: load.version, sentAt: new Date() } : {};
    // If the load was corrected while we were sending, it stays PENDING for the newer version.
    const changed = await tx.load.updateMany({
      where: { id: loadId, version: load.version },
      data: { ...idFields, ...sent, status, dwtWarnings: warnings as unknown as Prisma.InputJsonValue, dwtErrors: errors as unknown as Prisma.InputJsonValue },
    });
    if (changed.count === 0 && outcome.kind === 'created') {
      await tx.load.update({ where: { id: loadId }, data: { wasteTrackingId: outcome.wasteTrackingId, sentVersion: load.version } });
    }
    return tx.load.findUniqueOrThrow({ where: { id: loadId } });
  });
  log.info('load sent', { loadId, method, outcome: outcome.kind, attempts: outcome.attempts, ms: Date.now() - started });
  return resultOf(updated, describe(outcome));
}
