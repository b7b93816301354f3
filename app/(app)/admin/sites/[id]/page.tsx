import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { SiteForm } from '@/components/admin/sites/site-form';
import { requirePermission } from '@/lib/auth/session';
import { orNotFound } from '@/lib/not-found';
import { getSite } from '@/lib/sites/service';
import { getApiCodeStates } from '@/lib/delivery/service';
import { SiteApiCodeStatus } from '@/components/dwt-api-codes/site-status';
import { listUsers } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Site' };

export default async function SitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requirePermission('sites.manage');
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const site = await orNotFound(getSite({ actor, id }));
  const [people, apiCodes] = await Promise.all([listUsers({ actor }), getApiCodeStates({ actor })]);
  const apiCode = apiCodes.find((s) => s.sites.some((x) => x.id === site.id));
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/sites" className="text-brand-700 underline">
          Back to sites
        </Link>
      </p>
      <PageHeading>{site.name}</PageHeading>
      {created && (
        <p role="status" className="mb-4 max-w-3xl border-l-4 border-brand-600 bg-brand-50 p-3">
          The site is added.
        </p>
      )}
      <SiteApiCodeStatus state={apiCode} ownCode={Boolean(site.apiCode)} />
      <div className="max-w-3xl border border-slate-300 bg-white p-5">
        <SiteForm site={site} people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))} />
      </div>
    </>
  );
}
