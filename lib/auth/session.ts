// The signed-in actor for pages, routes and actions. Pages use requirePermission (redirects);
// actions use runAction (lib/auth/run-action.ts), which returns a typed refusal instead.
import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { findActor } from '@/lib/users/service';
import type { Actor } from './actor';
import { authOptions } from './options';
import { can, type Permission } from './permissions';

/** The current actor, or null. Cached for the length of one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: string; sv?: number } | null;
  if (!session?.userId) return null;
  return findActor({ userId: session.userId, sessionVersion: Number(session.sv ?? 0) });
});

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  return actor;
}

/** For pages: the actor holding this permission, or a redirect to the "not allowed" page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor.roles, permission)) redirect('/not-allowed');
  return actor;
}
