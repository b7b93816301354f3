// The address book's rows as the services read and write them: the columns, the search keys (the SQL
// twins of `matchKey`), what is stored for an entry and how its changes are audited. Shared by the
// clerks' service (./service.ts) and the admins' (./admin.ts).
import 'server-only';
import { diffFields } from '@/lib/audit/service';
import { MEANS_OF_TRANSPORT, REASONS_FOR_NO_REGISTRATION_NUMBER } from '@/lib/dwt/schema';
import { Prisma } from '@/lib/generated/prisma/client';
import { mergeVehicleRegistrations, type PartyEntry, type SavePartyData } from './schema';

export const entrySelect = {
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

export type EntryRow = Prisma.AddressBookEntryGetPayload<{ select: typeof entrySelect }>;

/** The same columns under the same names, for raw queries. */
export const entryColumns = Prisma.sql`
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

export function toEntry(row: EntryRow): PartyEntry {
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
export const nameWords = Prisma.sql`(' ' || btrim(regexp_replace(lower(e.organisation_name), '[^[:alnum:]]+', ' ', 'g')))`;
/** `matchKey` of the registration number. */
export const registrationKey = Prisma.sql`upper(regexp_replace(e.registration_number, '[^A-Za-z0-9]+', '', 'g'))`;
/**
 * `matchKey` of every vehicle, each in quotes: "'AB12CDE''YX70ABC'". array_to_tsvector keeps each
 * element whole as one lexeme and, unlike array_to_string, is immutable; vehicles hold only letters,
 * digits, spaces and hyphens (schema.ts), so the lexemes are printed without escapes.
 */
export const vehicleKeys = Prisma.sql`upper(regexp_replace(array_to_tsvector(e.vehicle_registrations)::text, '[^A-Za-z0-9'']+', '', 'g'))`;

/** What is stored for an entry, every field present (null when not given). */
export type StoredFields = Omit<EntryRow, 'id' | 'kind'>;

export function storedFields(data: SavePartyData, knownVehicles: readonly string[]): StoredFields {
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
export function auditChanges(before: StoredFields | null, after: StoredFields): Record<string, unknown> {
  const changes: Record<string, unknown> = before
    ? diffFields(before, after, OTHER_FIELDS)
    : Object.fromEntries(OTHER_FIELDS.filter((field) => !isEmpty(after[field])).map((field) => [field, { to: after[field] }]));
  for (const field of PERSONAL_FIELDS) {
    if ((before?.[field] ?? null) !== after[field]) changes[field] = { changed: true };
  }
  return changes;
}
