// A site's address book of carriers and brokers/dealers: searched and added to from the load form.
// Registrations and vehicles are compared by `matchKey` (schema.ts); the SQL (./rows.ts) computes the same
// key for stored values, so "ab12 cde" finds "AB12CDE". Admins' management and data requests: ./admin.ts.
import 'server-only';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  LIST_PAGE_SIZE,
  VEHICLE_LOOKUP_MIN_LENGTH,
  findCarrierByVehicleSchema,
  getPartySchema,
  listPartiesSchema,
  matchKey,
  partyKindNouns,
  savePartySchema,
  searchPartiesSchema,
  type FindCarrierByVehicleInput,
  type GetPartyInput,
  type ListPartiesInput,
  type PartyEntry,
  type PartyMatch,
  type SavePartyInput,
  type SearchPartiesInput,
} from './schema';
import { auditChanges, entryColumns, entrySelect, nameWords, registrationKey, storedFields, toEntry, vehicleKeys, type EntryRow } from './rows';

/**
 * Clerks and managers use the address book from the load form. Admins get its management in a later
 * issue; until then 'loads.manage' is accepted too, so a manager-only role keeps working.
 */
function assertCanUseAddressBook(actor: Actor): void {
  if (!can(actor.roles, 'loads.manage')) assertCan(actor, 'loads.create');
}

/** A trigram index narrows a LIKE only from three letters or digits; shorter queries match less (below). */
const TRIGRAM_LENGTH = 3;

/**
 * Entries of one kind at a site matching what the clerk typed: by organisation name (any word starting
 * with the query, ignoring case and punctuation), by registration number or by vehicle registration
 * (both by `matchKey`, exact or starting with it). Best first: an exact registration or vehicle, then
 * names starting with the query, then names with a later word starting with it, then vehicles and
 * registration numbers starting with it; alphabetical within each. A query of one or two letters or
 * digits, too short for a trigram index to narrow, matches only names starting with it and
 * registrations and vehicles in full.
 */
