// Administration of every site's address book, and customers' data rights (admins only; admins may
// hold no site, so these work across all sites and check the permission, not a site).
import 'server-only';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx, likeEscape } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { auditChanges, entryColumns, entrySelect, registrationKey, storedFields, toEntry, vehicleKeys, type EntryRow } from './rows';
import {
  LIST_PAGE_SIZE,
  matchKey,
  mergeVehicleRegistrations,
  partyKindNouns,
  adminListPartiesSchema,
  adminSavePartySchema,
  mergePartiesSchema,
  type AdminListPartiesInput,
  type AdminPartyEntry,
  type AdminSavePartyInput,
  type MergePartiesInput,
  type PartyEntry,
} from './schema';

type AdminRow = EntryRow & { siteId: string; siteName: string; updatedAt: Date };
const adminEntryColumns = Prisma.sql`${entryColumns}, e.site_id AS "siteId", s.name AS "siteName", e.updated_at AS "updatedAt"`;
const toAdminEntry = ({ siteId, siteName, updatedAt, ...row }: AdminRow): AdminPartyEntry => ({ ...toEntry(row), siteId, siteName, updatedAt });

/** Every site's entries, by name, registration number, vehicle or email; optionally of one kind. */
export async function adminListParties({ actor, input }: { actor: Actor; input: AdminListPartiesInput }) {
  assertCan(actor, 'address-book.manage');
  const { query, kind, page } = adminListPartiesSchema.parse(input);
  const key = matchKey(query);
  const search = query
    ? Prisma.sql`AND (lower(e.organisation_name) LIKE ${`%${likeEscape(query.toLowerCase())}%`}
        OR lower(coalesce(e.email_address, '')) LIKE ${`%${likeEscape(query.toLowerCase())}%`}
        OR (${key} <> '' AND (${registrationKey} LIKE ${`${key}%`} OR ${vehicleKeys} LIKE ${`%'${key}%`})))`
    : Prisma.empty;
  const byKind = kind ? Prisma.sql`AND e.kind = ${kind}::"PartyKind"` : Prisma.empty;
  const rows = await db().$queryRaw<(AdminRow & { total: bigint })[]>`
    SELECT ${adminEntryColumns}, count(*) OVER () AS total
    FROM address_book_entry e JOIN site s ON s.id = e.site_id
    WHERE true ${byKind} ${search}
    ORDER BY lower(e.organisation_name), s.name, e.id
    LIMIT ${LIST_PAGE_SIZE} OFFSET ${(page - 1) * LIST_PAGE_SIZE}`;
  return { entries: rows.map(({ total: _total, ...r }) => toAdminEntry(r)), page, pageSize: LIST_PAGE_SIZE, total: Number(rows[0]?.total ?? 0) };
}

export async function adminGetParty({ actor, input }: { actor: Actor; input: { id: string } }): Promise<AdminPartyEntry> {
  assertCan(actor, 'address-book.manage');
  const [row] = await db().$queryRaw<AdminRow[]>`
    SELECT ${adminEntryColumns} FROM address_book_entry e JOIN site s ON s.id = e.site_id WHERE e.id = ${input.id}::uuid`;
  if (!row) throw new NotFoundError('That address-book entry does not exist.');
  return toAdminEntry(row);
}

