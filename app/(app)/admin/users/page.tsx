import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { RemoveDemoAccounts } from '@/components/admin/users/remove-demo-accounts';
import { UsersTable } from '@/components/admin/users/users-table';
import { CreateUserForm } from '@/components/create-user-form';
import { requirePermission } from '@/lib/auth/session';
import { listSites } from '@/lib/sites/service';
import { countDemoAccounts, listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePermission('users.manage');
  const [users, sites, demoAccounts] = await Promise.all([listUsers({ actor }), listSites({ actor }), countDemoAccounts()]);
  return (
    <>
      <PageHeading lead="Choose a person to change their roles and sites, disable their account or reset their password.">Users</PageHeading>
      {demoAccounts > 0 && <RemoveDemoAccounts count={demoAccounts} />}
      <div className="grid gap-8 xl:grid-cols-[3fr_2fr]">
        <section aria-labelledby="users-heading">
          <h2 id="users-heading" className="mb-4 text-xl font-bold">
            People who can sign in
          </h2>
          <UsersTable users={users} />
        </section>
        <section className="border border-slate-300 bg-white p-5">
          <CreateUserForm sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
        </section>
      </div>
    </>
  );
}
