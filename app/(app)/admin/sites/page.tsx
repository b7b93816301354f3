import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { SitesTable } from '@/components/admin/sites/sites-table';
import { requirePermission } from '@/lib/auth/session';
import { listSitesForAdmin } from '@/lib/sites/service';
import { ButtonLink } from '@/components/forms/button-link';

export const metadata: Metadata = { title: 'Sites' };

export default async function SitesPage() {
  const actor = await requirePermission('sites.manage');
  const sites = await listSitesForAdmin({ actor });
  return (
    <>
      <PageHeading lead="Each site’s receiver details go on every load sent to DWT. People see only the loads of their sites.">Sites</PageHeading>
      <p className="mb-6">
        <ButtonLink href="/admin/sites/new">Add a site</ButtonLink>
      </p>
      <SitesTable sites={sites} />
    </>
  );
}
