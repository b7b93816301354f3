import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { CheckNeededPanel } from '@/components/check-needed-panel';
import { LoadStatusBadge } from '@/components/load-status';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import type { DwtValidationError } from '@/lib/dwt/errors';
import { getLoad } from '@/lib/loads/service';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'Load' };

export default async function LoadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('loads.view');
  const load = await getLoad({ actor, input: { id: (await params).id } });
  const warnings = load.dwtWarnings as unknown as DwtValidationError[];
  const errors = load.dwtErrors as unknown as DwtValidationError[];
  return (
    <>
      <PageHeading>Load {load.ticketNumber}</PageHeading>
      <p className="mb-4 flex flex-wrap items-center gap-3">
        <LoadStatusBadge status={load.status} warnings={warnings.length} />
        <span>Received {formatUkDateTime(load.receivedAt)} at {load.site.name}</span>
      </p>
      {load.wasteTrackingId && (
        <p className="mb-4">
          <span className="block text-sm font-semibold uppercase tracking-wide">Waste tracking ID</span>
          <span className="font-mono text-3xl font-bold">{load.wasteTrackingId}</span>
        </p>
      )}
      {can(actor.roles, 'loads.manage') && (load.status === 'CHECK_NEEDED' || (load.status === 'NEEDS_ATTENTION' && load.wasteTrackingId)) && (
        <CheckNeededPanel loadId={load.id} ticketNumber={load.ticketNumber} receivedAt={formatUkDateTime(load.receivedAt)} />
      )}
      {(errors.length > 0 || warnings.length > 0) && (
        <ul className="mb-4 list-disc pl-6">
          {[...errors, ...warnings].map((m) => (
            <li key={`${m.key}-${m.message}`}>{m.message}</li>
          ))}
        </ul>
      )}
      <p className="mb-6 flex flex-wrap gap-3">
        <Link href={`/loads/${load.id}/receipt`} className="bg-brand-700 px-4 py-2 font-semibold text-white">
          Print the receipt
        </Link>
        <Link href={`/loads/${load.id}/edit`} className="border-2 border-slate-700 bg-white px-4 py-2 font-semibold">
          Correct this load
        </Link>
        <Link href={`/loads/new?copy=${load.id}`} className="border-2 border-slate-700 bg-white px-4 py-2 font-semibold">
          Log a similar load
        </Link>
      </p>
      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading" className="mb-2 text-xl font-bold">
          Sent to DWT
        </h2>
        {load.attempts.length === 0 ? (
          <p>Not sent yet.</p>
        ) : (
          <table className="w-full max-w-3xl border-collapse bg-white text-left">
            <caption className="sr-only">Every attempt to send this load</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">When</th>
                <th scope="col" className="p-2">How</th>
                <th scope="col" className="p-2">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {load.attempts.map((a) => (
                <tr key={String(a.id)} className="border-b border-slate-300">
                  <td className="p-2">{formatUkDateTime(a.at)}</td>
                  <td className="p-2">{a.method}</td>
                  <td className="p-2">{a.outcome}{a.httpStatus ? ` (HTTP ${a.httpStatus})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
