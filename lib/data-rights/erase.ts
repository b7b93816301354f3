// Customers' data rights: erasing a person. Erased values are never logged, and never written to the
// audit log: the erasure's own audit entries hold counts and ids only, and the erased records' earlier
// audit entries are scrubbed of the values.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { deletePartiesForErasure } from '@/lib/address-book/admin';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit, rewriteAuditEntries } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db';
import { ConflictError, ValidationError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { isPersonalLoadAuditKey, needlesOf, personalEntryAuditKey, scrubAuditChanges, type Needles } from './anonymise';
import { findPersonalData, toFoundLoads } from './find';
import { countLoadsMentioning, eraseFromLoads, findLoadsMentioning } from './loads';
import { eraseSchema, matchKey, searchKey, type EraseInput, type EraseSummary, type FindBy, type FindResult, type FoundLoad, type LoadRole } from './schema';

const log = logger.child({ domain: 'data-rights' });

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
export async function scrubAudit(
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
