import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { CreateUserForm } from '@/components/create-user-form';
import { roleLabels } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listSites } from '@/lib/sites/service';
import { listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePermission('users.manage');
  const [users, sites] = await Promise.all([listUsers({ actor }), listSites({ actor })]);
  return (
    <>
      <PageHeading>Users</PageHeading>
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="users-heading">
          <h2 id="users-heading" className="mb-4 text-xl font-bold">
            People who can sign in
          </h2>
          <table className="w-full border-collapse bg-white text-left">
            <caption className="sr-only">Users, their roles and sites</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">Name</th>
                <th scope="col" className="p-2">Roles</th>
                <th scope="col" className="p-2">Sites</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-300 align-top">
                  <td className="p-2">
                    <span className="font-semibold">{u.name}</span>
                    <br />
                    <span className="text-sm text-slate-700">{u.email}</span>
                    {u.disabled && <span className="ml-2 text-sm font-semibold">(disabled)</span>}
                  </td>
                  <td className="p-2">{u.roles.map((r) => roleLabels[r]).join(', ')}</td>
                  <td className="p-2">{u.sites.map((s) => s.site.name).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="border border-slate-300 bg-white p-5">
          <CreateUserForm sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
        </section>
      </div>
    </>
  );
}
