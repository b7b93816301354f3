// Customers' data rights, for the admin acting on a request: find everything held about a person or
// organisation (address book, loads, staff accounts) at every site, export it, erase it; and the
// retention after which sent loads' personal fields are anonymised automatically.
//
// Erased values are never logged, and never written to the audit log: the erasure's own audit entry
// holds counts and ids only, and existing audit entries are scrubbed of the values.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { deletePartiesForErasure, findPartiesMentioning } from '@/lib/address-book/admin';
import { assertCan, auditActorId, systemActor, type Actor } from '@/lib/auth/actor';
import { recordAudit, rewriteAuditEntries } from '@/lib/audit/service';
import { csvText } from '@/lib/csv';
import { db, type Tx } from '@/lib/db';
import { ConflictError, ValidationError } from '@/lib/errors';
import { countLoadsMentioning, eraseFromLoads, findLoadsMentioning, findSentLoadsWithPersonalData } from './loads';
import { logger } from '@/lib/logger';
import { findUsersMentioning } from '@/lib/users/service';
import { LOAD_ROLES, isPersonalLoadAuditKey, needlesOf, personalEntryAuditKey, scrubAuditChanges, type Needles } from './anonymise';
import {
  FIND_MAX_RESULTS,
  eraseSchema,
  findSchema,
  matchKey,
  retentionSchema,
  searchKey,
  type EraseInput,
  type EraseSummary,
  type FindBy,
  type FindInput,
  type FindQuery,
  type FindResult,
  type FoundLoad,
  type LoadRole,
  type PartyOnLoad,
  type RetentionInput,
  type RetentionSetting,
} from './schema';

const log = logger.child({ domain: 'data-rights' });

// ---------------------------------------------------------------------------------------------
// Find
// ---------------------------------------------------------------------------------------------

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

type LoadRow = Awaited<ReturnType<typeof findLoadsMentioning>>[number];

/** Loads found by a search, each with the roles in which the person appears on it (and what matched). */
function toFoundLoads(rows: readonly LoadRow[], query: FindQuery, key: string, entryIds: Set<string>): FoundLoad[] {
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

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

export interface PersonalDataExport extends FindResult {
  generatedAt: string;
  note: string;
}

/** Everything found, for the person: audited (counts only), never logged. */
export async function exportPersonalData({ actor, input, now = new Date() }: { actor: Actor; input: FindInput; now?: Date }): Promise<PersonalDataExport> {
  const result = await findPersonalData({ actor, input });
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'data-request.export',
      entityType: 'data-request',
      entityId: randomUUID(),
      changes: { by: { to: result.query.by }, entries: { to: result.entries.length }, loads: { to: result.loads.length }, users: { to: result.users.length } },
    });
  });
  return {
    ...result,
    generatedAt: now.toISOString(),
    note:
      'Everything Weighbook holds about this person or organisation at every site: address-book entries, the loads they appear on ' +
      '(as carrier or broker/dealer) and staff accounts. Loads already sent are also held by the Digital Waste Tracking service.',
  };
}

const CSV_COLUMNS = [
  'source',
  'id',
  'site',
  'role',
  'name',
  'registrationNumber',
  'address',
  'postcode',
  'email',
  'phone',
  'vehicleRegistrations',
  'ticketNumber',
  'receivedAt',
  'status',
  'wasteTrackingId',
  'matched',
] as const;

/** One CSV cell: a list joined with "; ", never read as a formula by a spreadsheet (lib/csv.ts). */
function cell(value: unknown): string {
  return csvText(value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value));
}

