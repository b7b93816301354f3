import Link from 'next/link';
import { roleLabels } from '@/lib/auth/permissions';
import type { Role } from '@/lib/generated/prisma/enums';
import { formatUkDateTime } from '@/lib/time/uk-time';

export type UserStatus = 'active' | 'disabled' | 'invited' | 'invitation-expired';

export const statusLabels: Record<UserStatus, string> = {
  active: 'Active',
  disabled: 'Disabled',
  invited: 'Invited, not yet accepted',
  'invitation-expired': 'Invitation expired',
};

export interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: UserStatus;
  lastSignInAt: Date | null;
  sites: { site: { id: string; name: string } }[];
}

export function UsersTable({ users }: { users: UserRow[] }) {
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">Users, their roles, sites, status and last sign-in</caption>
      <thead>
        <tr className="border-b-2 border-slate-700">
          <th scope="col" className="p-2">
            Name
          </th>
          <th scope="col" className="p-2">
            Roles
          </th>
          <th scope="col" className="p-2">
            Sites
          </th>
          <th scope="col" className="p-2">
            Status
          </th>
          <th scope="col" className="p-2">
            Last signed in
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} className="border-b border-slate-300 align-top">
            <td className="p-2">
              <Link href={`/admin/users/${u.id}`} className="font-semibold text-brand-700 underline">
                {u.name}
              </Link>
              <br />
              <span className="text-sm text-slate-700">{u.email}</span>
            </td>
            <td className="p-2">{u.roles.map((r) => roleLabels[r]).join(', ')}</td>
            <td className="p-2">{u.sites.map((s) => s.site.name).join(', ') || '—'}</td>
            <td className="p-2">{statusLabels[u.status]}</td>
            <td className="p-2">{u.lastSignInAt ? formatUkDateTime(u.lastSignInAt) : 'Never'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
