// The load form: what the clerk fills in, how it becomes DWT's receive-movement body, and its checks.
//
// Field names mirror DWT's keys (`wasteItems.0.ewcCodes`, `carrier.address.postcode`...) so one mapper
// puts our errors and DWT's alike on the right fields. Inputs hold strings (as HTML inputs do); the
// conversion to DWT's types happens in `toMovement`, and the checks are DWT's own schema
// (lib/dwt/schema.ts) run on the converted body, on the client while the driver waits and again on
// the server. Pure: no server imports.
import { z } from 'zod';
import {
  MEANS_OF_TRANSPORT,
  PHYSICAL_FORMS,
  REASONS_FOR_NO_CONSIGNMENT_CODE,
  REASONS_FOR_NO_REGISTRATION_NUMBER,
  SOURCES_OF_COMPONENTS,
  WEIGHT_METRICS,
  normaliseUkPostcode,
  validateReceiveMovement,
  warningsFor,
  type DwtValidationError,
  type ReceiveMovement,
  type WeightMetric,
} from '@/lib/dwt/schema';
import { dwtErrorsToFieldErrors } from '@/lib/dwt/errors';
import { FORM_ERROR_KEY, type FieldErrors } from '@/lib/errors';
import type { ReferenceLookups } from '@/lib/reference-data/catalogue';
import { toReceiveMovementBody, type ReceivingSite } from '@/lib/sites/receiving-site';
import { govukMessage } from './messages';
import { EMPTY_HISTORY, weightQuestion, type SiteWeightHistory } from './plausibility';
import { receivedInstant } from './received-time';
import { convertWeight, formatWeight, parseWeight, roundWeight } from './weights';

// Bounds against hostile or runaway input (drafts too), far above anything real and above DWT's own
// limits, so DWT's rules (not these) are what a clerk meets: a box holds at most 5,000 characters.
export const LOAD_TEXT_MAX = 5_000;
const str = z
  .string()
  .max(LOAD_TEXT_MAX, `Must be ${LOAD_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`)
  .default('');
/** A list of at most `max` entries: "Give no more than N …". */
const list = <T extends z.ZodType>(item: T, max: number, what: string) => z.array(item).max(max, `Give no more than ${max} ${what}`).default([]);
const maybe = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal('')]).default('');

const weightForm = z.object({
  metric: z.enum(WEIGHT_METRICS).default('Tonnes'),
  amount: str,
  isEstimate: z.boolean().default(false),
});

const addressForm = z.object({ fullAddress: str, postcode: str });

export const wasteItemFormSchema = z.object({
  ewcCodes: list(z.string().max(20), 20, 'EWC codes'),
  wasteDescription: str,
  physicalForm: maybe(PHYSICAL_FORMS),
  numberOfContainers: str,
  typeOfContainers: str,
  /** One amount, or gross and tare from the weighbridge with the net computed. */
  weightMode: z.enum(['single', 'weighbridge']).default('weighbridge'),
  weight: weightForm.default({ metric: 'Tonnes', amount: '', isEstimate: false }),
  weighbridge: z.object({ gross: str, tare: str }).default({ gross: '', tare: '' }),
  /** The clerk confirmed a weight the plausibility check asked about (kept on the load). */
  weightConfirmed: z.boolean().default(false),
  /** Why the disposal or recovery codes' weights do not add up to the net weight, when they do not. */
  codesWeightReason: str,
  containsPops: z.boolean().default(false),
  pops: z
    .object({
      sourceOfComponents: maybe(SOURCES_OF_COMPONENTS),
      components: list(z.object({ code: str, concentration: str }), 50, 'components'),
    })
    .default({ sourceOfComponents: '', components: [] }),
  containsHazardous: z.boolean().default(false),
  hazardous: z
    .object({
      sourceOfComponents: maybe(SOURCES_OF_COMPONENTS),
      hazCodes: list(z.string().max(20), 20, 'hazardous property codes'),
      components: list(z.object({ name: str, concentration: str }), 50, 'components'),
    })
    .default({ sourceOfComponents: '', hazCodes: [], components: [] }),
  disposalOrRecoveryCodes: list(
    z.object({
      code: str,
      weight: weightForm,
      /** True until the clerk types this code's weight: it then follows the item's net weight. */
      followsNet: z.boolean().optional(),
    }),
    30,
    'disposal or recovery codes',
  ),
});

