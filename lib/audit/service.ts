// The audit log. Entries are written with the transaction client of the change they record, so a
// change and its entry commit or roll back together. Never pass secrets or erased values in `changes`.
import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { Actor } from '@/lib/auth/actor';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

export interface AuditInput {
  actorId: string | null;
  action: string; // verb.noun, e.g. "user.create"
  entityType: string;
  entityId: string;
  siteId?: string | null;
  changes?: Record<string, { from?: unknown; to?: unknown } | unknown>;
}

/**
 * The entry as one SQL statement, for a change written as a single statement of its own (a new load:
 * lib/loads/save.ts) — the change and its entry still commit together. `onlyIf`: a condition on the
 * statement's other parts (the entry is written only if the change was).
 */
export function auditEntrySql(input: AuditInput, onlyIf: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO audit_entry (actor_id, action, entity_type, entity_id, site_id, changes)
    SELECT ${input.actorId}::uuid, ${input.action}, ${input.entityType}, ${input.entityId}, ${input.siteId ?? null}::uuid, ${JSON.stringify(input.changes ?? {})}::jsonb
    WHERE ${onlyIf}`;
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      siteId: input.siteId ?? null,
      changes: (input.changes ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/**
 * Field-by-field differences between two versions of a record, for an update's audit entry: each of
 * `fields` present in `after` whose value is not deeply equal to before (Dates by time, arrays and
 * objects by content). The one diff of the app: a load’s form uses it too (lib/loads/save.ts).
 */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T)[],
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (!(f in after)) continue;
    const a = before[f];
    const b = after[f];
    if (!isDeepStrictEqual(a, b)) out[String(f)] = { from: a, to: b };
  }
  return out;
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  changes: Record<string, unknown>;
}

/**
 * The audit entries of one record, newest first. No permission check here: the record's own domain
 * decides who may see its history (e.g. getLoadHistory in lib/loads/history.ts) and calls this.
 */
export async function listAuditEntries({ input }: { actor: Actor; input: { entityType: string; entityId: string; take?: number } }): Promise<AuditEntryView[]> {
  const rows = await db().auditEntry.findMany({
    where: { entityType: input.entityType, entityId: input.entityId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: Math.min(input.take ?? 500, 2000),
  });
  return rows.map((r) => ({ id: String(r.id), at: r.at, actorId: r.actorId, action: r.action, changes: (r.changes ?? {}) as Record<string, unknown> }));
}

export interface AuditRow {
  id: bigint;
  entityType: string;
  entityId: string;
  changes: unknown;
}

/**
 * Rewrites audit entries in place — only for erasing personal data, which must leave no copy in any
 * table. Only the entries of the given records are considered (never a search of every entry's text,
 * which would rewrite other people's and other records' history). `rewrite` returns the new changes,
 * or null to leave an entry alone. Returns how many changed.
 */
export async function rewriteAuditEntries(
  tx: Tx,
  { entities, rewrite }: { entities: { entityType: string; ids: readonly string[] }[]; rewrite: (row: AuditRow) => unknown },
): Promise<number> {
  const byEntity = entities.filter((e) => e.ids.length > 0).map((e) => Prisma.sql`(entity_type = ${e.entityType} AND entity_id = ANY(${[...e.ids]}::text[]))`);
  if (byEntity.length === 0) return 0;
  const rows = await tx.$queryRaw<AuditRow[]>`
    SELECT id, entity_type AS "entityType", entity_id AS "entityId", changes FROM audit_entry WHERE ${Prisma.join(byEntity, ' OR ')}`;
  let rewritten = 0;
  for (const row of rows) {
    const changes = rewrite(row);
    if (changes === null) continue;
    await tx.auditEntry.update({ where: { id: row.id }, data: { changes: changes as Prisma.InputJsonValue } });
    rewritten++;
  }
  return rewritten;
}
