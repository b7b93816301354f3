// The navigation, filtered by permission. Hiding a link is a courtesy; every page checks on the server.
import type { Role } from '@/lib/generated/prisma/enums';
import { can, type Permission } from '@/lib/auth/permissions';
import type { NavItem } from './nav-links';

const items: (NavItem & { permission?: Permission })[] = [
  { href: '/', label: 'Home' },
  { href: '/loads/new', label: 'Log a load', permission: 'loads.create' },
  { href: '/on-site', label: 'On site now', permission: 'loads.view' },
  { href: '/loads', label: 'Loads', permission: 'loads.view' },
  { href: '/delivery', label: 'Delivery to DWT', permission: 'delivery.view' },
  { href: '/admin/users', label: 'Users', permission: 'users.manage' },
  { href: '/admin/sites', label: 'Sites', permission: 'sites.manage' },
  { href: '/admin/dwt', label: 'DWT connection', permission: 'dwt.manage' },
  { href: '/admin/data-requests', label: 'Data requests', permission: 'data-requests.manage' },
  { href: '/admin/address-book', label: 'Address book', permission: 'address-book.manage' },
  { href: '/admin/backups', label: 'Backups', permission: 'backups.manage' },
];

export function navigationFor(roles: readonly Role[]): NavItem[] {
  return items.filter((i) => !i.permission || can(roles, i.permission)).map(({ href, label }) => ({ href, label }));
}
