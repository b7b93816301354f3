// The whole record of a load, grouped like the form, as description lists under headings.
// A server component: it takes the reference lookups to show what each code means.
import type { ReactNode } from 'react';
import {
  MEANS_OF_TRANSPORT_LABELS,
  REASON_FOR_NO_CONSIGNMENT_CODE_LABELS,
  REASON_FOR_NO_REGISTRATION_NUMBER_LABELS,
  SOURCE_OF_COMPONENTS_LABELS,
} from '@/lib/dwt/schema';
import { netWeight, type LoadFormValues, type WasteItemFormValues } from '@/lib/loads/form-values';
import type { ReferenceLookups } from '@/lib/reference-data/lookups';

type Row = [term: string, value: ReactNode];

function Section({ id, title, rows, children }: { id: string; title: string; rows: Row[]; children?: ReactNode }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <section aria-labelledby={id} className="mb-6">
      <h3 id={id} className="mb-2 text-lg font-bold">
        {title}
      </h3>
      {shown.length > 0 && (
        <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[minmax(12rem,auto)_1fr]">
          {shown.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-semibold">{term}</dt>
              <dd className="mb-1 break-words">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {children}
    </section>
  );
}

const orNone = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

function label<K extends string>(labels: Readonly<Record<K, string>>, value: K | ''): string | null {
  return value ? (labels[value] ?? value) : null;
}

function weightText(w: { amount: string; metric: string; isEstimate: boolean }): string | null {
  if (!w.amount.trim()) return null;
  return `${w.amount} ${w.metric.toLowerCase()}${w.isEstimate ? ' (estimate)' : ''}`;
}

function partyRows(p: LoadFormValues['carrier'] | LoadFormValues['brokerOrDealer']): Row[] {
  const carrier = 'vehicleRegistration' in p ? p : null;
  return [
    ['Name', orNone(p.organisationName)],
    ['Registration number', orNone(p.registrationNumber)],
    ...(carrier
      ? ([['Reason for no registration number', label(REASON_FOR_NO_REGISTRATION_NUMBER_LABELS, carrier.reasonForNoRegistrationNumber)]] as Row[])
      : []),
    ['Address', orNone(p.address.fullAddress)],
    ['Postcode', orNone(p.address.postcode)],
    ['Email', orNone(p.emailAddress)],
    ['Phone', orNone(p.phoneNumber)],
    ...(carrier
      ? ([
          ['Means of transport', label(MEANS_OF_TRANSPORT_LABELS, carrier.meansOfTransport)],
          ...(carrier.meansOfTransport === 'Other' ? ([['Other means of transport', orNone(carrier.otherMeansOfTransport ?? '')]] as Row[]) : []),
          ['Vehicle registration', orNone(carrier.vehicleRegistration)],
        ] as Row[])
      : []),
  ];
}

function itemRows(item: WasteItemFormValues, lookups: ReferenceLookups): Row[] {
  const container = lookups.data.containerTypes.find((c) => c.code === item.typeOfContainers);
  const net = item.weightMode === 'weighbridge' ? netWeight(item.weighbridge.gross, item.weighbridge.tare) : undefined;
  const rows: Row[] = [
    [
      'EWC codes',
      item.ewcCodes.length ? (
        <ul>
          {item.ewcCodes.map((c) => (
            <li key={c}>
              <span className="font-mono">{c}</span>
              {lookups.isHazardousEwcCode(c) ? ' (hazardous)' : ''}: {lookups.ewcDescription(c) ?? 'not in the current List of Wastes'}
            </li>
          ))}
        </ul>
      ) : null,
    ],
    ['Description', orNone(item.wasteDescription)],
    ['Physical form', item.physicalForm || null],
    [
      'Containers',
      item.numberOfContainers || item.typeOfContainers
        ? `${item.numberOfContainers || '?'} × ${container ? `${container.description} (${container.code})` : item.typeOfContainers || '?'}`
        : null,
    ],
  ];
  if (item.weightMode === 'weighbridge') {
    rows.push(['Gross weight', item.weighbridge.gross ? `${item.weighbridge.gross} ${item.weight.metric.toLowerCase()}` : null]);
    rows.push(['Tare weight', item.weighbridge.tare ? `${item.weighbridge.tare} ${item.weight.metric.toLowerCase()}` : null]);
    rows.push(['Net weight', net !== undefined ? `${net} ${item.weight.metric.toLowerCase()}` : null]);
  } else {
    rows.push(['Weight', weightText(item.weight)]);
  }
  // The clerk was asked about a weight outside the site's usual range and said it was right.
  if (item.weightConfirmed) rows.push(['Weight checked', 'Outside the usual range for this site; the clerk confirmed it is right']);
  if (item.codesWeightReason?.trim()) rows.push(['Why the codes’ weights do not add up to the net weight', item.codesWeightReason]);
  if (item.containsPops) {
    rows.push(['POPs', `Yes${item.pops.sourceOfComponents ? `, source: ${label(SOURCE_OF_COMPONENTS_LABELS, item.pops.sourceOfComponents)}` : ''}`]);
    if (item.pops.components.length)
      rows.push([
        'POP components',
        <ul key="pops">
          {item.pops.components.map((c, i) => (
            <li key={i}>
              {lookups.data.popNames.find((p) => p.code === c.code)?.chemicalName ?? c.code}
              {c.concentration ? `: ${c.concentration} mg/kg` : ''}
            </li>
          ))}
        </ul>,
      ]);
  }
  if (item.containsHazardous) {
    rows.push([
      'Hazardous properties',
      `Yes${item.hazardous.sourceOfComponents ? `, source: ${label(SOURCE_OF_COMPONENTS_LABELS, item.hazardous.sourceOfComponents)}` : ''}`,
    ]);
    if (item.hazardous.hazCodes.length)
      rows.push([
        'Hazardous property codes',
        item.hazardous.hazCodes.map((c) => `${c} (${lookups.data.hazardousPropertyCodes.find((h) => h.code === c)?.shortDesc ?? 'unknown'})`).join(', '),
      ]);
    if (item.hazardous.components.length)
      rows.push([
        'Hazardous components',
        <ul key="haz">
          {item.hazardous.components.map((c, i) => (
            <li key={i}>
              {c.name}
              {c.concentration ? `: ${c.concentration} mg/kg` : ''}
            </li>
          ))}
        </ul>,
      ]);
  }
  rows.push([
    'Disposal or recovery codes',
    item.disposalOrRecoveryCodes.length ? (
      <ul>
        {item.disposalOrRecoveryCodes.map((d, i) => (
          <li key={i}>
            <span className="font-mono">{d.code}</span> {lookups.data.disposalOrRecoveryCodes.find((x) => x.code === d.code)?.description ?? ''}
            {weightText(d.weight) ? `: ${weightText(d.weight)}` : ''}
          </li>
        ))}
      </ul>
    ) : (
      'None yet'
    ),
  ]);
  return rows;
}

export function LoadRecord({
  form,
  ticketNumber,
  receivedAt,
  siteName,
  lookups,
}: {
  form: LoadFormValues;
  ticketNumber: string;
  receivedAt: string;
  siteName: string;
  lookups: ReferenceLookups;
}) {
  return (
    <section aria-labelledby="record-heading" className="mb-8">
      <h2 id="record-heading" className="mb-3 text-xl font-bold">
        The record
      </h2>
      <Section
        id="record-receipt"
        title="Receipt"
        rows={[
          ['Weighbridge ticket number', ticketNumber],
          ['Date and time received', receivedAt],
          ['Site', siteName],
        ]}
      />
      <Section id="record-carrier" title="Carrier" rows={partyRows(form.carrier)} />
      {form.hasBrokerOrDealer && <Section id="record-broker" title="Broker or dealer" rows={partyRows(form.brokerOrDealer)} />}
      {form.wasteItems.map((item, i) => (
        <Section key={i} id={`record-item-${i}`} title={`Waste item ${i + 1}`} rows={itemRows(item, lookups)} />
      ))}
      {(form.hazardousWasteConsignmentCode || form.reasonForNoConsignmentCode) && (
        <Section
          id="record-consignment"
          title="Hazardous waste consignment"
          rows={[
            ['Consignment code', orNone(form.hazardousWasteConsignmentCode)],
            ['Reason there is none', label(REASON_FOR_NO_CONSIGNMENT_CODE_LABELS, form.reasonForNoConsignmentCode)],
          ]}
        />
      )}
      <Section
        id="record-more"
        title="Other references and notes"
        rows={[
          ...form.otherReferencesForMovement.map((r, i): Row => [r.label.trim() || `Reference ${i + 1}`, r.reference]),
          ['Special handling requirements', orNone(form.specialHandlingRequirements)],
        ]}
      >
        {form.otherReferencesForMovement.length === 0 && !form.specialHandlingRequirements.trim() && <p>None.</p>}
      </Section>
    </section>
  );
}
