// The audit log. Entries are written with the transaction client of the change they record, so a
// change and its entry commit or roll back together. Never pass secrets or erased values in `changes`.
import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

export interface AuditInput {
  actorId: string | null;
  action: string; // verb.noun, e.g. "user.create"
  entityType: string;
  entityId: string;
  siteId?: string | null;
  changes?: Record<string, { from?: unknown; to?: unknown } | unknown>;
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

/** Field-by-field differences between two versions of a record, for an update's audit entry. */
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
    if (JSON.stringify(a) !== JSON.stringify(b)) out[String(f)] = { from: a, to: b };
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
 * decides who may see its history (e.g. getLoadHistory in lib/loads/service.ts) and calls this.
 */
export async function listAuditEntries({ input }: { actor: Actor; input: { entityType: string; entityId: string; take?: number } }): Promise<AuditEntryView[]> {
  const rows = await db().auditEntry.findMany({
    where: { entityType: input.entityType, entityId: input.entityId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: Math.min(input.take ?? 500, 2000),
  });
  return rows.map((r) => ({ id: String(r.id), at: r.at, actorId: r.actorId, action: r.action, changes: (r.changes ?? {}) as Record<string, unknown> }));
}
