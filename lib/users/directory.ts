// Looking people up for other domains: display names for audit histories, staff accounts for data requests.
import 'server-only';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';

/** Display names of users by id (for audit histories); ids of deleted users are simply absent. */
export async function namesOfUsers(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff accounts matching a data request (by name containing the key, or the same email address). */
export async function findUsersMentioning({
  actor,
  input,
}: {
  actor: Actor;
  input: { by: 'name' | 'email' | 'phone' | 'vehicle'; key: string; limit: number };
}) {
  assertCan(actor, 'data-requests.manage');
  if (input.by !== 'name' && input.by !== 'email') return [];
  return db().user.findMany({
    where: input.by === 'name' ? { name: { contains: input.key, mode: 'insensitive' } } : { email: { equals: input.key, mode: 'insensitive' } },
    select: { id: true, name: true, email: true, disabled: true, roles: true, createdAt: true },
    orderBy: { name: 'asc' },
    take: input.limit,
  });
}
