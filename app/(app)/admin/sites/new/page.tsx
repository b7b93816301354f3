import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { SiteForm } from '@/components/admin/sites/site-form';
import { requirePermission } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Add a site' };

export default async function NewSitePage() {
  const actor = await requirePermission('sites.manage');
  const people = await listUsers({ actor });
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/sites" className="text-brand-700 underline">
          Back to sites
        </Link>
      </p>
      <PageHeading>Add a site</PageHeading>
      <div className="max-w-3xl border border-slate-300 bg-white p-5">
        <SiteForm people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))} />
      </div>
    </>
  );
}
