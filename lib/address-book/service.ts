// A site's address book of carriers and brokers/dealers: searched and added to from the load form.
// Registrations and vehicles are compared by `matchKey` (schema.ts); the SQL below computes the same
// key for stored values, so "ab12 cde" finds "AB12CDE".
import 'server-only';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { diffFields, recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { MEANS_OF_TRANSPORT, REASONS_FOR_NO_REGISTRATION_NUMBER } from '@/lib/dwt/schema';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  LIST_PAGE_SIZE,
  VEHICLE_LOOKUP_MIN_LENGTH,
  findCarrierByVehicleSchema,
  getPartySchema,
  listPartiesSchema,
  matchKey,
  mergeVehicleRegistrations,
  partyKindNouns,
  savePartySchema,
  searchPartiesSchema,
  type FindCarrierByVehicleInput,
  type GetPartyInput,
  type ListPartiesInput,
  type PartyEntry,
  type PartyMatch,
  type SavePartyData,
  type SavePartyInput,
  type SearchPartiesInput,
} from './schema';

/**
 * Clerks and managers use the address book from the load form. Admins get its management in a later
 * issue; until then 'loads.manage' is accepted too, so a manager-only role keeps working.
 */
function assertCanUseAddressBook(actor: Actor): void {
  if (!can(actor.roles, 'loads.manage')) assertCan(actor, 'loads.create');
}

const entrySelect = {
  id: true,
  kind: true,
  organisationName: true,
  registrationNumber: true,
  reasonForNoRegistrationNumber: true,
  fullAddress: true,
  postcode: true,
  emailAddress: true,
  phoneNumber: true,
  meansOfTransport: true,
  vehicleRegistrations: true,
} as const satisfies Prisma.AddressBookEntrySelect;

type EntryRow = Prisma.AddressBookEntryGetPayload<{ select: typeof entrySelect }>;

/** The same columns under the same names, for raw queries. */
const entryColumns = Prisma.sql`
  e.id, e.kind,
  e.organisation_name AS "organisationName",
  e.registration_number AS "registrationNumber",
  e.reason_for_no_registration_number AS "reasonForNoRegistrationNumber",
  e.full_address AS "fullAddress",
  e.postcode,
  e.email_address AS "emailAddress",
  e.phone_number AS "phoneNumber",
  e.means_of_transport AS "meansOfTransport",
  e.vehicle_registrations AS "vehicleRegistrations"`;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => (values.includes(value as T) ? (value as T) : null);

function toEntry(row: EntryRow): PartyEntry {
  return {
    ...row,
    reasonForNoRegistrationNumber: oneOf(REASONS_FOR_NO_REGISTRATION_NUMBER, row.reasonForNoRegistrationNumber),
    meansOfTransport: oneOf(MEANS_OF_TRANSPORT, row.meansOfTransport),
    vehicleRegistrations: row.vehicleRegistrations ?? [],
  };
}

// What search compares, built only from immutable functions so that expression indexes can hold them
// (migration *_address_book_search). An index is used only while its expression is exactly the same as
// here, so change both together. The keys are the SQL twins of `matchKey`.

/** The name as lower-case words, each after one space: "Smith & Sons (Leeds)" → " smith sons leeds". */
const nameWords = Prisma.sql`(' ' || btrim(regexp_replace(lower(e.organisation_name), '[^[:alnum:]]+', ' ', 'g')))`;
/** `matchKey` of the registration number. */
const registrationKey = Prisma.sql`upper(regexp_replace(e.registration_number, '[^A-Za-z0-9]+', '', 'g'))`;
/**
 * `matchKey` of every vehicle, each in quotes: "'AB12CDE''YX70ABC'". array_to_tsvector keeps each
 * element whole as one lexeme and, unlike array_to_string, is immutable; vehicles hold only letters,
 * digits, spaces and hyphens (schema.ts), so the lexemes are printed without escapes.
 */
const vehicleKeys = Prisma.sql`upper(regexp_replace(array_to_tsvector(e.vehicle_registrations)::text, '[^A-Za-z0-9'']+', '', 'g'))`;

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

/** What is stored for an entry, every field present (null when not given). */
type StoredFields = Omit<EntryRow, 'id' | 'kind'>;

function storedFields(data: SavePartyData, knownVehicles: readonly string[]): StoredFields {
  const carrier = data.kind === 'CARRIER' ? data : undefined;
  return {
    organisationName: data.organisationName,
    registrationNumber: data.registrationNumber ?? null,
    reasonForNoRegistrationNumber: carrier?.reasonForNoRegistrationNumber ?? null,
    fullAddress: data.fullAddress ?? null,
    postcode: data.postcode ?? null,
    emailAddress: data.emailAddress ?? null,
    phoneNumber: data.phoneNumber ?? null,
    meansOfTransport: carrier?.meansOfTransport ?? null,
    vehicleRegistrations: mergeVehicleRegistrations(knownVehicles, carrier?.vehicleRegistrations ?? []),
  };
}

/** Personal data: the audit log records that it changed, never the value (it must stay erasable). */
const PERSONAL_FIELDS = ['emailAddress', 'phoneNumber'] as const satisfies readonly (keyof StoredFields)[];
const OTHER_FIELDS = [
  'organisationName',
  'registrationNumber',
  'reasonForNoRegistrationNumber',
  'fullAddress',
  'postcode',
  'meansOfTransport',
  'vehicleRegistrations',
] as const satisfies readonly (keyof StoredFields)[];

const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

/**
 * The audit entry's changes: from/to for ordinary fields (for a new entry, what it was created with),
 * only `{ changed: true }` for personal ones.
 */
function auditChanges(before: StoredFields | null, after: StoredFields): Record<string, unknown> {
  const changes: Record<string, unknown> = before
    ? diffFields(before, after, OTHER_FIELDS)
    : Object.fromEntries(OTHER_FIELDS.filter((field) => !isEmpty(after[field])).map((field) => [field, { to: after[field] }]));
  for (const field of PERSONAL_FIELDS) {
    if ((before?.[field] ?? null) !== after[field]) changes[field] = { changed: true };
  }
  return changes;
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

// ---------------------------------------------------------------------------------------------
// Administration of every site's address book, and customers' data rights (admins only; admins may
// hold no site, so these work across all sites and check the permission, not a site).
// ---------------------------------------------------------------------------------------------
import type { Tx } from '@/lib/db';
import {
  adminListPartiesSchema,
  adminSavePartySchema,
  mergePartiesSchema,
  type AdminListPartiesInput,
  type AdminPartyEntry,
  type AdminSavePartyInput,
  type MergePartiesInput,
} from './schema';

type AdminRow = EntryRow & { siteId: string; siteName: string; updatedAt: Date };
const adminEntryColumns = Prisma.sql`${entryColumns}, e.site_id AS "siteId", s.name AS "siteName", e.updated_at AS "updatedAt"`;
const toAdminEntry = ({ siteId, siteName, updatedAt, ...row }: AdminRow): AdminPartyEntry => ({ ...toEntry(row), siteId, siteName, updatedAt });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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
    // Imported when used: the loads service pulls in the bundled reference data, which the address
    // book (and scripts that seed it, such as the browser tests' fixtures) otherwise never loads.
    const { repointAddressBookEntries } = await import('@/lib/loads/service');
    const loadsRepointed = await repointAddressBookEntries(tx, { fromIds: ids.slice(1), toId: survivorId });
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