/** The export as CSV, one row per record (per role, for a load on which the person is both). */
export function exportToCsv(data: FindResult): string {
  const rows: Record<(typeof CSV_COLUMNS)[number], unknown>[] = [];
  const blank = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<(typeof CSV_COLUMNS)[number], unknown>;
  for (const e of data.entries) {
    rows.push({
      ...blank,
      source: 'address book',
      id: e.id,
      site: e.siteName,
      role: e.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer',
      name: e.organisationName,
      registrationNumber: e.registrationNumber,
      address: e.fullAddress,
      postcode: e.postcode,
      email: e.emailAddress,
      phone: e.phoneNumber,
      vehicleRegistrations: e.vehicleRegistrations,
      matched: e.matched,
    });
  }
  for (const l of data.loads) {
    for (const r of l.roles) {
      rows.push({
        ...blank,
        source: 'load',
        id: l.id,
        site: l.siteName,
        role: r.role === 'carrier' ? 'Carrier' : 'Broker or dealer',
        name: r.party.organisationName,
        registrationNumber: r.party.registrationNumber,
        address: r.party.fullAddress,
        postcode: r.party.postcode,
        email: r.party.emailAddress,
        phone: r.party.phoneNumber,
        vehicleRegistrations: r.party.vehicleRegistration ?? '',
        ticketNumber: l.ticketNumber,
        receivedAt: l.receivedAt,
        status: l.status,
        wasteTrackingId: l.wasteTrackingId,
        matched: r.matched,
      });
    }
  }
  for (const u of data.users) rows.push({ ...blank, source: 'staff account', id: u.id, role: 'Staff user', name: u.name, email: u.email, matched: u.matched });
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Erase
// ---------------------------------------------------------------------------------------------

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/** The erased values, to scrub wherever else they were copied (audit diffs, free text). */
function needlesFor(result: Pick<FindResult, 'query' | 'entries' | 'loads'>): Needles {
  const texts: (string | null | undefined)[] = [];
  const phones: (string | null)[] = [];
  if (result.query.by === 'phone') phones.push(result.query.value);
  else texts.push(result.query.value);
  for (const e of result.entries) {
    texts.push(e.organisationName, e.emailAddress, e.fullAddress, e.postcode, ...e.vehicleRegistrations, ...e.vehicleRegistrations.map(matchKey));
    phones.push(e.phoneNumber);
  }
  for (const l of result.loads) {
    for (const { party } of l.roles) {
      texts.push(
        party.organisationName,
        party.emailAddress,
        party.fullAddress,
        party.postcode,
        party.vehicleRegistration,
        matchKey(party.vehicleRegistration ?? ''),
      );
      phones.push(party.phoneNumber);
    }
  }
  return needlesOf({ texts, phones });
}

/**
 * Scrubs the audit entries of the erased records (and only theirs): personal fields by key, then the
 * erased values as whole words in any other field except those only the system sets (statuses, codes,
 * ids), so erasing "Smith" leaves "Goldsmith Ltd" and a party named "Sent" leaves statuses alone.
 * Returns how many entries changed.
 */
async function scrubAudit(
  tx: Tx,
  { needles, loads, entryIds }: { needles: Needles; loads: Map<string, readonly LoadRole[]>; entryIds: readonly string[] },
): Promise<number> {
  const entries = new Set(entryIds);
  return rewriteAuditEntries(tx, {
    entities: [
      { entityType: 'load', ids: [...loads.keys()] },
      { entityType: 'address-book-entry', ids: [...entryIds] },
    ],
    rewrite: (row) => {
      const roles = row.entityType === 'load' ? loads.get(row.entityId) : undefined;
      const personalKey =
        roles !== undefined
          ? (k: string) => isPersonalLoadAuditKey(k, roles)
          : row.entityType === 'address-book-entry' && entries.has(row.entityId)
            ? personalEntryAuditKey
            : () => false;
      return scrubAuditChanges(row.changes, needles, personalKey);
    },
  });
}

/** Loads erased per transaction when a person is on more loads than one search lists. */
const ERASE_BATCH = 200;
/** How long one erasure request goes on in steps before it answers with what remains (erase again). */
const ERASE_BUDGET_MS = 25_000;

/**
 * One step of an erasure, in the caller's transaction: the given loads anonymised (drafts never sent
 * deleted), the given address-book entries deleted, their audit entries scrubbed, and one audit entry
 * for the step with counts and ids only.
 */
async function eraseStep(
  tx: Tx,
  { actor, by, loads, entryIds, needles }: { actor: Actor; by: FindBy; loads: readonly FoundLoad[]; entryIds: readonly string[]; needles: Needles },
): Promise<Omit<EraseSummary, 'loadsRemaining'>> {
  const roles = new Map<string, readonly LoadRole[]>(loads.map((l) => [l.id, l.roles.map((r) => r.role)]));
  const entriesDeleted = entryIds.length > 0 ? await deletePartiesForErasure(tx, [...entryIds]) : 0;
  const { deleted, anonymised } = await eraseFromLoads(tx, { loads: [...roles].map(([id, r]) => ({ id, roles: [...r] })), needles });
  const auditEntriesScrubbed = await scrubAudit(tx, { needles, loads: roles, entryIds });
  await recordAudit(tx, {
    actorId: auditActorId(actor),
    action: 'data-request.erase',
    entityType: 'data-request',
    entityId: randomUUID(),
    changes: {
      by: { to: by },
      entriesDeleted: { to: entriesDeleted },
      entryIds: { to: [...entryIds] },
      loadsAnonymised: { to: anonymised },
      draftsDeleted: { to: deleted },
      auditEntriesScrubbed: { to: auditEntriesScrubbed },
    },
  });
  return { entriesDeleted, loadsAnonymised: anonymised.length, draftsDeleted: deleted.length, auditEntriesScrubbed };
}

const TX = { timeout: 120_000, maxWait: 10_000 };

/**
 * Erases what `findPersonalData` finds for the same search, provided it is what the admin was shown:
 * address-book entries deleted, drafts never sent deleted, other loads anonymised (keeping the waste
 * facts), the values scrubbed from those records' audit entries, DWT's messages and the send attempts.
 * Up to FIND_MAX_RESULTS loads in one transaction. An exact search (email, phone, vehicle) matching more
 * loads than one search lists is erased in steps of ERASE_BATCH loads, each its own transaction and
 * audit entry, for up to ERASE_BUDGET_MS; the answer says how many loads remain (erase again to go
 * on), and the address-book entries go last, once no load remains. Never logs the values.
 */
export async function erasePersonalData({
  actor,
  input,
  budgetMs = ERASE_BUDGET_MS,
}: {
  actor: Actor;
  input: EraseInput;
  budgetMs?: number;
}): Promise<EraseSummary> {
  assertCan(actor, 'data-requests.manage');
  const data = eraseSchema.parse(input);
  const found = await findPersonalData({ actor, input: { by: data.by, value: data.value } });
  if (found.tooBroad) throw new ValidationError({ value: ['This search finds too much to be one person: narrow it before erasing'] });
  const changed = new ConflictError('The records found have changed since you searched. Search again and check what will be erased.');
  if (
    !sameSet(
      found.entries.map((e) => e.id),
      data.entryIds,
    )
  )
    throw changed;
  const entryIds = data.entryIds;

  if (!found.truncated) {
    if (
      !sameSet(
        found.loads.map((l) => l.id),
        data.loadIds,
      )
    )
      throw changed;
    const needles = needlesFor(found);
    const summary = {
      ...(await db().$transaction((tx) => eraseStep(tx, { actor, by: data.by, loads: found.loads, entryIds, needles }), TX)),
      loadsRemaining: 0,
    };
    log.info('personal data erased', { ...summary });
    return summary;
  }

  // More loads than one search lists (an exact search): in steps, each searching again for what remains.
  if (data.loadsTotal !== found.loadsTotal) throw changed;
  const started = Date.now();
  const key = searchKey(data.by, data.value);
  const linked = new Set(entryIds);
  const total: EraseSummary = { entriesDeleted: 0, loadsAnonymised: 0, draftsDeleted: 0, auditEntriesScrubbed: 0, loadsRemaining: 0 };
  const add = (step: Omit<EraseSummary, 'loadsRemaining'>) => {
    total.entriesDeleted += step.entriesDeleted;
    total.loadsAnonymised += step.loadsAnonymised;
    total.draftsDeleted += step.draftsDeleted;
    total.auditEntriesScrubbed += step.auditEntriesScrubbed;
  };
  for (;;) {
    const rows = await findLoadsMentioning({ actor, input: { by: data.by, key, addressBookIds: [...linked], limit: ERASE_BATCH } });
    if (rows.length === 0) break;
    const loads = toFoundLoads(rows, found.query, key, linked);
    const needles = needlesFor({ query: found.query, entries: found.entries, loads });
    add(await db().$transaction((tx) => eraseStep(tx, { actor, by: data.by, loads, entryIds: [], needles }), TX));
    if (Date.now() - started > budgetMs) break;
  }
  total.loadsRemaining = await countLoadsMentioning({ actor, input: { by: data.by, key, addressBookIds: [...linked] } });
  if (total.loadsRemaining === 0 && entryIds.length > 0) {
    const needles = needlesFor({ query: found.query, entries: found.entries, loads: [] });
    add(await db().$transaction((tx) => eraseStep(tx, { actor, by: data.by, loads: [], entryIds, needles }), TX));
  }
  log.info('personal data erased', { ...total });
  return total;
}

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------

const RETENTION_KEY = 'retention.sent-load-personal-fields';

export async function getRetention({ actor }: { actor: Actor }): Promise<RetentionSetting> {
  assertCan(actor, 'data-requests.manage');
  return readRetention();
}

async function readRetention(): Promise<RetentionSetting> {
  const row = await db().appSetting.findUnique({ where: { key: RETENTION_KEY } });
  const months = isObject(row?.value) && typeof row.value.months === 'number' ? row.value.months : null;
  return { months };
}

export async function saveRetention({ actor, input }: { actor: Actor; input: RetentionInput }): Promise<RetentionSetting> {
  assertCan(actor, 'data-requests.manage');
  const data = retentionSchema.parse(input);
  const months = data.enabled ? data.months! : null;
  return db().$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: RETENTION_KEY } });
    const from = isObject(before?.value) && typeof before.value.months === 'number' ? before.value.months : null;
    await tx.appSetting.upsert({
      where: { key: RETENTION_KEY },
      create: { key: RETENTION_KEY, value: { months }, updatedById: auditActorId(actor) },
      update: { value: { months }, updatedById: auditActorId(actor) },
    });
    if (from !== months) {
      await recordAudit(tx, {
        actorId: auditActorId(actor),
        action: 'settings.update',
        entityType: 'setting',
        entityId: RETENTION_KEY,
        changes: { months: { from, to: months } },
      });
    }
    return { months };
  });
}

