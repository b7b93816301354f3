// Customers' data rights: finding everything held about a person or organisation at every site
// (address book, loads, staff accounts). Never logs what was searched for or found.
import 'server-only';
import { findPartiesMentioning } from '@/lib/address-book/admin';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { findUsersMentioning } from '@/lib/users/service';
import { LOAD_ROLES } from './anonymise';
import { countLoadsMentioning, findLoadsMentioning } from './loads';
import {
  FIND_MAX_RESULTS,
  findSchema,
  matchKey,
  searchKey,
  type FindBy,
  type FindInput,
  type FindQuery,
  type FindResult,
  type FoundLoad,
  type LoadRole,
  type PartyOnLoad,
} from './schema';

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function partyOnLoad(form: unknown, role: LoadRole): PartyOnLoad | null {
  const p = isObject(form) ? form[role] : undefined;
  if (!isObject(p)) return null;
  const address = isObject(p.address) ? p.address : {};
  return {
    organisationName: str(p.organisationName),
    registrationNumber: str(p.registrationNumber),
    fullAddress: str(address.fullAddress),
    postcode: str(address.postcode),
    emailAddress: str(p.emailAddress),
    phoneNumber: str(p.phoneNumber),
    ...(role === 'carrier' ? { vehicleRegistration: str(p.vehicleRegistration) } : {}),
  };
}

/** What of a party matched the search, in words (empty: it did not). The SQL's twin, for display. */
function matchedFields(party: PartyOnLoad, addressBookId: string, by: FindBy, key: string, entryIds: Set<string>): string[] {
  const out: string[] = [];
  if (by === 'name' && party.organisationName.toLowerCase().includes(key)) out.push('name');
  if (by === 'email' && party.emailAddress.trim().toLowerCase() === key) out.push('email address');
  if (by === 'phone' && party.phoneNumber.replace(/\D+/g, '').endsWith(key)) out.push('phone number');
  if (by === 'vehicle' && party.vehicleRegistration && matchKey(party.vehicleRegistration) === key) out.push('vehicle registration');
  if (addressBookId && entryIds.has(addressBookId)) out.push('filled from a matching address-book entry');
  return out;
}

export type LoadRow = Awaited<ReturnType<typeof findLoadsMentioning>>[number];

/** Loads found by a search, each with the roles in which the person appears on it (and what matched). */
export function toFoundLoads(rows: readonly LoadRow[], query: FindQuery, key: string, entryIds: Set<string>): FoundLoad[] {
  return rows.map((l) => ({
    id: l.id,
    siteId: l.siteId,
    siteName: l.siteName,
    ticketNumber: l.ticketNumber,
    receivedAt: l.receivedAt.toISOString(),
    status: l.status,
    wasteTrackingId: l.wasteTrackingId,
    unsentDraft: l.status === 'DRAFT' && !l.wasteTrackingId,
    roles: LOAD_ROLES.flatMap((role) => {
      const party = partyOnLoad(l.formValues, role);
      if (!party) return [];
      const addressBookId = str((l.formValues as Json)[role] && ((l.formValues as Json)[role] as Json).addressBookId);
      const matched = matchedFields(party, addressBookId, query.by, key, entryIds);
      return matched.length > 0 ? [{ role, matched, party }] : [];
    }),
  }));
}

/** Everything held about a person or organisation, at every site. */
export async function findPersonalData({ actor, input }: { actor: Actor; input: FindInput }): Promise<FindResult> {
  assertCan(actor, 'data-requests.manage');
  const query = findSchema.parse(input);
  const key = searchKey(query.by, query.value);
  const limit = FIND_MAX_RESULTS + 1;
  const found = await findPartiesMentioning({ actor, input: { by: query.by, key, limit } });
  const entryIds = new Set(found.map((e) => e.id));
  const [loadRows, users] = await Promise.all([
    findLoadsMentioning({ actor, input: { by: query.by, key, addressBookIds: [...entryIds], limit } }),
    findUsersMentioning({ actor, input: { by: query.by, key, limit } }),
  ]);
  const loadsTotal =
    loadRows.length > FIND_MAX_RESULTS ? await countLoadsMentioning({ actor, input: { by: query.by, key, addressBookIds: [...entryIds] } }) : loadRows.length;
  const loads = toFoundLoads(loadRows.slice(0, FIND_MAX_RESULTS), query, key, entryIds);
  const by = { name: 'name', email: 'email address', phone: 'phone number', vehicle: 'vehicle registration' }[query.by];
  const othersTruncated = found.length > FIND_MAX_RESULTS || users.length > FIND_MAX_RESULTS;
  const loadsTruncated = loadRows.length > FIND_MAX_RESULTS;
  return {
    query,
    entries: found.slice(0, FIND_MAX_RESULTS).map((e) => ({
      id: e.id,
      siteId: e.siteId,
      siteName: e.siteName,
      kind: e.kind,
      organisationName: e.organisationName,
      registrationNumber: e.registrationNumber,
      fullAddress: e.fullAddress,
      postcode: e.postcode,
      emailAddress: e.emailAddress,
      phoneNumber: e.phoneNumber,
      vehicleRegistrations: e.vehicleRegistrations,
      matched: [by],
    })),
    loads,
    users: users.slice(0, FIND_MAX_RESULTS).map((u) => ({ id: u.id, name: u.name, email: u.email, disabled: u.disabled, matched: [by] })),
    truncated: othersTruncated || loadsTruncated,
    loadsTotal,
    tooBroad: othersTruncated || (loadsTruncated && query.by === 'name'),
  };
}