const partyForm = {
  /** The address-book entry it came from, if any. */
  addressBookId: str,
  /** Offer to save a new party to the site's address book. */
  saveToAddressBook: z.boolean().default(false),
  organisationName: str,
  registrationNumber: str,
  address: addressForm.default({ fullAddress: '', postcode: '' }),
  emailAddress: str,
  phoneNumber: str,
};

export const loadFormSchema = z.object({
  /** UK wall-clock time, "YYYY-MM-DDTHH:mm" (a datetime-local input). */
  dateTimeReceived: str,
  /** True while the time is the one the form suggested: it is refreshed when the clerk starts typing. */
  dateTimeIsNow: z.boolean().default(false),
  /** The weighbridge ticket number. */
  yourUniqueReference: str,
  /** True while the ticket number is the one suggested: the server then assigns the next in sequence. */
  ticketNumberIsSuggested: z.boolean().default(true),
  otherReferencesForMovement: list(z.object({ label: str, reference: str }), 20, 'other references'),
  carrier: z
    .object({
      ...partyForm,
      reasonForNoRegistrationNumber: maybe(REASONS_FOR_NO_REGISTRATION_NUMBER),
      meansOfTransport: maybe(MEANS_OF_TRANSPORT).default('Road'),
      vehicleRegistration: str,
      /** Free text beside "Other" (live DWT takes it; the spec had no such field). */
      otherMeansOfTransport: str,
    })
    .default(() => emptyCarrier()),
  hasBrokerOrDealer: z.boolean().default(false),
  brokerOrDealer: z.object(partyForm).default(() => emptyParty()),
  wasteItems: list(wasteItemFormSchema, 100, 'waste items'),
  hazardousWasteConsignmentCode: str,
  reasonForNoConsignmentCode: maybe(REASONS_FOR_NO_CONSIGNMENT_CODE),
  specialHandlingRequirements: str,
});

export type LoadFormValues = z.output<typeof loadFormSchema>;
export type WasteItemFormValues = z.output<typeof wasteItemFormSchema>;
export { EMPTY_HISTORY, type SiteWeightHistory };

