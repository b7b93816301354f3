// Who may read the reference lists over HTTP: anyone who logs or views loads. A pure decision so the
// route stays thin and each role's answer is unit-tested without a session.
import { can, type Permission } from '@/lib/auth/permissions';
import type { Role } from '@/lib/generated/prisma/enums';

/** Holding any one of these is enough. */
export const REFERENCE_DATA_PERMISSIONS = ['loads.view', 'loads.create'] as const satisfies readonly Permission[];

export type ReferenceDataAccess = 'allowed' | 'not-signed-in' | 'forbidden';

export function referenceDataAccess(actor: { roles: readonly Role[] } | null): ReferenceDataAccess {
  if (!actor) return 'not-signed-in';
  return REFERENCE_DATA_PERMISSIONS.some((permission) => can(actor.roles, permission)) ? 'allowed' : 'forbidden';
}
