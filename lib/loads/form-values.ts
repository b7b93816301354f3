// The load form's values and their plain helpers, for the browser and the server alike: empty forms,
// copies without weights, net weights. No zod and no DWT rules here, so the form's first download stays
// small; the checks (schema.ts) are loaded when the form first needs them, the zod schema
// (form-schema.ts) never reaches the browser.
import type { WeightMetric } from '@/lib/dwt/values';
import type { LoadFormValues, WasteItemFormValues } from './form-schema';
import { parseWeight, roundWeight } from './weights';

// Bounds against hostile or runaway input (drafts too), far above anything real and above DWT's own
// limits, so DWT's rules (not these) are what a clerk meets: a box holds at most 5,000 characters.
// The zod schema with these bounds and the defaults below is in form-schema.ts (server only).
export const LOAD_TEXT_MAX = 5_000;

export type { LoadFormValues, WasteItemFormValues };

// The empty form, as plain objects (the browser builds new items without zod): form-schema.test.ts
// checks they are exactly zod's defaults.
export function emptyParty() {
  return {
    addressBookId: '',
    saveToAddressBook: false,
    organisationName: '',
    registrationNumber: '',
    address: { fullAddress: '', postcode: '' },
    emailAddress: '',
    phoneNumber: '',
  };
}
export function emptyCarrier(): LoadFormValues['carrier'] {
  return { ...emptyParty(), reasonForNoRegistrationNumber: '', meansOfTransport: 'Road', vehicleRegistration: '', otherMeansOfTransport: '' };
}

export function emptyWasteItem(): WasteItemFormValues {
  return emptyWasteItemIn('Tonnes');
}

export function emptyWasteItemIn(metric: WeightMetric): WasteItemFormValues {
  return {
    ewcCodes: [],
    wasteDescription: '',
    physicalForm: '',
    numberOfContainers: '',
    typeOfContainers: '',
    weightMode: 'weighbridge',
    weight: { metric, amount: '', isEstimate: false },
    weighbridge: { gross: '', tare: '' },
    weightConfirmed: false,
    codesWeightReason: '',
    containsPops: false,
    pops: { sourceOfComponents: '', components: [] },
    containsHazardous: false,
    hazardous: { sourceOfComponents: '', hazCodes: [], components: [] },
    disposalOrRecoveryCodes: [],
  };
}

export function emptyLoadForm(init: { dateTimeReceived: string; yourUniqueReference: string; unit?: WeightMetric }): LoadFormValues {
  const { unit = 'Tonnes', dateTimeReceived, yourUniqueReference } = init;
  return {
    dateTimeReceived,
    dateTimeIsNow: true,
    yourUniqueReference,
    ticketNumberIsSuggested: true,
    otherReferencesForMovement: [],
    carrier: emptyCarrier(),
    hasBrokerOrDealer: false,
    brokerOrDealer: emptyParty(),
    wasteItems: [emptyWasteItemIn(unit)],
    hazardousWasteConsignmentCode: '',
    reasonForNoConsignmentCode: '',
    specialHandlingRequirements: '',
  };
}

/**
 * A copy of a load's form to start another from ("Log a similar load", "Repeat the last load"):
 * never its weights (the new load is weighed afresh), never its weight confirmations.
 */
export function withoutWeights(items: readonly WasteItemFormValues[]): WasteItemFormValues[] {
  return items.map((item) => ({
    ...item,
    weight: { ...item.weight, amount: '' },
    weighbridge: { gross: '', tare: '' },
    weightConfirmed: false,
    codesWeightReason: '',
    disposalOrRecoveryCodes: item.disposalOrRecoveryCodes.map((d) => ({
      ...d,
      weight: { ...d.weight, metric: item.weight.metric, amount: '' },
      followsNet: true,
    })),
  }));
}

/** Trimmed text, or undefined for a blank box (left out of the DWT body and the address-book entry). */
export const orUndefined = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** Net weight from the weighbridge in `metric`, or undefined/NaN when it cannot be worked out. */
export function netWeight(gross: string, tare: string, metric: WeightMetric = 'Tonnes'): number | undefined {
  const g = parseWeight(gross, metric);
  const t = parseWeight(tare, metric);
  if (g === undefined || t === undefined) return undefined;
  if (Number.isNaN(g) || Number.isNaN(t)) return Number.NaN;
  return roundWeight(g - t);
}

/** An item's weight in its unit: the weighbridge's net, or the one weight typed. */
export function itemNet(item: WasteItemFormValues): number | undefined {
  return item.weightMode === 'weighbridge'
    ? netWeight(item.weighbridge.gross, item.weighbridge.tare, item.weight.metric)
    : parseWeight(item.weight.amount, item.weight.metric);
}
