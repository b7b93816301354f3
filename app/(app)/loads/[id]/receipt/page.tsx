import type { Metadata } from 'next';
import { orNotFound } from '@/lib/not-found';
import { PrintButton } from '@/components/print-button';
import { requirePermission } from '@/lib/auth/session';
import { netWeight } from '@/lib/loads/schema';
import { getLoad } from '@/lib/loads/service';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { formatUkDateTime } from '@/lib/time/uk-time';
import { ButtonLink } from '@/components/forms/button';

export const metadata: Metadata = { title: 'Receipt' };

/** The driver's copy: what was received, when, from whom, and DWT's waste tracking id when known. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('loads.view');
  const load = await orNotFound(getLoad({ actor, input: { id: (await params).id } }));
  const lookups = await getReferenceLookups();
  const f = load.form;
  return (
    <article aria-labelledby="receipt-title" className="mx-auto max-w-2xl bg-white p-6 print:p-0">
      <header className="mb-4 border-b-2 border-slate-900 pb-3">
        <h1 id="receipt-title" className="text-2xl font-bold">
          Waste receipt – ticket {load.ticketNumber}
        </h1>
        <p className="font-semibold">{load.site.name}</p>
        <p>
          {load.site.fullAddress} {load.site.postcode}
        </p>
        <p>Permit {load.site.authorisationNumber}</p>
      </header>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-semibold">Received</dt>
        <dd>{formatUkDateTime(load.receivedAt)}</dd>
        <dt className="font-semibold">Carrier</dt>
        <dd>
          {f.carrier.organisationName}
          {f.carrier.registrationNumber ? ` (${f.carrier.registrationNumber.toUpperCase()})` : ''}
        </dd>
        {f.carrier.meansOfTransport === 'Road' && (
          <>
            <dt className="font-semibold">Vehicle</dt>
            <dd>{f.carrier.vehicleRegistration.toUpperCase()}</dd>
          </>
        )}
        {f.hasBrokerOrDealer && (
          <>
            <dt className="font-semibold">Broker or dealer</dt>
            <dd>{f.brokerOrDealer.organisationName}</dd>
          </>
        )}
        {f.hazardousWasteConsignmentCode && (
          <>
            <dt className="font-semibold">Consignment code</dt>
            <dd>{f.hazardousWasteConsignmentCode.toUpperCase()}</dd>
          </>
        )}
        <dt className="font-semibold">Waste tracking ID</dt>
        <dd className="font-mono text-xl font-bold">{load.wasteTrackingId ?? 'Not yet issued – the load is saved and will be reported'}</dd>
      </dl>
      <table className="mb-4 w-full border-collapse text-left">
        <caption className="mb-1 text-left font-semibold">Waste received</caption>
        <thead>
          <tr className="border-b-2 border-slate-900">
            <th scope="col" className="py-1 pr-2">
              Item
            </th>
            <th scope="col" className="py-1 pr-2">
              EWC codes
            </th>
            <th scope="col" className="py-1 pr-2">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {f.wasteItems.map((item, i) => {
            const net = item.weightMode === 'weighbridge' ? netWeight(item.weighbridge.gross, item.weighbridge.tare) : Number(item.weight.amount);
            return (
              <tr key={i} className="border-b border-slate-400 align-top">
                <td className="py-1 pr-2">
                  {i + 1}. {item.wasteDescription}
                  <br />
                  <span className="text-sm">
                    {item.numberOfContainers} × {item.typeOfContainers}, {item.physicalForm}
                  </span>
                </td>
                <td className="py-1 pr-2">
                  {item.ewcCodes.map((c) => (
                    <span key={c} className="block">
                      {c}
                      {lookups.isHazardousEwcCode(c) ? '*' : ''} {lookups.ewcDescription(c)}
                    </span>
                  ))}
                </td>
                <td className="py-1 pr-2 whitespace-nowrap">
                  {item.weightMode === 'weighbridge' ? (
                    <>
                      Gross {item.weighbridge.gross}
                      <br />
                      Tare {item.weighbridge.tare}
                      <br />
                      <strong>
                        Net {net} {item.weight.metric}
                      </strong>
                    </>
                  ) : (
                    <strong>
                      {item.weight.amount} {item.weight.metric}
                      {item.weight.isEstimate ? ' (estimated)' : ''}
                    </strong>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="no-print flex gap-3">
        <PrintButton />
        <ButtonLink href={`/loads/${load.id}`} variant="secondary">
          Back to the load
        </ButtonLink>
      </p>
    </article>
  );
}
