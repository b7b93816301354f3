import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { NewLoadForm } from '@/components/load-form/new-load-form';
import { requirePermission } from '@/lib/auth/session';
import { receivingSiteOf } from '@/lib/delivery/receiving-site';
import { getLoad } from '@/lib/loads/service';

export const metadata: Metadata = { title: 'Correct a load' };

export default async function EditLoadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('loads.create');
  const load = await getLoad({ actor, input: { id: (await params).id } });
  return (
    <>
      <PageHeading lead={load.wasteTrackingId ? `DWT holds this load as ${load.wasteTrackingId}: saving sends the whole corrected record as an update.` : undefined}>
        Correct load {load.ticketNumber}
      </PageHeading>
      <NewLoadForm
        site={{ id: load.site.id, name: load.site.name, receiving: receivingSiteOf(load.site) }}
        initial={load.form}
        existing={{ id: load.id, version: load.version, ticketNumber: load.ticketNumber }}
      />
    </>
  );
}