export async function searchParties({ actor, input }: { actor: Actor; input: SearchPartiesInput }): Promise<PartyMatch[]> {
  assertCanUseAddressBook(actor);
  const { siteId, kind, query, limit } = searchPartiesSchema.parse(input);
  assertSite(actor, siteId);
  if (!/[\p{L}\p{N}]/u.test(query)) return [];

  // The query's words are tidied in SQL like the names, so both follow the database's idea of a letter.
  // Neither the words nor the key can hold a LIKE wildcard. Every part is a constant once the query's
  // values are bound, so the planner can use the indexes on the expressions above.
  const key = matchKey(query);
  const words = Prisma.sql`btrim(regexp_replace(lower(${query}::text), '[^[:alnum:]]+', ' ', 'g'))`;
  const candidates =
    query.replace(/[^\p{L}\p{N}]/gu, '').length < TRIGRAM_LENGTH
      ? Prisma.sql`(${words} <> '' AND ${nameWords} LIKE ' ' || ${words} || '%')
          OR (${key} <> '' AND (${registrationKey} = ${key} OR ${vehicleKeys} LIKE ${`%'${key}'%`}))`
      : Prisma.sql`(${words} <> '' AND ${nameWords} LIKE '% ' || ${words} || '%')
          OR (${key} <> '' AND (${registrationKey} LIKE ${`${key}%`} OR ${vehicleKeys} LIKE ${`%'${key}%`}))`;
  const rows = await db().$queryRaw<(EntryRow & { matchedVehicle: string | null })[]>`
    WITH found AS (
      SELECT e.*, CASE
          WHEN ${key} <> '' AND (${registrationKey} = ${key} OR ${vehicleKeys} LIKE ${`%'${key}'%`}) THEN 0
          WHEN ${words} <> '' AND ${nameWords} LIKE ' ' || ${words} || '%' THEN 1
          WHEN ${words} <> '' AND ${nameWords} LIKE '% ' || ${words} || '%' THEN 2
          WHEN ${vehicleKeys} LIKE ${`%'${key}%`} THEN 3
          ELSE 4
        END AS rank
      FROM address_book_entry e
      WHERE e.site_id = ${siteId}::uuid AND e.kind = ${kind}::"PartyKind" AND (${candidates})
      ORDER BY rank, lower(e.organisation_name), e.id
      LIMIT ${limit}
    )
    -- Only the page returned has its matched vehicle picked out.
    SELECT ${entryColumns}, CASE WHEN (e.rank = 0 AND v.exact) OR e.rank = 3 THEN v.vehicle END AS "matchedVehicle"
    FROM found e
    LEFT JOIN LATERAL (
      SELECT vehicle, upper(regexp_replace(vehicle, '[^A-Za-z0-9]+', '', 'g')) = ${key} AS exact
      FROM unnest(e.vehicle_registrations) AS vehicle
      WHERE upper(regexp_replace(vehicle, '[^A-Za-z0-9]+', '', 'g')) LIKE ${`${key}%`}
      ORDER BY exact DESC, vehicle
      LIMIT 1
    ) v ON e.rank IN (0, 3)
    ORDER BY e.rank, lower(e.organisation_name), e.id`;

  return rows.map(({ matchedVehicle, ...row }) => ({ ...toEntry(row), ...(matchedVehicle ? { matchedVehicle } : {}) }));
}

/**
 * The site's carrier known to drive this vehicle (compared by `matchKey`), or null. A vehicle that
 * changed hands may be on two carriers: the one saved most recently wins, as the likelier today.
 */
export async function findCarrierByVehicle({ actor, input }: { actor: Actor; input: FindCarrierByVehicleInput }): Promise<PartyEntry | null> {
  assertCanUseAddressBook(actor);
  const { siteId, vehicleRegistration } = findCarrierByVehicleSchema.parse(input);
  assertSite(actor, siteId);
  const key = matchKey(vehicleRegistration);
  if (key.length < VEHICLE_LOOKUP_MIN_LENGTH) return null;

  const [row] = await db().$queryRaw<EntryRow[]>`
    SELECT ${entryColumns}
    FROM address_book_entry e
    WHERE e.site_id = ${siteId}::uuid AND e.kind = 'CARRIER' AND ${vehicleKeys} LIKE '%''' || ${key}::text || '''%'
    ORDER BY e.updated_at DESC, e.id
    LIMIT 1`;
  return row ? toEntry(row) : null;
}

export async function getParty({ actor, input }: { actor: Actor; input: GetPartyInput }): Promise<PartyEntry> {
  assertCanUseAddressBook(actor);
  const { siteId, id } = getPartySchema.parse(input);
  assertSite(actor, siteId);
  const row = await db().addressBookEntry.findFirst({ where: { id, siteId }, select: entrySelect });
  if (!row) throw new NotFoundError('That address-book entry does not exist at this site.');
  return toEntry(row);
}

/** One page of a site's entries of one kind, alphabetical. */
export async function listParties({ actor, input }: { actor: Actor; input: ListPartiesInput }) {
  assertCanUseAddressBook(actor);
  const { siteId, kind, page } = listPartiesSchema.parse(input);
  assertSite(actor, siteId);
  const where = { siteId, kind };
  const [rows, total] = await db().$transaction([
    db().addressBookEntry.findMany({
      where,
      orderBy: [{ organisationName: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * LIST_PAGE_SIZE,
      take: LIST_PAGE_SIZE,
      select: entrySelect,
    }),
    db().addressBookEntry.count({ where }),
  ]);
  return { entries: rows.map(toEntry), page, pageSize: LIST_PAGE_SIZE, total };
}

/**
 * Creates an entry, or updates the one with `id` at the same site. An update replaces every field with
 * the input's (send the whole entry, as the form holds it), except that a carrier's vehicle
 * registrations are only ever added to. The change and its audit entry commit together; saving what is
 * already stored writes nothing.
 */
export async function saveParty({ actor, input }: { actor: Actor; input: SavePartyInput }): Promise<{ entry: PartyEntry; created: boolean }> {
  assertCanUseAddressBook(actor);
  const data = savePartySchema.parse(input);
  assertSite(actor, data.siteId);
  const audit = { actorId: auditActorId(actor), entityType: 'address-book-entry', siteId: data.siteId };

  return db().$transaction(async (tx) => {
    if (data.id === undefined) {
      const fields = storedFields(data, []);
      const row = await tx.addressBookEntry.create({ data: { siteId: data.siteId, kind: data.kind, ...fields }, select: entrySelect });
      await recordAudit(tx, { ...audit, action: 'address-book.create', entityId: row.id, changes: { kind: { to: data.kind }, ...auditChanges(null, fields) } });
      return { entry: toEntry(row), created: true };
    }

    // Locked, so two clerks adding vehicles to one carrier at once both keep theirs.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM address_book_entry WHERE id = ${data.id}::uuid AND site_id = ${data.siteId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError('That address-book entry does not exist at this site.');
    const { id, kind, ...before } = await tx.addressBookEntry.findUniqueOrThrow({ where: { id: data.id }, select: entrySelect });
    if (kind !== data.kind) {
      throw new ValidationError({ kind: [`That entry is a ${partyKindNouns[kind]}; it cannot become a ${partyKindNouns[data.kind]}`] });
    }
    const after = storedFields(data, before.vehicleRegistrations ?? []);
    const changes = auditChanges(before, after);
    if (Object.keys(changes).length === 0) return { entry: toEntry({ id, kind, ...before }), created: false };

    const row = await tx.addressBookEntry.update({ where: { id }, data: after, select: entrySelect });
    await recordAudit(tx, { ...audit, action: 'address-book.update', entityId: id, changes });
    return { entry: toEntry(row), created: false };
  });
}
