import type { Metadata } from 'next';
import { orNotFound } from '@/lib/not-found';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { LoadFormWithAddressBook } from '@/components/load-form/load-form-with-address-book';
import { requirePermission } from '@/lib/auth/session';
import { correctionNeedsReason, getLoad, loadFormSite, mayCorrectLoad } from '@/lib/loads/service';
import { describeWeighings, readWeighings } from '@/lib/loads/weighing-schema';

export const metadata: Metadata = { title: 'Correct a load' };

export default async function EditLoadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('loads.create');
  const load = await orNotFound(getLoad({ actor, input: { id: (await params).id } }));
  // The same rule saveLoad enforces on the server: managers correct any load, clerks their own until sent.
  const correction = mayCorrectLoad(actor, load);
  if (!correction.ok) {
    return (
      <>
        <PageHeading>You cannot correct load {load.ticketNumber}</PageHeading>
        <p className="mb-4 max-w-3xl">{correction.reason}</p>
        <p>
          <Link href={`/loads/${load.id}`} className="font-semibold text-brand-700 underline">
            Back to load {load.ticketNumber}
          </Link>
        </p>
      </>
    );
  }
  const weighings = readWeighings(load.weighings);
  const onSite = load.status === 'ON_SITE';
  return (
    <>
      <PageHeading
        lead={load.wasteTrackingId ? `DWT holds this load as ${load.wasteTrackingId}: saving sends the whole corrected record as an update.` : undefined}
      >
        {onSite
          ? `Waste details for ${load.vehicleRegistration ?? `ticket ${load.ticketNumber}`} (on site)`
          : load.status === 'DRAFT' && weighings.length > 0
            ? `Finish load ${load.ticketNumber}`
            : `Correct load ${load.ticketNumber}`}
      </PageHeading>
      <LoadFormWithAddressBook
        site={await loadFormSite(load.site)}
        initial={load.form}
        existing={{ id: load.id, version: load.version, ticketNumber: load.ticketNumber, reasonRequired: correctionNeedsReason(actor, load) }}
        weighing={weighings.length > 0 ? { summary: describeWeighings(weighings), onSite } : undefined}
      />
    </>
  );
}
