import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { LoadStatusBadge } from '@/components/load-status';
import { ExportControls } from '@/components/records/export-controls';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listRecentLoads } from '@/lib/loads/service';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'Loads' };

export default async function LoadsPage() {
  const actor = await requirePermission('loads.view');
  const loads = await listRecentLoads({ actor, input: { take: 50 } });
  return (
    <>
      <PageHeading lead="The latest loads at your sites.">Loads</PageHeading>
      {can(actor.roles, 'loads.manage') && <ExportControls />}
      {can(actor.roles, 'loads.create') && (
        <p className="mb-4">
          <Link href="/loads/new" className="inline-block bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
            Log a load
          </Link>
        </p>
      )}
      {loads.length === 0 ? (
        <p>No loads yet.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left">
          <caption className="sr-only">Latest loads, newest first</caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <th scope="col" className="p-2">Ticket</th>
              <th scope="col" className="p-2">Received</th>
              <th scope="col" className="p-2">Carrier and vehicle</th>
              <th scope="col" className="p-2">EWC codes</th>
              <th scope="col" className="p-2">Status</th>
              <th scope="col" className="p-2">Waste tracking ID</th>
            </tr>
          </thead>
          <tbody>
            {loads.map((l) => (
              <tr key={l.id} className="border-b border-slate-300">
                <td className="p-2">
                  <Link href={`/loads/${l.id}`} className="font-semibold text-brand-700 underline">
                    {l.ticketNumber}
                  </Link>
                </td>
                <td className="p-2">{formatUkDateTime(l.receivedAt)}</td>
                <td className="p-2">
                  {l.carrierName ?? '—'} {l.vehicleRegistration && <span className="text-slate-700">({l.vehicleRegistration})</span>}
                </td>
                <td className="p-2">{l.ewcCodes.join(', ')}</td>
                <td className="p-2">
                  <LoadStatusBadge status={l.status} warnings={(l.dwtWarnings as unknown[]).length} />
                </td>
                <td className="p-2 font-mono">{l.wasteTrackingId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
