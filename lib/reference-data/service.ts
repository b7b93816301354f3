import 'server-only';
// DWT's five reference-data lists, kept in Postgres. syncReferenceData() fetches them from DWT on
// demand; getReferenceLookups() serves the synced lists, or the bundled copy of any list never synced.
// DWT being unreachable never reaches the caller: the failure is logged and reported, the data kept.
import { isDeepStrictEqual } from 'node:util';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/logger';
import { bundledLookups, bundledReferenceData, createLookups, type ReferenceLookups } from './catalogue';
import { REFERENCE_LIST_NAMES, referenceListSchemas, type ReferenceEntry, type ReferenceListName } from './lists';

const log = logger.child({ component: 'reference-data' });

/** Other app instances' syncs show up within this long. */
const LOOKUPS_TTL_MS = 60_000;

/** Why DWT could not give a list (the kinds of lib/dwt/client.ts's DwtFailure). */
type FetchFailure = 'rate-limited' | 'unavailable' | 'not-authorised' | 'payment-required' | 'unexpected';

/**
 * Where the lists come from: DWT's client (lib/dwt/client.ts, made by lib/dwt-settings/client.ts) is one.
 * Described here, not imported, because lib/dwt depends on reference data, never the other way round.
 */
export interface ReferenceListSource {
  /** The DWT environment the lists come from, stored with them. */
  readonly environment: string;
  getReferenceList<N extends ReferenceListName>(name: N): Promise<{ kind: 'ok'; data: ReferenceEntry<N>[] } | { kind: FetchFailure }>;
}

export interface SyncReport {
  /** Lists stored from DWT's answer (changed or not). */
  synced: ReferenceListName[];
  /** Lists whose stored copy was kept, and why. */
  failed: { name: ReferenceListName; reason: FetchFailure | 'empty' }[];
}

// The lookups being built or built, shared: when they expire, the many sends a worker has in flight
// wait for one rebuild instead of each reading and parsing the lists again.
let cached: { lookups: Promise<ReferenceLookups>; loadedAt: number } | undefined;

/**
 * Fetches the five lists from DWT and stores each one DWT returned. A list DWT could not give (or gave
 * empty, which would make every code unknown) keeps its stored or bundled copy. Without an actor it
 * runs as the system (start-up, schedules); a person needs the `dwt.manage` permission.
 */
export async function syncReferenceData({ actor, client }: { actor?: Actor; client: ReferenceListSource }): Promise<SyncReport> {
  if (actor) assertCan(actor, 'dwt.manage');
  const fetched = await Promise.all(REFERENCE_LIST_NAMES.map(async (name) => ({ name, outcome: await client.getReferenceList(name) })));

  const report: SyncReport = { synced: [], failed: [] };
  const lists: { name: ReferenceListName; data: readonly unknown[] }[] = [];
  for (const { name, outcome } of fetched) {
    if (outcome.kind !== 'ok') report.failed.push({ name, reason: outcome.kind });
    else if (outcome.data.length === 0) report.failed.push({ name, reason: 'empty' });
    else lists.push({ name, data: outcome.data });
  }

  const fetchedAt = new Date();
  await db().$transaction(async (tx) => {
    const previous = new Map((await tx.referenceList.findMany({ where: { name: { in: lists.map((l) => l.name) } } })).map((row) => [row.name, row.data]));
    for (const { name, data } of lists) {
      const json = data as Prisma.InputJsonValue;
      await tx.referenceList.upsert({
        where: { name },
        create: { name, data: json, fetchedAt, source: client.environment },
        update: { data: json, fetchedAt, source: client.environment },
      });
      const before = previous.get(name);
      if (!isDeepStrictEqual(before, data)) {
        await recordAudit(tx, {
          actorId: actor ? auditActorId(actor) : null,
          action: 'reference-data.sync',
          entityType: 'reference_list',
          entityId: name,
          changes: { entries: { from: Array.isArray(before) ? before.length : null, to: data.length }, source: client.environment },
        });
      }
      report.synced.push(name);
    }
  });
  cached = undefined;

  if (report.failed.length) log.warn('reference data not synced from DWT; keeping the stored copies', { failed: report.failed });
  else log.info('reference data synced from DWT', { lists: report.synced, source: client.environment });
  return report;
}

/** Lookups over the synced lists, with the bundled copy of any list never synced (or unreadable). */
export function getReferenceLookups(): Promise<ReferenceLookups> {
  if (cached && Date.now() - cached.loadedAt < LOOKUPS_TTL_MS) return cached.lookups;
  const entry = { lookups: loadLookups(), loadedAt: Date.now() };
  cached = entry;
  // A failure is not kept: the next caller reads again.
  entry.lookups.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return entry.lookups;
}

async function loadLookups(): Promise<ReferenceLookups> {
  const stored = new Map((await db().referenceList.findMany()).map((row) => [row.name, row.data]));

  // Stored JSON is parsed again: it is only as trustworthy as the last thing that wrote it.
  function list<N extends ReferenceListName>(name: N): ReferenceEntry<N>[] | undefined {
    if (!stored.has(name)) return undefined;
    const parsed = referenceListSchemas[name].array().safeParse(stored.get(name));
    if (parsed.success) return parsed.data as ReferenceEntry<N>[];
    log.warn('stored reference list unreadable; using the bundled copy', { name });
    return undefined;
  }

  return stored.size === 0
    ? bundledLookups()
    : createLookups({
        ewcCodes: list('ewc-codes') ?? bundledReferenceData.ewcCodes,
        hazardousPropertyCodes: list('hazardous-property-codes') ?? bundledReferenceData.hazardousPropertyCodes,
        disposalOrRecoveryCodes: list('disposal-or-recovery-codes') ?? bundledReferenceData.disposalOrRecoveryCodes,
        containerTypes: list('container-types') ?? bundledReferenceData.containerTypes,
        popNames: list('pop-names') ?? bundledReferenceData.popNames,
      });
}

/** Where each list comes from now, for the DWT connection page. */
export async function listReferenceDataStatus({ actor }: { actor: Actor }) {
  assertCan(actor, 'dwt.manage');
  const rows = await db().referenceList.findMany({ select: { name: true, fetchedAt: true, source: true, data: true } });
  const byName = new Map(rows.map((r) => [r.name, r]));
  return REFERENCE_LIST_NAMES.map((name) => {
    const row = byName.get(name);
    return {
      name,
      entries: Array.isArray(row?.data) ? row.data.length : null,
      fetchedAt: row?.fetchedAt ?? null,
      source: row?.source ?? 'bundled copy',
    };
  });
}