/** `now` less whole calendar months (the 31st less a month is the last day of the shorter month). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

const RETENTION_BATCH = 200;

/**
 * Anonymises the personal fields of loads sent longer ago than the retention setting (off: nothing),
 * in batches, each with its audit entry (counts and ids only). Run periodically (periodic.ts) and by tests.
 */
export async function anonymiseExpiredLoads({ now = new Date(), actor = systemActor() }: { now?: Date; actor?: Actor } = {}) {
  assertCan(actor, 'data-requests.manage');
  const { months } = await readRetention();
  if (months === null) return { anonymised: 0, cutoff: null };
  const cutoff = monthsBefore(now, months);
  const seen = new Set<string>();
  let anonymised = 0;
  for (;;) {
    const ids = (await findSentLoadsWithPersonalData({ before: cutoff, limit: RETENTION_BATCH })).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    ids.forEach((id) => seen.add(id));
    const loads = new Map<string, readonly LoadRole[]>(ids.map((id) => [id, LOAD_ROLES]));
    await db().$transaction(
      async (tx) => {
        const { anonymised: done } = await eraseFromLoads(tx, { loads: ids.map((id) => ({ id, roles: [...LOAD_ROLES] })), needles: { texts: [], phones: [] } });
        await scrubAudit(tx, { needles: { texts: [], phones: [] }, loads, entryIds: [] });
        await recordAudit(tx, {
          actorId: auditActorId(actor),
          action: 'data-retention.anonymise',
          entityType: 'data-request',
          entityId: randomUUID(),
          changes: { retentionMonths: { to: months }, sentBefore: { to: cutoff.toISOString() }, loadsAnonymised: { to: done } },
        });
        anonymised += done.length;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  if (anonymised > 0) log.info('sent loads anonymised after the retention period', { anonymised, months });
  return { anonymised, cutoff };
}
