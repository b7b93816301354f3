// The weighbridge ticket, in two layouts from the same facts (lib/loads/ticket.ts): an A4 sheet and an
// 80 mm thermal roll. The roll is one narrow column where every line wraps (long names and ids break
// anywhere), so nothing runs off the paper; the sheet sets the same blocks side by side.
import type { ReactNode } from 'react';
import { formatWeight, groupTrackingId, spellTrackingId, type Ticket, type TicketLayout, type TicketWeighing } from '@/lib/loads/ticket';
import { formatUkDateTime, instantToUkLocal } from '@/lib/time/uk-time';

const WEIGHING_LABELS: Record<TicketWeighing['kind'], string> = { gross: 'Gross (loaded)', tare: 'Tare (empty)' };

/** UK time of day, "14:32", or the date and time when it is not the day the load was received. */
function when(at: Date | null, receivedAt: Date): string {
  if (!at) return 'Not recorded';
  const local = instantToUkLocal(at);
  return local.slice(0, 10) === instantToUkLocal(receivedAt).slice(0, 10) ? local.slice(11) : formatUkDateTime(at);
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="ticket-row">
      <dt className="font-semibold">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function WeighbridgeTicket({ ticket, layout }: { ticket: Ticket; layout: TicketLayout }) {
  const thermal = layout === 'thermal-80';
  return (
    <article
      aria-labelledby="ticket-title"
      data-testid="ticket"
      data-layout={layout}
      className={`ticket bg-white text-black ${thermal ? 'ticket-thermal' : 'ticket-a4'}`}
    >
      <header className="ticket-header">
        <h1 id="ticket-title" className="font-bold">
          Weighbridge ticket {ticket.ticketNumber}
        </h1>
        <p className="font-semibold">{ticket.site.name}</p>
        {ticket.site.address && <p>{ticket.site.address}</p>}
        <p>Permit {ticket.site.permit || 'not recorded'}</p>
      </header>

      <dl className="ticket-details">
        <Row term="Ticket number">{ticket.ticketNumber}</Row>
        <Row term="Received">{formatUkDateTime(ticket.receivedAt)} (UK time)</Row>
        <Row term="Vehicle">{ticket.vehicleRegistration ?? 'Not by road'}</Row>
        <Row term="Carrier">
          {ticket.carrier.name || 'Not recorded'}
          {ticket.carrier.registrationNumber && <span className="block">Licence {ticket.carrier.registrationNumber}</span>}
        </Row>
        {ticket.brokerOrDealer && <Row term="Broker or dealer">{ticket.brokerOrDealer}</Row>}
        {ticket.consignmentCode && <Row term="Consignment code">{ticket.consignmentCode}</Row>}
        <Row term="Weighed by">{ticket.weighedBy ?? 'Not recorded'}</Row>
      </dl>

      {ticket.items.map((item) => (
        <section key={item.number} aria-labelledby={`ticket-item-${item.number}`} className="ticket-item">
          <h2 id={`ticket-item-${item.number}`} className="font-bold">
            Waste item {item.number}
            {item.description && `: ${item.description}`}
          </h2>
          <dl className="ticket-details">
            <Row term="EWC codes">
              {item.ewcCodes.length === 0
                ? 'None'
                : item.ewcCodes.map((c) => (
                    <span key={c.code} className="block">
                      <span className="font-semibold whitespace-nowrap">{c.code}</span> {c.description}
                    </span>
                  ))}
            </Row>
            {item.containers && <Row term="Containers">{item.containers}</Row>}
            {item.physicalForm && <Row term="Physical form">{item.physicalForm}</Row>}
            {item.hpCodes.length > 0 && (
              <Row term="HP codes">
                {item.hpCodes.map((h) => (
                  <span key={h.code} className="block">
                    <span className="font-semibold">{h.code}</span> {h.description}
                  </span>
                ))}
              </Row>
            )}
            <Row term="Disposal or recovery">
              {item.disposalOrRecoveryCodes.length === 0
                ? 'Codes to follow'
                : item.disposalOrRecoveryCodes.map((d, i) => (
                    <span key={`${d.code}-${i}`} className="block">
                      <span className="font-semibold">{d.code || '—'}</span> {d.weight ? formatWeight(d.weight) : 'weight not given'}
                      {d.isEstimate ? ' (estimate)' : ''}
                    </span>
                  ))}
            </Row>
          </dl>
          <table className="ticket-weights">
            <caption className="text-left font-semibold">Weights, waste item {item.number}</caption>
            <thead>
              <tr>
                <th scope="col">Weighing</th>
                <th scope="col">Time</th>
                <th scope="col" className="text-right">
                  Weight
                </th>
              </tr>
            </thead>
            <tbody>
              {item.weighings.map((w, i) => (
                <tr key={`${w.kind}-${i}`}>
                  <th scope="row" className="font-normal">
                    {WEIGHING_LABELS[w.kind]}
                    {w.source && <span className="block text-xs">{w.source}</span>}
                  </th>
                  <td>{when(w.at, ticket.receivedAt)}</td>
                  <td className="text-right whitespace-nowrap">{formatWeight(w.weight)}</td>
                </tr>
              ))}
              <tr className="ticket-net">
                <th scope="row">{item.weighings.length > 0 ? 'Net' : item.isEstimate ? 'Weight (estimate)' : 'Weight'}</th>
                <td />
                <td className="text-right font-bold whitespace-nowrap">{item.net ? formatWeight(item.net) : 'Not known'}</td>
              </tr>
            </tbody>
          </table>
        </section>
      ))}

      <p className="ticket-total">
        <span>Total net weight</span> <strong className="whitespace-nowrap">{ticket.total ? formatWeight(ticket.total) : 'Not known'}</strong>
      </p>

      <div className="ticket-id">
        <p className="font-semibold">Waste tracking ID</p>
        {ticket.wasteTrackingId ? (
          <>
            <p className="tracking-id font-bold" data-testid="ticket-tracking-id" data-id={ticket.wasteTrackingId}>
              {groupTrackingId(ticket.wasteTrackingId)}
            </p>
            <p className="text-xs">Say: {spellTrackingId(ticket.wasteTrackingId)}</p>
          </>
        ) : (
          <p>Not yet issued: the load is saved and will be reported to DWT.</p>
        )}
        {ticket.possibleDuplicateAt && (
          <p className="ticket-possible-duplicate mt-1 border-2 border-black p-1" data-testid="ticket-possible-duplicate">
            <strong>Possible duplicate at DWT.</strong> A send at {formatUkDateTime(ticket.possibleDuplicateAt)} (UK time) got no answer and may have been
            stored, so this load was sent again. DWT may hold two records of it.
          </p>
        )}
      </div>

      <div className="ticket-signatures">
        <p>
          <span className="ticket-signature-line" aria-hidden="true" />
          Driver’s signature
        </p>
        <p>
          <span className="ticket-signature-line" aria-hidden="true" />
          Weighbridge operator’s signature
        </p>
      </div>
    </article>
  );
}
