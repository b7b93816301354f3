import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';
import { LoadFormWithAddressBook } from '@/components/load-form/load-form-with-address-book';
import { SitePicker } from '@/components/site-picker';
import { requirePermission } from '@/lib/auth/session';
import { emptyLoadForm } from '@/lib/loads/schema';
import { copyLoadForm, startNewLoad } from '@/lib/loads/service';
import { listSites } from '@/lib/sites/service';

export const metadata: Metadata = { title: 'Log a load' };

export default async function NewLoadPage({ searchParams }: { searchParams: Promise<{ site?: string; copy?: string }> }) {
  const actor = await requirePermission('loads.create');
  const params = await searchParams;
  const sites = (await listSites({ actor })).filter((s) => actor.siteIds.includes(s.id));
  if (sites.length === 0) {
    return (
      <>
        <PageHeading>Log a load</PageHeading>
        <p className="max-w-2xl border-l-4 border-danger-700 bg-white p-4">You are not assigned to a site yet. Ask an administrator to add you to your site.</p>
      </>
    );
  }
  const siteId = sites.some((s) => s.id === params.site) ? params.site! : sites[0]!.id;
  const start = await startNewLoad({ actor, input: { siteId } });
  const initial = params.copy
    ? { ...(await copyLoadForm({ actor, input: { id: params.copy } })), yourUniqueReference: start.suggestedTicketNumber }
    : emptyLoadForm({ dateTimeReceived: start.dateTimeReceived, yourUniqueReference: start.suggestedTicketNumber, unit: start.site.unit });
  return (
    <>
      <PageHeading>Log a load</PageHeading>
      {sites.length > 1 && <SitePicker sites={sites.map((s) => ({ id: s.id, name: s.name }))} current={siteId} />}
      <LoadFormWithAddressBook key={`${siteId}-${params.copy ?? ''}`} site={start.site} initial={initial} />
    </>
  );
}
