import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { DisableAccount, ResetPassword } from '@/components/admin/users/account-actions';
import { EditUserForm } from '@/components/admin/users/edit-user-form';
import { statusLabels } from '@/components/admin/users/users-table';
import { requirePermission } from '@/lib/auth/session';
import { orNotFound } from '@/lib/not-found';
import { listSites } from '@/lib/sites/service';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { getUser } from '@/lib/users/service';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('users.manage');
  const { id } = await params;
  const user = await orNotFound(getUser({ actor, id }));
  const sites = await listSites({ actor });
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/users" className="text-brand-700 underline">
          Back to users
        </Link>
      </p>
      <PageHeading lead={`${user.email} · ${statusLabels[user.status]} · last signed in ${user.lastSignInAt ? formatUkDateTime(user.lastSignInAt) : 'never'}`}>
        {user.name}
      </PageHeading>
      <div className="grid gap-8 lg:grid-cols-2">
        <section className="border border-slate-300 bg-white p-5">
          <EditUserForm user={user} sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
        </section>
        <div className="border border-slate-300 bg-white p-5">
          <DisableAccount user={user} isSelf={user.id === actor.id} />
          <ResetPassword user={user} invited={user.status === 'invited' || user.status === 'invitation-expired'} />
        </div>
      </div>
    </>
  );
}
