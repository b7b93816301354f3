// Customers' data rights: the retention after which sent loads' personal fields are anonymised
// automatically (off unless an admin sets it), run periodically by periodic.ts.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { assertCan, auditActorId, systemActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { LOAD_ROLES } from './anonymise';
import { scrubAudit } from './erase';
import { eraseFromLoads, findSentLoadsWithPersonalData } from './loads';
import { retentionSchema, type LoadRole, type RetentionInput, type RetentionSetting } from './schema';

const log = logger.child({ domain: 'data-rights' });
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

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
