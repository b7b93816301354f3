import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeading } from '@/components/app-shell';
import { EditPartyForm } from '@/components/admin/address-book/edit-party-form';
import { VehicleTares } from '@/components/admin/address-book/vehicle-tares';
import { adminGetParty } from '@/lib/address-book/admin';
import { registrationKey } from '@/lib/address-book/tare-schema';
import { listTares } from '@/lib/address-book/tares';
import { requirePermission } from '@/lib/auth/session';
import { orNotFound } from '@/lib/not-found';

export const metadata: Metadata = { title: 'Edit address-book entry' };

export default async function EditPartyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('address-book.manage');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const entry = await orNotFound(adminGetParty({ actor, input: { id } }));
  const tares = entry.kind === 'CARRIER' ? await listTares({ actor, input: { siteId: entry.siteId, vehicleRegistrations: entry.vehicleRegistrations } }) : [];
  const now = new Date();
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/address-book" className="text-brand-700 underline">
          Back to the address book
        </Link>
      </p>
      <PageHeading lead={`${entry.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer'} at ${entry.siteName}.`}>Edit {entry.organisationName}</PageHeading>
      <EditPartyForm entry={{ ...entry, updatedAt: entry.updatedAt.toISOString() }} />
      {entry.kind === 'CARRIER' && (
        <VehicleTares
          siteId={entry.siteId}
          rows={entry.vehicleRegistrations.slice(0, 200).map((reg) => {
            const t = tares.find((x) => x.vehicleRegistration === registrationKey(reg));
            return {
              vehicleRegistration: reg,
              tare: t
                ? {
                    amount: t.amount,
                    unit: t.unit,
                    weighedAt: t.weighedAt.toISOString(),
                    source: t.source,
                    expired: Boolean(t.expiresAt && t.expiresAt <= now),
                  }
                : null,
            };
          })}
        />
      )}
    </>
  );
}
