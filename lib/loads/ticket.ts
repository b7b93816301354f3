// The weighbridge ticket of a load: everything the driver's copy prints, worked out once from the saved
// form and the reference data, so the A4 and the 80 mm layouts (components/ticket/) show the same facts.
// Pure: no server imports.
//
// Weighings: today a load carries the weighbridge's gross and tare as typed (the gross taken when the
// load arrived). Two-pass weighing passes `weighings` (each weight with its time and where it came
// from) and they replace the typed ones on the ticket.
import type { WeightMetric } from '@/lib/dwt/values';
import { formatEwcCode, type ReferenceLookups } from '@/lib/reference-data/lookups';
import { netWeight, type LoadFormValues, type WasteItemFormValues } from './form-values';

// The layouts' values are in lib/sites/schema.ts (with zod): only their type here, so the browser's
// uses of this file (weights, tracking ids) carry no zod.
export type { TicketLayout } from '@/lib/sites/schema';

const UNIT_SYMBOLS: Record<WeightMetric, string> = { Tonnes: 't', Kilograms: 'kg', Grams: 'g' };
const TO_TONNES: Record<WeightMetric, number> = { Tonnes: 1, Kilograms: 0.001, Grams: 0.000001 };

export interface TicketWeight {
  amount: number;
  unit: WeightMetric;
}

/** "14,320 kg", "6.22 t": grouped digits and the unit's symbol, never a bare number. */
export function formatWeight(w: TicketWeight): string {
  const digits = w.unit === 'Tonnes' ? 3 : w.unit === 'Kilograms' ? 1 : 0;
  return `${w.amount.toLocaleString('en-GB', { maximumFractionDigits: digits })} ${UNIT_SYMBOLS[w.unit]}`;
}

/** Weights added up in their common unit, or in tonnes when the units differ; null if none. */
export function addWeights(weights: readonly TicketWeight[]): TicketWeight | null {
  if (weights.length === 0) return null;
  const unit = weights.every((w) => w.unit === weights[0]!.unit) ? weights[0]!.unit : 'Tonnes';
  const sum = weights.reduce((total, w) => total + (unit === w.unit ? w.amount : w.amount * TO_TONNES[w.unit]), 0);
  return { amount: Math.round(sum * 1e6) / 1e6, unit };
}

/** One weighing on the weighbridge: the first (usually loaded, gross) and the second (empty, tare). */
export interface TicketWeighing {
  kind: 'gross' | 'tare';
  weight: TicketWeight;
  /** When the vehicle was weighed, if known. */
  at: Date | null;
  /** Where the figure came from ("Indicator", "Typed", "Stored tare"), if known. */
  source: string | null;
}

export interface TicketItem {
  number: number;
  description: string;
  ewcCodes: { code: string; description: string }[];
  /** "2 × Skip" (the container's name, never DWT's code), or null. */
  containers: string | null;
  physicalForm: string;
  weighings: TicketWeighing[];
  net: TicketWeight | null;
  isEstimate: boolean;
  disposalOrRecoveryCodes: { code: string; weight: TicketWeight | null; isEstimate: boolean }[];
  hpCodes: { code: string; description: string }[];
}

export interface Ticket {
  ticketNumber: string;
  site: { name: string; permit: string; address: string };
  receivedAt: Date;
  vehicleRegistration: string | null;
  carrier: { name: string; registrationNumber: string | null };
  brokerOrDealer: string | null;
  consignmentCode: string | null;
  items: TicketItem[];
  total: TicketWeight | null;
  weighedBy: string | null;
  wasteTrackingId: string | null;
  /**
   * Sent again after a send DWT may have stored without answering: when that send left. DWT may hold a
   * second record of this load; the ticket says so, for the regulator.
   */
  possibleDuplicateAt: Date | null;
}

export interface TicketSource {
  ticketNumber: string;
  receivedAt: Date;
  wasteTrackingId: string | null;
  site: { name: string; authorisationNumber: string; fullAddress: string; postcode: string };
  form: LoadFormValues;
  /** The name of the person who logged the load. */
  weighedBy: string | null;
  /** The weighings of two-pass weighing, per waste item index, when the load has them. */
  weighings?: Partial<Record<number, TicketWeighing[]>>;
  /** See Ticket.possibleDuplicateAt. */
  possibleDuplicateAt?: Date | null;
}

function amount(value: string): number | null {
  const t = value.trim().replace(/,/g, '');
  return /^\d*\.?\d+$/.test(t) ? Number(t) : null;
}

