import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/app-shell';
import { ButtonLink } from '@/components/forms/button-link';
import { AutoRefresh, WeighOutKeys } from '@/components/weighing/auto-refresh';
import { formatMinutes } from '@/components/weighing/format';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listOnSite } from '@/lib/loads/weighing';
import { weightSourceLabels } from '@/lib/loads/weighing-schema';
import { formatWeight } from '@/lib/loads/weights';
import { formatUkDateTime } from '@/lib/time/uk-time';

export const metadata: Metadata = { title: 'On site now' };
export const dynamic = 'force-dynamic';

export default async function OnSitePage({ searchParams }: { searchParams: Promise<{ 'weighed-in'?: string; 'details-saved'?: string }> }) {
  const actor = await requirePermission('loads.view');
  const params = await searchParams;
  const vehicles = await listOnSite({ actor, input: {} });
  const mayWeigh = can(actor.roles, 'weighings.create');
  const mayEdit = can(actor.roles, 'loads.create');
  const multiSite = new Set(vehicles.map((v) => v.siteId)).size > 1 || actor.siteIds.length > 1;
  const weighedIn = params['weighed-in']?.slice(0, 20);
  const detailsSaved = params['details-saved']?.slice(0, 20);
  return (
    <>
      <AutoRefresh />
      {mayWeigh && <WeighOutKeys hrefs={vehicles.slice(0, 9).map((v) => `/loads/${v.id}/weigh-out`)} />}
      <PageHeading lead="Vehicles weighed in and not yet out. This list updates by itself.">On site now</PageHeading>
      {weighedIn && (
        <p role="status" className="mb-4 max-w-2xl border-l-4 border-brand-600 bg-white p-3">
          Weighed in: ticket {weighedIn}. Weigh it out when it comes back to the weighbridge.
        </p>
      )}
      {detailsSaved && (
        <p role="status" className="mb-4 max-w-2xl border-l-4 border-brand-600 bg-white p-3">
          Waste details saved for ticket {detailsSaved}. The load is sent to DWT once the vehicle is weighed out.
        </p>
      )}
      {mayWeigh && (
        <p className="mb-6">
          <ButtonLink href="/on-site/weigh-in">Weigh in a vehicle</ButtonLink>
        </p>
      )}
      {vehicles.length === 0 ? (
        <p className="mb-4">No vehicles are on site.</p>
      ) : (
        <>
          {mayWeigh && <p className="mb-2 text-sm text-slate-700">Press 1 to 9 to weigh out the vehicle on that row.</p>}
          <table className="w-full max-w-5xl border-collapse bg-white text-left">
            <caption className="sr-only">Vehicles on site, longest first</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">
                  Row
                </th>
                <th scope="col" className="p-2">
                  Vehicle
                </th>
                <th scope="col" className="p-2">
                  Carrier
                </th>
                {multiSite && (
                  <th scope="col" className="p-2">
                    Site
                  </th>
                )}
                <th scope="col" className="p-2">
                  Weighed in
                </th>
                <th scope="col" className="p-2">
                  On site for
                </th>
                <th scope="col" className="p-2">
                  First weight
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {vehicles.map((v, i) => (
                <tr key={v.id} className="border-b border-slate-300">
                  <td className="p-2">{i + 1}</td>
                  <th scope="row" className="p-2 font-mono font-bold">
                    {v.vehicleRegistration ?? '–'}
                  </th>
                  <td className="p-2">{v.carrierName ?? 'Not given'}</td>
                  {multiSite && <td className="p-2">{v.siteName}</td>}
                  <td className="p-2">{formatUkDateTime(v.weighedInAt)}</td>
                  <td className={`p-2 ${v.overLimit ? 'font-bold text-danger-700' : ''}`}>
                    {formatMinutes(v.minutesOnSite)}
                    {v.overLimit && ` (over the site’s ${formatMinutes(v.limitMinutes)})`}
                  </td>
                  <td className="p-2">
                    {v.firstWeight
                      ? `${formatWeight(v.firstWeight.amount, v.firstWeight.unit)} (${weightSourceLabels[v.firstWeight.source].toLowerCase()})`
                      : '–'}
                  </td>
                  <td className="p-2">
                    {mayWeigh ? (
                      <Link href={`/loads/${v.id}/weigh-out`} className="font-semibold text-brand-700 underline">
                        Weigh out<span className="sr-only"> {v.vehicleRegistration ?? `ticket ${v.ticketNumber}`}</span>
                      </Link>
                    ) : null}{' '}
                    {mayEdit && (
                      <Link href={`/loads/${v.id}/edit`} className="text-brand-700 underline">
                        Waste details<span className="sr-only"> for {v.vehicleRegistration ?? `ticket ${v.ticketNumber}`}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