function emptyParty() {
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
function emptyCarrier(): LoadFormValues['carrier'] {
  return { ...emptyParty(), reasonForNoRegistrationNumber: '', meansOfTransport: 'Road', vehicleRegistration: '', otherMeansOfTransport: '' };
}

export function emptyWasteItem(): WasteItemFormValues {
  return wasteItemFormSchema.parse({});
}

export function emptyWasteItemIn(metric: WeightMetric): WasteItemFormValues {
  return wasteItemFormSchema.parse({ weight: { metric, amount: '', isEstimate: false } });
}

export function emptyLoadForm(init: { dateTimeReceived: string; yourUniqueReference: string; unit?: WeightMetric }): LoadFormValues {
  const { unit = 'Tonnes', ...rest } = init;
  return loadFormSchema.parse({ ...rest, dateTimeIsNow: true, wasteItems: [emptyWasteItemIn(unit)] });
}

/**
 * A load's stored form values as the form's shape. Loads saved by the form hold every value; a load
 * that holds none or only some (imported, or saved before a field existed) gets the empty form's
 * values for what is missing, so its page and its correction open instead of failing.
 */
export function storedLoadForm(stored: unknown, init: { dateTimeReceived: string; yourUniqueReference: string }): LoadFormValues {
  const values = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const complete = Array.isArray(values.wasteItems) && typeof values.carrier === 'object' && values.carrier !== null;
  if (complete) return values as unknown as LoadFormValues;
  const parsed = loadFormSchema.safeParse({ ...init, ...values });
  return parsed.success ? parsed.data : ({ ...emptyLoadForm(init), ...values, wasteItems: [emptyWasteItem()] } as LoadFormValues);
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

// ---------------------------------------------------------------------------------------------
// Form → DWT body
// ---------------------------------------------------------------------------------------------

const trimmed = (v: string) => v.trim();
/** Trimmed text, or undefined for a blank box (left out of the DWT body and the address-book entry). */
export const orUndefined = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** "" → absent (DWT then says it is required); "abc" → NaN (DWT: must be a number). "1,250" → 1250. */
function number(v: string): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  if (t.length > 40) return Number.NaN;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return /^-?\d*\.?\d+$/.test(t) ? Number(t) : Number.NaN;
}

function address(a: { fullAddress: string; postcode: string }) {
  const fullAddress = orUndefined(a.fullAddress);
  const postcode = orUndefined(a.postcode);
  if (!fullAddress && !postcode) return undefined;
  return { ...(fullAddress ? { fullAddress } : {}), postcode: postcode ? normaliseUkPostcodeIfUk(postcode) : '' };
}

/** Tidy a UK postcode typed without its space; leave anything else (an Eircode) as typed. */
function normaliseUkPostcodeIfUk(value: string): string {
  const n = normaliseUkPostcode(value);
  return /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(n) ? n : value.trim().toUpperCase();
}

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

function weight(w: { metric: WeightMetric; amount: string; isEstimate: boolean }) {
  return { metric: w.metric, amount: parseWeight(w.amount, w.metric), isEstimate: w.isEstimate };
}

function wasteItem(item: WasteItemFormValues) {
  const itemWeight =
    item.weightMode === 'weighbridge'
      ? { metric: item.weight.metric, amount: netWeight(item.weighbridge.gross, item.weighbridge.tare, item.weight.metric), isEstimate: false }
      : weight(item.weight);
  // A blank box in the form means "not given": it is left out, so the clerk reads DWT's "X is required"
  // rather than its "X cannot be blank", which is about a body that sends an empty string.
  return {
    ewcCodes: item.ewcCodes,
    wasteDescription: orUndefined(item.wasteDescription),
    physicalForm: orUndefined(item.physicalForm),
    numberOfContainers: number(item.numberOfContainers),
    typeOfContainers: orUndefined(item.typeOfContainers),
    weight: itemWeight,
    containsPops: item.containsPops,
    ...(item.containsPops
      ? {
          pops: {
            sourceOfComponents: orUndefined(item.pops.sourceOfComponents),
            ...(item.pops.components.length > 0
              ? {
                  components: item.pops.components.map((c) => ({
                    code: trimmed(c.code),
                    ...(c.concentration.trim() ? { concentration: number(c.concentration) } : {}),
                  })),
                }
              : {}),
          },
        }
      : {}),
    containsHazardous: item.containsHazardous,
    ...(item.containsHazardous
      ? {
          hazardous: {
            sourceOfComponents: orUndefined(item.hazardous.sourceOfComponents),
            hazCodes: item.hazardous.hazCodes,
            ...(item.hazardous.components.length > 0
              ? {
                  components: item.hazardous.components.map((c) => ({
                    name: trimmed(c.name),
                    ...(c.concentration.trim() ? { concentration: number(c.concentration) } : {}),
                  })),
                }
              : {}),
          },
        }
      : {}),
    ...(item.disposalOrRecoveryCodes.length > 0
      ? { disposalOrRecoveryCodes: item.disposalOrRecoveryCodes.map((d) => ({ code: trimmed(d.code), weight: weight(d.weight) })) }
      : {}),
  };
}

/** The movement as the clerk described it: DWT's body without apiCode, receiver and receipt. */
export function toMovement(form: LoadFormValues) {
  const c = form.carrier;
  const instant = receivedInstant(form.dateTimeReceived);
  const b = form.brokerOrDealer;
  return {
    dateTimeReceived: instant ? instant.toISOString() : form.dateTimeReceived,
    ...(orUndefined(form.hazardousWasteConsignmentCode) ? { hazardousWasteConsignmentCode: form.hazardousWasteConsignmentCode.trim().toUpperCase() } : {}),
    ...(form.reasonForNoConsignmentCode ? { reasonForNoConsignmentCode: form.reasonForNoConsignmentCode } : {}),
    ...(orUndefined(form.yourUniqueReference) ? { yourUniqueReference: form.yourUniqueReference.trim() } : {}),
    ...(form.otherReferencesForMovement.length > 0
      ? { otherReferencesForMovement: form.otherReferencesForMovement.map((r) => ({ label: r.label.trim(), reference: r.reference.trim() })) }
      : {}),
    ...(orUndefined(form.specialHandlingRequirements) ? { specialHandlingRequirements: form.specialHandlingRequirements.trim() } : {}),
    wasteItems: form.wasteItems.map(wasteItem),
    carrier: {
      registrationNumber: orUndefined(c.registrationNumber)?.toUpperCase() ?? null,
      ...(c.reasonForNoRegistrationNumber ? { reasonForNoRegistrationNumber: c.reasonForNoRegistrationNumber } : {}),
      organisationName: orUndefined(c.organisationName),
      ...(address(c.address) ? { address: address(c.address) } : {}),
      ...(orUndefined(c.emailAddress) ? { emailAddress: c.emailAddress.trim() } : {}),
      ...(orUndefined(c.phoneNumber) ? { phoneNumber: c.phoneNumber.trim() } : {}),
      // Only sent for road transport (DWT forbids it otherwise).
      ...(c.meansOfTransport === 'Road' ? { vehicleRegistration: orUndefined(c.vehicleRegistration)?.toUpperCase() } : {}),
      meansOfTransport: orUndefined(c.meansOfTransport),
      ...(c.meansOfTransport === 'Other' && orUndefined(c.otherMeansOfTransport) ? { otherMeansOfTransport: c.otherMeansOfTransport.trim() } : {}),
    },
    ...(form.hasBrokerOrDealer
      ? {
          brokerOrDealer: {
            organisationName: orUndefined(b.organisationName),
            ...(address(b.address) ? { address: address(b.address) } : {}),
            ...(orUndefined(b.emailAddress) ? { emailAddress: b.emailAddress.trim() } : {}),
            ...(orUndefined(b.phoneNumber) ? { phoneNumber: b.phoneNumber.trim() } : {}),
            ...(orUndefined(b.registrationNumber) ? { registrationNumber: b.registrationNumber.trim().toUpperCase() } : {}),
          },
        }
      : {}),
  };
}

export type Movement = ReturnType<typeof toMovement>;

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** A valid UUID stands in for the apiCode while checking a form: the clerk cannot fix it anyway. */
const PLACEHOLDER_API_CODE = '00000000-0000-4000-8000-000000000000';

/** Our own rules on top of DWT's, for what only the form knows. */
function formRules(form: LoadFormValues, now: Date, history: SiteWeightHistory | undefined): DwtValidationError[] {
  const errors: DwtValidationError[] = [];
  const add = (key: string, message: string) => errors.push({ key, errorType: 'BusinessRuleViolation', message });
  const instant = receivedInstant(form.dateTimeReceived);
  if (form.dateTimeReceived.trim() === '') add('dateTimeReceived', 'Enter the date and time the load arrived');
  else if (!instant) add('dateTimeReceived', 'Enter the date and time the load arrived, like 22/11/2026 09:15');
  else if (instant.getTime() > now.getTime() + 10 * 60_000) add('dateTimeReceived', 'The date and time received cannot be in the future');
  for (const [prefix, party] of [
    ['carrier', form.carrier],
    ['brokerOrDealer', form.hasBrokerOrDealer ? form.brokerOrDealer : null],
  ] as const) {
    if (party && party.address.fullAddress.trim() !== '' && party.address.postcode.trim() === '') {
      add(`${prefix}.address.postcode`, `Enter the ${prefix === 'carrier' ? 'carrier’s' : 'broker or dealer’s'} postcode: it is needed with an address`);
    }
  }
  form.wasteItems.forEach((item, i) => {
    const prefix = `Waste item ${i + 1}: `;
    const unit = item.weight.metric;
    if (item.weightMode === 'weighbridge') {
      const g = parseWeight(item.weighbridge.gross, unit);
      const t = parseWeight(item.weighbridge.tare, unit);
      if (g === undefined) add(`wasteItems.${i}.weighbridge.gross`, `${prefix}Enter the gross weight from the weighbridge`);
      else if (Number.isNaN(g) || g <= 0) add(`wasteItems.${i}.weighbridge.gross`, `${prefix}Enter the gross weight as a number above 0, like 14,320`);
      if (t === undefined) add(`wasteItems.${i}.weighbridge.tare`, `${prefix}Enter the tare weight (the empty vehicle)`);
      else if (Number.isNaN(t) || t < 0) add(`wasteItems.${i}.weighbridge.tare`, `${prefix}Enter the tare weight as a number, like 8,100`);
      else if (g !== undefined && !Number.isNaN(g) && g - t <= 0) {
        add(
          `wasteItems.${i}.weighbridge.tare`,
          `${prefix}Tare weight must be less than the gross weight (the net weight cannot be ${g - t === 0 ? 'zero' : 'negative'})`,
        );
      }
    }
    const net = itemNet(item);
    if (net === undefined || Number.isNaN(net) || net <= 0) return;
    if (history && !item.weightConfirmed) {
      const question = weightQuestion(
        {
          weightMode: item.weightMode,
          metric: unit,
          amount: item.weight.amount,
          gross: item.weighbridge.gross,
          tare: item.weighbridge.tare,
          typeOfContainers: item.typeOfContainers,
        },
        { history, meansOfTransport: form.carrier.meansOfTransport, vehicleRegistration: form.carrier.vehicleRegistration },
      );
      if (question) add(`wasteItems.${i}.weightConfirmed`, `${prefix}${question} Check the unit and the weights, or confirm the weight is right`);
    }
    const codes = item.disposalOrRecoveryCodes.map((d) => (d.weight.amount.trim() === '' ? undefined : parseWeight(d.weight.amount, d.weight.metric)));
    if (codes.length > 0 && codes.every((w): w is number => w !== undefined && !Number.isNaN(w))) {
      const sum = roundWeight(codes.reduce((acc, w, j) => acc + convertWeight(w, item.disposalOrRecoveryCodes[j]!.weight.metric, unit), 0));
      if (Math.abs(sum - net) > Math.max(1e-6, net * 1e-6) && item.codesWeightReason.trim() === '') {
        add(
          `wasteItems.${i}.codesWeightReason`,
          `${prefix}The disposal or recovery codes add up to ${formatWeight(sum, unit)} but the net weight is ${formatWeight(net, unit)}: change their weights, or say why they differ`,
        );
      }
    }
  });
  return errors;
}

/** Where DWT's key for a weighbridge item's weight should show on the form. */
function formKey(key: string, form: LoadFormValues): string {
  // "A consignment code or a reason": the clerk usually has the code, so the link goes to its box.
  if (key === 'reasonForNoConsignmentCode' && !form.reasonForNoConsignmentCode) return 'hazardousWasteConsignmentCode';
  const m = /^wasteItems\.(\d+)\.weight(\..*)?$/.exec(key);
  if (m && form.wasteItems[Number(m[1])]?.weightMode === 'weighbridge') {
    return m[2] === '.metric' ? key : `wasteItems.${m[1]}.weighbridge.gross`;
  }
  return key;
}

const SITE_PROBLEM =
  'This site’s details are incomplete or wrong (name, authorisation number or address). Ask an administrator to correct them; the load can be saved as a draft meanwhile.';

/** Turns errors (ours or DWT's) into form field errors; site-level problems become one form error. */
export function loadErrorsToFieldErrors(errors: readonly DwtValidationError[], form: LoadFormValues): FieldErrors {
  const out: FieldErrors = {};
  const fieldErrors = dwtErrorsToFieldErrors(errors.map((e) => ({ ...e, key: formKey(e.key, form) })));
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if (/^(receiver|receipt|apiCode)(\.|$)/.test(key)) {
      const formErrors = (out[FORM_ERROR_KEY] ??= []);
      if (!formErrors.includes(SITE_PROBLEM)) formErrors.push(SITE_PROBLEM);
      continue;
    }
    // Weighbridge rules and DWT's weight rules may both speak about the same field: keep ours first.
    out[key] = [...(out[key] ?? []), ...messages.filter((m) => !(out[key] ?? []).includes(m))];
  }
  return out;
}

