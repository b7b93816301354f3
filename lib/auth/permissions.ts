// Who may do what. Every action, route and service checks one of these on the server; the navigation
// only hides what a role cannot use. A user may hold several roles (a small site's owner is often both
// manager and admin); a permission is granted when any of the user's roles is listed.
import type { Role } from '@/lib/generated/prisma/enums';

export const ROLES = ['CLERK', 'MANAGER', 'ADMIN'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  CLERK: 'Weighbridge clerk',
  MANAGER: 'Site manager',
  ADMIN: 'Administrator',
};

export const permissions = {
  /** Log a new load and correct one's own loads until they are sent. */
  'loads.create': ['CLERK', 'MANAGER'],
  /** See the loads of one's sites. */
  'loads.view': ['CLERK', 'MANAGER', 'ADMIN'],
  /** Correct any load of one's sites, resolve loads needing a check, and export records. */
  'loads.manage': ['MANAGER'],
  /** The reporting deadline and delivery status. */
  'delivery.view': ['MANAGER', 'ADMIN'],
  /** Create, change and disable user accounts. */
  'users.manage': ['ADMIN'],
  /** Sites, their receiver details and the operator's DWT apiCode. */
  'sites.manage': ['ADMIN'],
  /** DWT connection settings and credentials. */
  'dwt.manage': ['ADMIN'],
  /** The address book of every site: edit entries and merge duplicates. */
  'address-book.manage': ['ADMIN'],
  /** Weigh vehicles in and out at a site's weighbridge and watch its live weight. */
  'weighings.create': ['CLERK', 'MANAGER'],
  /** Vehicles' stored tares: record (from an empty weighing or by hand), correct and remove them. */
  'tares.manage': ['CLERK', 'MANAGER', 'ADMIN'],
  /** Each site's weighbridges: how the indicator is read, its format, camera and agent token. */
  'weighbridges.manage': ['ADMIN'],
  /** Customers' data requests: find, export, erase. */
  'data-requests.manage': ['ADMIN'],
  /** Backups: when, where, how long kept; take one now. */
  'backups.manage': ['ADMIN'],
  /** Whether backups are happening (the warning on the home page). */
  'backups.view': ['MANAGER', 'ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesFor(permission: Permission): readonly Role[] {
  return permissions[permission];
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return roles.some((r) => allowed.includes(r));
}