/** An admin's edit of an existing entry at any site: every field replaced, vehicles included. */
export async function adminSaveParty({ actor, input }: { actor: Actor; input: AdminSavePartyInput }): Promise<PartyEntry> {
  assertCan(actor, 'address-book.manage');
  const data = adminSavePartySchema.parse(input);
  if (data.id === undefined) throw new ValidationError({ id: ['Choose an address-book entry that exists'] });
  const id = data.id;
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ site_id: string }[]>`SELECT site_id FROM address_book_entry WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError('That address-book entry does not exist.');
    const { id: _id, kind, ...before } = await tx.addressBookEntry.findUniqueOrThrow({ where: { id }, select: entrySelect });
    if (kind !== data.kind) {
      throw new ValidationError({ kind: [`That entry is a ${partyKindNouns[kind]}; it cannot become a ${partyKindNouns[data.kind]}`] });
    }
    const after = storedFields(data, []);
    const changes = auditChanges({ ...before, vehicleRegistrations: before.vehicleRegistrations ?? [] }, after);
    if (Object.keys(changes).length === 0) return toEntry({ id, kind, ...before });
    const row = await tx.addressBookEntry.update({ where: { id }, data: after, select: entrySelect });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'address-book.update',
      entityType: 'address-book-entry',
      entityId: id,
      siteId: locked[0]!.site_id,
      changes,
    });
    return toEntry(row);
  });
}

/**
 * Merges duplicates into the entry kept: its vehicles gain theirs, loads that were filled from them
 * point at it, and they are deleted. All of one site and kind; one transaction, audited.
 */
export async function mergeParties({ actor, input }: { actor: Actor; input: MergePartiesInput }) {
  assertCan(actor, 'address-book.manage');
  const { survivorId, mergedIds } = mergePartiesSchema.parse(input);
  const ids = [survivorId, ...new Set(mergedIds)];
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM address_book_entry WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const rows = await tx.addressBookEntry.findMany({ where: { id: { in: ids } }, select: { ...entrySelect, siteId: true } });
    const survivor = rows.find((r) => r.id === survivorId);
    if (!survivor || rows.length !== ids.length) throw new NotFoundError('One of those address-book entries no longer exists. Reload the list and try again.');
    const others = ids.slice(1).map((id) => rows.find((r) => r.id === id)!);
    if (others.some((o) => o.siteId !== survivor.siteId || o.kind !== survivor.kind)) {
      throw new ValidationError({ mergedIds: ['Only entries of the same kind at the same site can be merged'] });
    }
    const vehicles = others.reduce((acc, o) => mergeVehicleRegistrations(acc, o.vehicleRegistrations ?? []), survivor.vehicleRegistrations ?? []);
    await tx.addressBookEntry.update({ where: { id: survivorId }, data: { vehicleRegistrations: vehicles } });
    const loadsRepointed = await repointLoads(tx, { fromIds: ids.slice(1), toId: survivorId });
    await tx.addressBookEntry.deleteMany({ where: { id: { in: ids.slice(1) } } });
    const audit = { actorId: auditActorId(actor), entityType: 'address-book-entry', siteId: survivor.siteId };
    const vehicleChange =
      vehicles.length !== (survivor.vehicleRegistrations ?? []).length ? { vehicleRegistrations: { from: survivor.vehicleRegistrations, to: vehicles } } : {};
    await recordAudit(tx, {
      ...audit,
      action: 'address-book.merge',
      entityId: survivorId,
      changes: { merged: { to: ids.slice(1) }, loadsRepointed: { to: loadsRepointed }, ...vehicleChange },
    });
    for (const o of others) await recordAudit(tx, { ...audit, action: 'address-book.delete', entityId: o.id, changes: { mergedInto: { to: survivorId } } });
    return { survivorId, merged: ids.length - 1, loadsRepointed, vehicleRegistrations: vehicles };
  });
}

/**
 * Loads filled from merged entries now point at the entry kept, in the merge's transaction. Returns how
 * many. The one write to the load table outside lib/loads: the link it rewrites is the address book's own
 * id, kept in the load's form values (form_values) so the form can show where a party came from.
 */
async function repointLoads(tx: Tx, { fromIds, toId }: { fromIds: string[]; toId: string }): Promise<number> {
  if (fromIds.length === 0) return 0;
  let count = 0;
  for (const role of ['carrier', 'brokerOrDealer'] as const) {
    const path = `{${role},addressBookId}`;
    count += await tx.$executeRaw`
      UPDATE load l SET form_values = jsonb_set(l.form_values, ${path}::text[], to_jsonb(${toId}::text))
      WHERE (l.form_values #>> ${path}::text[]) = ANY(${fromIds}::text[])`;
  }
  return count;
}

/** Entries at any site matching a data request's key (normalised by lib/data-rights/schema searchKey). */
export async function findPartiesMentioning({
  actor,
  input,
}: {
  actor: Actor;
  input: { by: 'name' | 'email' | 'phone' | 'vehicle'; key: string; limit: number };
}) {
  assertCan(actor, 'data-requests.manage');
  const { by, key, limit } = input;
  const where =
    by === 'name'
      ? Prisma.sql`lower(e.organisation_name) LIKE ${`%${likeEscape(key)}%`}`
      : by === 'email'
        ? Prisma.sql`lower(btrim(e.email_address)) = ${key}`
        : by === 'phone'
          ? Prisma.sql`regexp_replace(e.phone_number, '[^0-9]+', '', 'g') LIKE ${`%${key}`}`
          : Prisma.sql`${vehicleKeys} LIKE ${`%'${key}'%`}`;
  const rows = await db().$queryRaw<AdminRow[]>`
    SELECT ${adminEntryColumns} FROM address_book_entry e JOIN site s ON s.id = e.site_id
    WHERE ${where} ORDER BY lower(e.organisation_name), e.id LIMIT ${limit}`;
  return rows.map(toAdminEntry);
}

/** For an erasure, in the caller's transaction: the entries are deleted. Returns how many were. */
export async function deletePartiesForErasure(tx: Tx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await tx.addressBookEntry.deleteMany({ where: { id: { in: ids } } })).count;
}
