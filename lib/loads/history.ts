// A load's history: every audit entry of it, with the names of the people who made them.
import 'server-only';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { listAuditEntries } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { namesOfUsers } from '@/lib/users/service';

export interface LoadHistoryEntry {
  id: string;
  at: Date;
  /** The person's name, "System" for the app itself, or "A deleted user". */
  actorName: string;
  action: string;
  changes: Record<string, unknown>;
}

/** Every audit entry of a load, newest first, with the names of the people who made them. */
export async function getLoadHistory({ actor, input }: { actor: Actor; input: { id: string } }): Promise<LoadHistoryEntry[]> {
  assertCan(actor, 'loads.view');
  const load = await db().load.findUnique({ where: { id: input.id }, select: { siteId: true } });
  if (!load || !actor.siteIds.includes(load.siteId)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
  const entries = await listAuditEntries({ actor, input: { entityType: 'load', entityId: input.id } });
  const names = await namesOfUsers(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    actorName: e.actorId === null ? 'System' : (names.get(e.actorId) ?? 'A deleted user'),
    action: e.action,
    changes: e.changes,
  }));
}
