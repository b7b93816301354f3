import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { DataRequestPanel } from '@/components/admin/data-requests/data-request-panel';
import { RetentionForm } from '@/components/admin/data-requests/retention-form';
import { requirePermission } from '@/lib/auth/session';
import { getRetention } from '@/lib/data-rights/service';

export const metadata: Metadata = { title: 'Customers’ data requests' };

export default async function Page() {
  const actor = await requirePermission('data-requests.manage');
  const retention = await getRetention({ actor });
  return (
    <>
      <PageHeading lead="Act on a person’s or organisation’s request: find what is held about them, give them a copy, and erase it. This works across every site, whether or not you work at one.">
        Customers’ data requests
      </PageHeading>
      <div className="space-y-10">
        <DataRequestPanel />
        <RetentionForm setting={retention} />
      </div>
    </>
  );
}
