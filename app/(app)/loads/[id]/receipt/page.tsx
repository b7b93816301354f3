import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from '@/components/forms/button-link';
import { PrintButton } from '@/components/print-button';
import { WeighbridgeTicket } from '@/components/ticket/weighbridge-ticket';
import { requirePermission } from '@/lib/auth/session';
import { TICKET_LAYOUTS, isTicketLayout, ticketLayoutLabels, type TicketLayout } from '@/lib/sites/schema';
import { getLoadTicket } from '@/lib/loads/ticket-service';
import { orNotFound } from '@/lib/not-found';

export const metadata: Metadata = { title: 'Weighbridge ticket' };

/** The paper each layout prints on; the app's frame is left out of the print. */
const PRINT_CSS: Record<TicketLayout, string> = {
  a4: '@media print { @page { size: A4; margin: 12mm; } #main-content { padding: 0; max-width: none; } }',
  'thermal-80': '@media print { @page { size: 80mm 297mm; margin: 0; } #main-content { padding: 0; margin: 0; max-width: none; } }',
};

/** The driver's copy: the weighbridge ticket, on A4 or an 80 mm thermal roll (the site's choice by default). */
export default async function TicketPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ layout?: string }> }) {
  const actor = await requirePermission('loads.view');
  const { loadId, ticket, siteLayout } = await orNotFound(getLoadTicket({ actor, input: { id: (await params).id } }));
  const asked = (await searchParams).layout;
  const layout: TicketLayout = isTicketLayout(asked) ? asked : siteLayout;
  return (
    <>
      <style>{PRINT_CSS[layout]}</style>
      <nav aria-label="Ticket layout" className="no-print mb-4 flex flex-wrap items-center gap-3">
        <span className="font-semibold">Print on:</span>
        {TICKET_LAYOUTS.map((l) => (
          <Link
            key={l}
            href={`/loads/${loadId}/receipt?layout=${l}`}
            aria-current={l === layout ? 'page' : undefined}
            className={`border-2 px-3 py-1 font-semibold ${l === layout ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-700 bg-white text-brand-700 underline'}`}
          >
            {ticketLayoutLabels[l]}
            {l === siteLayout ? ' (this site’s usual)' : ''}
          </Link>
        ))}
      </nav>
      <WeighbridgeTicket ticket={ticket} layout={layout} />
      <p className="no-print mt-6 flex flex-wrap gap-3">
        <PrintButton />
        <ButtonLink href={`/loads/${loadId}`} variant="secondary">
          Back to the load
        </ButtonLink>
      </p>
    </>
  );
}
