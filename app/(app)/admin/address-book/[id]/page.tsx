import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeading } from '@/components/app-shell';
import { EditPartyForm } from '@/components/admin/address-book/edit-party-form';
import { adminGetParty } from '@/lib/address-book/admin';
import { requirePermission } from '@/lib/auth/session';
import { orNotFound } from '@/lib/not-found';

export const metadata: Metadata = { title: 'Edit address-book entry' };

export default async function EditPartyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('address-book.manage');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const entry = await orNotFound(adminGetParty({ actor, input: { id } }));
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/address-book" className="text-brand-700 underline">
          Back to the address book
        </Link>
      </p>
      <PageHeading lead={`${entry.kind === 'CARRIER' ? 'Carrier' : 'Broker or dealer'} at ${entry.siteName}.`}>Edit {entry.organisationName}</PageHeading>
      <EditPartyForm entry={{ ...entry, updatedAt: entry.updatedAt.toISOString() }} />
    </>
  );
}
