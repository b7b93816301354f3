// The signed-in person as every service sees them, and the server-side permission and site checks.
import type { Role } from '@/lib/generated/prisma/enums';
import { ForbiddenError } from '@/lib/errors';
import { can, type Permission } from './permissions';

export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  siteIds: string[];
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) throw new ForbiddenError();
}

export function assertSite(actor: Actor, siteId: string): void {
  if (!actor.siteIds.includes(siteId)) {
    throw new ForbiddenError('You do not work at that site.');
  }
}

/** Start-up seeding and background jobs act as the system: every role, the given sites. */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
export function systemActor(siteIds: string[] = []): Actor {
  return { id: SYSTEM_ACTOR_ID, email: 'system', name: 'Weighbook', roles: ['ADMIN', 'MANAGER', 'CLERK'], siteIds };
}

/** The id to record in the audit log: null for the system. */
export function auditActorId(actor: Actor): string | null {
  return actor.id === SYSTEM_ACTOR_ID ? null : actor.id;
}
