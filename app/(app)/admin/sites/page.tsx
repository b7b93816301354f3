import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { SitesTable } from '@/components/admin/sites/sites-table';
import { requirePermission } from '@/lib/auth/session';
import { listSitesForAdmin } from '@/lib/sites/service';

export const metadata: Metadata = { title: 'Sites' };

export default async function SitesPage() {
  const actor = await requirePermission('sites.manage');
  const sites = await listSitesForAdmin({ actor });
  return (
    <>
      <PageHeading lead="Each site’s receiver details go on every load sent to DWT. People see only the loads of their sites.">Sites</PageHeading>
      <p className="mb-6">
        <Link href="/admin/sites/new" className="inline-block bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
          Add a site
        </Link>
      </p>
      <SitesTable sites={sites} />
    </>
  );
}
