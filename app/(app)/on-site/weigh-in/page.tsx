import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { SitePicker } from '@/components/site-picker';
import { WeighForm } from '@/components/weighing/weigh-form';
import { requirePermission } from '@/lib/auth/session';
import { gatehouseSite } from '@/lib/loads/weighing';
import { listSites } from '@/lib/sites/service';

export const metadata: Metadata = { title: 'Weigh in' };

export default async function WeighInPage({ searchParams }: { searchParams: Promise<{ site?: string }> }) {
  const actor = await requirePermission('weighings.create');
  const params = await searchParams;
  const sites = (await listSites({ actor })).filter((s) => actor.siteIds.includes(s.id));
  if (sites.length === 0) {
    return (
      <>
        <PageHeading>Weigh in</PageHeading>
        <p className="max-w-2xl border-l-4 border-danger-700 bg-white p-4">You are not assigned to a site yet. Ask an administrator to add you to your site.</p>
      </>
    );
  }
  const siteId = sites.some((s) => s.id === params.site) ? params.site! : sites[0]!.id;
  const site = await gatehouseSite({ actor, input: { siteId } });
  return (
    <>
      <p className="mb-2">
        <Link href="/on-site" className="text-brand-700 underline">
          Back to On site now
        </Link>
      </p>
      <PageHeading lead={`At ${site.name}. The load is saved as soon as the vehicle is weighed in.`}>Weigh in</PageHeading>
      {sites.length > 1 && <SitePicker sites={sites.map((s) => ({ id: s.id, name: s.name }))} current={siteId} basePath="/on-site/weigh-in" />}
      <WeighForm key={siteId} mode="in" site={site} />
    </>
  );
}
