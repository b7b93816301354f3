// The load form: what the clerk fills in, how it becomes DWT's receive-movement body, and its checks.
//
// Field names mirror DWT's keys (`wasteItems.0.ewcCodes`, `carrier.address.postcode`...) so one mapper
// puts our errors and DWT's alike on the right fields. Inputs hold strings (as HTML inputs do); the
// conversion to DWT's types happens in `toMovement`, and the checks are DWT's own schema
// (lib/dwt/schema.ts) run on the converted body, on the client while the driver waits and again on
// the server. Pure: no server imports.
import { normaliseUkPostcode, validateReceiveMovement, warningsFor, type DwtValidationError, type ReceiveMovement, type WeightMetric } from '@/lib/dwt/schema';
import { dwtErrorsToFieldErrors } from '@/lib/dwt/errors';
import { FORM_ERROR_KEY, type FieldErrors } from '@/lib/errors';
import type { ReferenceLookups } from '@/lib/reference-data/catalogue';
import { toReceiveMovementBody, type ReceivingSite } from '@/lib/sites/receiving-site';
import { itemNet, netWeight, orUndefined, type LoadFormValues, type WasteItemFormValues } from './form-values';
import { govukMessage } from './messages';
import { EMPTY_HISTORY, weightQuestion, type SiteWeightHistory } from './plausibility';
import { receivedInstant } from './received-time';
import { convertWeight, formatWeight, parseWeight, roundWeight } from './weights';

// The form's values and their plain helpers (empty forms, net weights) are in form-values.ts, which the
// form imports directly: the checks below (and DWT's rules with them) reach the browser only when used.
export {
  LOAD_TEXT_MAX,
  emptyCarrier,
  emptyLoadForm,
  emptyParty,
  emptyWasteItem,
  emptyWasteItemIn,
  itemNet,
  netWeight,
  orUndefined,
  withoutWeights,
  type LoadFormValues,
  type WasteItemFormValues,
} from './form-values';
export { EMPTY_HISTORY, type SiteWeightHistory };

// ---------------------------------------------------------------------------------------------
// Form → DWT body
// ---------------------------------------------------------------------------------------------

const trimmed = (v: string) => v.trim();
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
