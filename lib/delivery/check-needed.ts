import 'server-only';
// A manager's decision on a load whose POST may have reached DWT ("check needed"): send it again as
// new (marked as a possible duplicate), or record the waste tracking id DWT gave.

import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';

import { recordAudit } from '@/lib/audit/service';
import { db, isUniqueViolation } from '@/lib/db';

import { isWasteTrackingId } from '@/lib/dwt/schema';

import { ConflictError, ValidationError } from '@/lib/errors';

import { formatUkDateTime } from '@/lib/time/uk-time';

import { enqueueDelivery, dequeueDelivery } from './queue';

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