export type LoadCheck =
  { ok: true; movement: ReceiveMovement; warnings: DwtValidationError[] } | { ok: false; errors: DwtValidationError[]; fieldErrors: FieldErrors };

/**
 * Every check DWT makes, plus the form's own, on a filled-in form. Used by the form on submit and by
 * the server before saving a load to send.
 */
export function checkLoadForm(
  form: LoadFormValues,
  ctx: { lookups: ReferenceLookups; site: ReceivingSite; now?: Date; history?: SiteWeightHistory },
): LoadCheck {
  const own = formRules(form, ctx.now ?? new Date(), ctx.history);
  const body = toReceiveMovementBody(toMovement(form), ctx.site, PLACEHOLDER_API_CODE);
  const result = validateReceiveMovement(body, ctx.lookups);
  // Weighbridge problems are reported on gross/tare by our rules; DWT's word on the computed weight would repeat them.
  const dwtErrors = result.ok
    ? []
    : result.errors.filter(
        (e) =>
          !(/^wasteItems\.(\d+)\.weight\.amount$/.test(e.key) && own.some((o) => o.key.startsWith(e.key.replace('weight.amount', 'weighbridge')))) &&
          // Our postcode rule says it plainly; DWT's would quote an empty postcode back.
          !(/\.address\.postcode$/.test(e.key) && own.some((o) => o.key === e.key)),
      );
  const errors = [...own, ...dwtErrors].map((e) => ({ ...e, message: govukMessage(e) }));
  if (errors.length === 0 && result.ok) {
    return { ok: true, movement: result.value, warnings: warningsFor(result.value) };
  }
  return { ok: false, errors, fieldErrors: loadErrorsToFieldErrors(errors, form) };
}
