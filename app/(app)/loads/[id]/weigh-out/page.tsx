import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeading } from '@/components/app-shell';
import { WeighForm } from '@/components/weighing/weigh-form';
import { requirePermission } from '@/lib/auth/session';
import { getOnSiteLoad, gatehouseSite } from '@/lib/loads/weighing';
import { weightSourceLabels } from '@/lib/loads/weighing-schema';
import { formatWeight } from '@/lib/loads/weights';
import { orNotFound } from '@/lib/not-found';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'Weigh out' };

export default async function WeighOutPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('weighings.create');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const load = await orNotFound(getOnSiteLoad({ actor, input: { id } }));
  const site = await gatehouseSite({ actor, input: { siteId: load.siteId } });
  const first = load.weighings.find((w) => w.pass === 'first');
  if (load.status !== 'ON_SITE' || !first) {
    return (
      <>
        <PageHeading>Weigh out</PageHeading>
        <p className="mb-4 max-w-2xl border-l-4 border-slate-700 bg-white p-4">Ticket {load.ticketNumber} has already been weighed out.</p>
        <Link href={`/loads/${load.id}`} className="font-semibold text-brand-700 underline">
          Open the load
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="mb-2">
        <Link href="/on-site" className="text-brand-700 underline">
          Back to On site now
        </Link>
      </p>
      <PageHeading lead={`Ticket ${load.ticketNumber} at ${site.name}. Net weight = first weight − second weight.`}>
        Weigh out {load.vehicleRegistration ?? ''}
      </PageHeading>
      <WeighForm
        mode="out"
        site={site}
        load={{
          id: load.id,
          ticketNumber: load.ticketNumber,
          vehicleRegistration: load.vehicleRegistration,
          carrierName: load.carrierName,
          weighedInAt: formatUkDateTime(load.weighedInAt),
          firstWeight: `${formatWeight(first.amount, first.unit)} (${weightSourceLabels[first.source].toLowerCase()})`,
        }}
      />
    </>
  );
}
