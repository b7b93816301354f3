// The form's error messages in GOV.UK's words: "Enter the carrier’s name", not "Carrier name is
// required". DWT's validator (lib/dwt) speaks of its API's keys; the clerk reads about the box in
// front of them. Only "missing" messages are reworded here; the rest already name the field and say
// what to do. Pure: no server imports.
import type { DwtValidationError } from '@/lib/dwt/errors';

/** Keyed by the form key with item numbers replaced by N. */
const MISSING: Record<string, string> = {
  'carrier.organisationName': 'Enter the carrier’s name',
  'carrier.vehicleRegistration': 'Enter the vehicle registration',
  'carrier.registrationNumber': 'Enter the carrier’s registration number, or leave it empty and select the reason they have none',
  'carrier.reasonForNoRegistrationNumber': 'Enter the carrier’s registration number, or select the reason they have none',
  'carrier.meansOfTransport': 'Select how the waste arrived',
  'carrier.otherMeansOfTransport': 'Enter how the waste arrived',
  'carrier.address.postcode': 'Enter the carrier’s postcode',
  'brokerOrDealer.organisationName': 'Enter the broker or dealer’s name',
  'brokerOrDealer.address.postcode': 'Enter the broker or dealer’s postcode',
  'wasteItems.N.ewcCodes': 'Enter at least one EWC code',
  'wasteItems.N.wasteDescription': 'Enter a description of the waste',
  'wasteItems.N.physicalForm': 'Select the physical form',
  'wasteItems.N.numberOfContainers': 'Enter the number of containers',
  'wasteItems.N.typeOfContainers': 'Select the type of containers',
  'wasteItems.N.weight.amount': 'Enter the weight',
  'wasteItems.N.weight.metric': 'Select the unit',
  'wasteItems.N.pops.sourceOfComponents': 'Select where the POP details come from',
  'wasteItems.N.hazardous.sourceOfComponents': 'Select where the hazardous details come from',
  'wasteItems.N.disposalOrRecoveryCodes.N.code': 'Select the disposal or recovery code',
  'wasteItems.N.disposalOrRecoveryCodes.N.weight.amount': 'Enter the weight for this code',
  hazardousWasteConsignmentCode: 'Enter the consignment code, or select the reason there is none',
  reasonForNoConsignmentCode: 'Enter the consignment code, or select the reason there is none',
};

/** "Waste item 1: " and the like, kept in front of the reworded message. */
const PREFIX = /^((?:Waste item \d+|Code \d+|Item \d+)[^:]{0,40}: )/;

function isMissing(e: DwtValidationError): boolean {
  return e.errorType === 'NotProvided' || /\bis required\b|^(?:[^:]{0,40}: )?Give at least one\b/.test(e.message);
}

/** "Carrier name is required" → "Enter the carrier’s name"; other messages unchanged. */
export function govukMessage(e: DwtValidationError): string {
  if (!isMissing(e)) return e.message;
  const prefix = PREFIX.exec(e.message)?.[1] ?? '';
  const known = MISSING[e.key.replace(/\.\d+(?=\.|$)/g, '.N')];
  if (known) return `${prefix}${known}`;
  const m = /^(?:[^:]{0,40}: )?(.{1,120}?) is required\b/.exec(e.message);
  if (!m) return e.message;
  const what = m[1]!;
  return `${prefix}Enter the ${/^[A-Z]{2}/.test(what) ? what : what.charAt(0).toLowerCase() + what.slice(1)}`;
}

export function withGovukMessages(errors: readonly DwtValidationError[]): DwtValidationError[] {
  return errors.map((e) => ({ ...e, message: govukMessage(e) }));
}
