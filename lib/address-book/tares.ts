// Stored tares (lib/address-book/tare-schema.ts): record, list, remove, and the valid one for a vehicle.
// Every change is audited in its transaction. Clerks and managers keep the tares of their sites; admins,
// who keep every site's address book, those of any site.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import type { VehicleTare } from '@/lib/generated/prisma/client';
import { recordTareSchema, registrationKey, removeTareSchema, tareExpiry, type RecordTareInput, type StoredTare, type TareUnit } from './tare-schema';

function assertTareSite(actor: Actor, siteId: string) {
  assertCan(actor, 'tares.manage');
  if (!can(actor.roles, 'address-book.manage')) assertSite(actor, siteId);
}

function toStored(row: VehicleTare, expiryMonths: number | null): StoredTare {
  return {
    vehicleRegistration: row.vehicleRegistration,
    amount: Number(row.amount),
    unit: row.unit as TareUnit,
    weighedAt: row.weighedAt,
    source: row.source === 'indicator' ? 'indicator' : 'manual',
    recordedById: row.recordedById,
    expiresAt: tareExpiry(row.weighedAt, expiryMonths),
  };
}

/** "11,240" → 11240; null when it is not a plain positive number. */
function tareAmount(text: string): number | null {
  const t = text.trim().replace(/[,\s]/g, '');
  if (!/^\d{1,7}(\.\d{1,6})?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
}

/** The stored tares of a site's vehicles (optionally only these registrations), with their expiry. */
export async function listTares({ actor, input }: { actor: Actor; input: { siteId: string; vehicleRegistrations?: string[] } }): Promise<StoredTare[]> {
  assertTareSite(actor, input.siteId);
  const site = await db().site.findUnique({ where: { id: input.siteId }, select: { tareExpiryMonths: true } });
  if (!site) throw new NotFoundError('That site no longer exists.');
  const keys = input.vehicleRegistrations?.slice(0, 200).map(registrationKey);
  const rows = await db().vehicleTare.findMany({
    where: { siteId: input.siteId, ...(keys ? { vehicleRegistration: { in: keys } } : {}) },
    orderBy: { vehicleRegistration: 'asc' },
    take: 500,
  });
  return rows.map((r) => toStored(r, site.tareExpiryMonths));
}

/** A vehicle's stored tare at a site if it is still valid at `now`, else null (no permission check: callers check). */
export async function validTare(tx: Tx | ReturnType<typeof db>, siteId: string, vehicleRegistration: string, now = new Date()): Promise<StoredTare | null> {
  const site = await tx.site.findUnique({ where: { id: siteId }, select: { tareExpiryMonths: true } });
  if (!site) return null;
  const row = await tx.vehicleTare.findUnique({ where: { siteId_vehicleRegistration: { siteId, vehicleRegistration: registrationKey(vehicleRegistration) } } });
  if (!row) return null;
  const stored = toStored(row, site.tareExpiryMonths);
  return stored.expiresAt && stored.expiresAt <= now ? null : stored;
}

/** The stored tare for a vehicle at one of the actor's sites, for the gatehouse form. */
export async function findValidTare({ actor, input, now = new Date() }: { actor: Actor; input: { siteId: string; vehicleRegistration: string }; now?: Date }) {
  assertCan(actor, 'weighings.create');
  assertSite(actor, input.siteId);
  return validTare(db(), input.siteId, input.vehicleRegistration, now);
}

/**
 * Keeps a vehicle's tare (replacing the one stored), with its audit entry, in the caller's transaction:
 * from an empty weighing at the gatehouse (`source` indicator or manual, with its time) or typed by hand.
 */
export async function storeTare(
  tx: Tx,
  actor: Actor,
  t: {
    siteId: string;
    vehicleRegistration: string;
    amount: number;
    unit: TareUnit;
    weighedAt: Date;
    source: 'indicator' | 'manual';
    rawFrame?: string | null;
    reason?: string | null;
    loadId?: string;
  },
): Promise<void> {
  const key = registrationKey(t.vehicleRegistration);
  const before = await tx.vehicleTare.findUnique({ where: { siteId_vehicleRegistration: { siteId: t.siteId, vehicleRegistration: key } } });
  const data = {
    amount: String(t.amount),
    unit: t.unit,
    weighedAt: t.weighedAt,
    source: t.source,
    rawFrame: t.rawFrame ?? null,
    reason: t.reason?.trim() || null,
    recordedById: auditActorId(actor),
  };
  const row = before
    ? await tx.vehicleTare.update({ where: { id: before.id }, data })
    : await tx.vehicleTare.create({ data: { id: randomUUID(), siteId: t.siteId, vehicleRegistration: key, ...data } });
  await recordAudit(tx, {
    actorId: auditActorId(actor),
    action: 'vehicle-tare.record',
    entityType: 'vehicle-tare',
    entityId: row.id,
    siteId: t.siteId,
    changes: {
      vehicleRegistration: { to: key },
      tare: { from: before ? `${Number(before.amount)} ${before.unit}` : null, to: `${t.amount} ${t.unit}` },
      weighedAt: { from: before?.weighedAt.toISOString() ?? null, to: t.weighedAt.toISOString() },
      source: { from: before?.source ?? null, to: t.source },
      ...(t.reason?.trim() ? { reason: t.reason.trim() } : {}),
      ...(t.loadId ? { loadId: t.loadId } : {}),
    },
  });
}

/** A tare typed by hand (the address book, or the gatehouse): weighed "now" as far as expiry goes. */
export async function recordTare({ actor, input, now = new Date() }: { actor: Actor; input: RecordTareInput; now?: Date }): Promise<StoredTare> {
  const data = recordTareSchema.parse(input);
  assertTareSite(actor, data.siteId);
  const amount = tareAmount(data.amount);
  if (amount === null) throw new ValidationError({ amount: ['Enter the tare weight as a number above zero, like 11,240'] });
  const site = await db().site.findUnique({ where: { id: data.siteId }, select: { id: true, tareExpiryMonths: true } });
  if (!site) throw new NotFoundError('That site no longer exists.');
  await db().$transaction((tx) =>
    storeTare(tx, actor, {
      siteId: site.id,
      vehicleRegistration: data.vehicleRegistration,
      amount,
      unit: data.unit,
      weighedAt: now,
      source: 'manual',
      reason: data.reason,
    }),
  );
  const row = await db().vehicleTare.findUniqueOrThrow({
    where: { siteId_vehicleRegistration: { siteId: site.id, vehicleRegistration: registrationKey(data.vehicleRegistration) } },
  });
  return toStored(row, site.tareExpiryMonths);
}

/** Forget a vehicle's stored tare (audited). */
export async function removeTare({ actor, input }: { actor: Actor; input: { siteId: string; vehicleRegistration: string } }): Promise<void> {
  const data = removeTareSchema.parse(input);
  assertTareSite(actor, data.siteId);
  await db().$transaction(async (tx) => {
    const row = await tx.vehicleTare.findUnique({
      where: { siteId_vehicleRegistration: { siteId: data.siteId, vehicleRegistration: registrationKey(data.vehicleRegistration) } },
    });
    if (!row) throw new NotFoundError('That vehicle has no stored tare.');
    await tx.vehicleTare.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'vehicle-tare.remove',
      entityType: 'vehicle-tare',
      entityId: row.id,
      siteId: data.siteId,
      changes: { vehicleRegistration: { from: row.vehicleRegistration }, tare: { from: `${Number(row.amount)} ${row.unit}`, to: null } },
    });
  });
}