/** A waste item's net weight with its unit: gross − tare from the weighbridge, or the single amount. */
export function itemNet(item: WasteItemFormValues): TicketWeight | null {
  const unit = item.weight.metric;
  if (item.weightMode === 'weighbridge') {
    const n = netWeight(item.weighbridge.gross, item.weighbridge.tare);
    return n !== undefined && !Number.isNaN(n) ? { amount: n, unit } : null;
  }
  const a = amount(item.weight.amount);
  return a === null ? null : { amount: a, unit };
}

/** The load's total net weight (all waste items), in their unit or in tonnes when units differ. */
export function loadNet(form: LoadFormValues): TicketWeight | null {
  return addWeights(form.wasteItems.flatMap((i) => itemNet(i) ?? []));
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** The ticket of a load as it was saved. */
export function buildTicket(source: TicketSource, lookups: ReferenceLookups): Ticket {
  const f = source.form;
  const containerName = (code: string) => lookups.data.containerTypes.find((c) => c.code === code)?.description ?? code;
  const hpName = (code: string) => lookups.data.hazardousPropertyCodes.find((c) => c.code === code)?.shortDesc ?? '';
  const items = f.wasteItems.map((item, i): TicketItem => {
    const unit = item.weight.metric;
    const typed: TicketWeighing[] = [];
    if (item.weightMode === 'weighbridge') {
      const gross = amount(item.weighbridge.gross);
      const tare = amount(item.weighbridge.tare);
      if (gross !== null) typed.push({ kind: 'gross', weight: { amount: gross, unit }, at: source.receivedAt, source: null });
      if (tare !== null) typed.push({ kind: 'tare', weight: { amount: tare, unit }, at: null, source: null });
    }
    const net = itemNet(item);
    const count = blankToNull(item.numberOfContainers);
    const type = blankToNull(item.typeOfContainers);
    return {
      number: i + 1,
      description: item.wasteDescription.trim(),
      ewcCodes: item.ewcCodes.map((code) => ({
        code: formatEwcCode(code, lookups.isHazardousEwcCode(code)),
        description: lookups.ewcDescription(code) ?? '',
      })),
      containers: type ? `${count ?? '?'} × ${containerName(type)}` : null,
      physicalForm: item.physicalForm,
      weighings: source.weighings?.[i] ?? typed,
      net,
      isEstimate: item.weightMode === 'single' && item.weight.isEstimate,
      disposalOrRecoveryCodes: item.disposalOrRecoveryCodes.map((d) => {
        const a = amount(d.weight.amount);
        return { code: d.code.trim(), weight: a === null ? null : { amount: a, unit: d.weight.metric }, isEstimate: d.weight.isEstimate };
      }),
      hpCodes: item.containsHazardous ? item.hazardous.hazCodes.map((code) => ({ code, description: hpName(code) })) : [],
    };
  });
  const c = f.carrier;
  return {
    ticketNumber: source.ticketNumber,
    site: {
      name: source.site.name,
      permit: source.site.authorisationNumber,
      address: [source.site.fullAddress, source.site.postcode].filter((s) => s.trim()).join(', '),
    },
    receivedAt: source.receivedAt,
    vehicleRegistration: c.meansOfTransport === 'Road' ? (blankToNull(c.vehicleRegistration)?.toUpperCase() ?? null) : null,
    carrier: { name: c.organisationName.trim(), registrationNumber: blankToNull(c.registrationNumber)?.toUpperCase() ?? null },
    brokerOrDealer: f.hasBrokerOrDealer ? blankToNull(f.brokerOrDealer.organisationName) : null,
    consignmentCode: blankToNull(f.hazardousWasteConsignmentCode)?.toUpperCase() ?? null,
    items,
    total: addWeights(items.flatMap((i) => (i.net ? [i.net] : []))),
    weighedBy: source.weighedBy,
    wasteTrackingId: source.wasteTrackingId,
    possibleDuplicateAt: source.possibleDuplicateAt ?? null,
  };
}

/**
 * A waste tracking id in groups for reading aloud: the year, then threes ("26 HRA 0B2"). It is shown
 * in a font whose zero is slashed, and spelt out, so O and 0 (and I and 1) are never confused.
 */
export function groupTrackingId(id: string): string {
  const compact = id.replace(/\s+/g, '');
  const head = compact.slice(0, 2);
  const rest = compact.slice(2).match(/.{1,3}/g) ?? [];
  return [head, ...rest].filter(Boolean).join(' ');
}

const SPOKEN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "26 HRA 0B2" → "two six, H R A, zero B two": how to read it aloud, digits as words. */
export function spellTrackingId(id: string): string {
  return groupTrackingId(id)
    .split(' ')
    .map((group) => [...group].map((ch) => (/\d/.test(ch) ? SPOKEN_DIGITS[Number(ch)] : ch.toUpperCase())).join(' '))
    .join(', ');
}
