import 'server-only';
// Holds on an apiCode (holds.ts) as managers and admins see them: the banner, the delivery and site
// pages, and an admin's "We have paid – try now".

import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';

import { dwtConfigInUse } from '@/lib/dwt-settings/service';

import { ConflictError } from '@/lib/errors';

import { releaseApiCode, wakeJobsOf, type HoldReason } from './holds';

import { deliverLoad } from './send';

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
