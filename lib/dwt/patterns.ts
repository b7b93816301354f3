// The formats DWT's live validation checks (DEFRA/waste-movement-utils src/constants/regexes.js and the
// consignment-code rule in src/schemas/hazardous-waste-consignment.js), and the tidying a clerk's typing
// gets before it is checked. Every pattern is anchored and free of nested repetition (linear time).
// Pure: safe for the browser.

/** Limits DWT itself sets. Nothing else in a body has a maximum length in the live validation. */
export const SPECIAL_HANDLING_MAX_LENGTH = 5000;
/** Kept for the address book's own (stricter) entries and the hardening bounds of our forms. */
export const FREE_TEXT_MAX_LENGTH = 5000;
/**
 * The live service sets no maximum on `vehicleRegistration` (the spec said 10); the address book keeps
 * its own limit for stored entries.
 */
export const VEHICLE_REGISTRATION_MAX_LENGTH = 10;
export const MIN_EWC_CODES_PER_ITEM = 1;
export const MAX_EWC_CODES_PER_ITEM = 5;

/**
 * Joi's `string().uuid()` as DWT uses it: 32 hex digits in 8-4-4-4-12 groups, the separators all "-",
 * all ":" or none, optionally inside matching {}, [] or ().
 */
const GUID = /^([[{(]?)[0-9A-F]{8}([:-]?)[0-9A-F]{4}\2?[0-9A-F]{4}\2?[0-9A-F]{4}\2?[0-9A-F]{12}([\]})]?)$/i;
const GUID_BRACKETS: Record<string, string> = { '{': '}', '[': ']', '(': ')', '': '' };

export function isApiCode(value: string): boolean {
  const match = GUID.exec(value);
  return match !== null && GUID_BRACKETS[match[1] ?? ''] === (match[3] ?? '');
}

/**
 * Joi's ISO 8601 date pattern (`date().iso()`), which DWT applies to `dateTimeReceived`: a date alone,
 * or a date and time with or without a zone, then whatever the JavaScript Date parser makes of it.
 */
const ISO_DATE =
  /^(?:[-+]\d{2})?(?:\d{4}(?!\d{2}\b))(?:(-?)(?:(?:0[1-9]|1[0-2])(?:\1(?:[12]\d|0[1-9]|3[01]))?|W(?:[0-4]\d|5[0-2])(?:-?[1-7])?|(?:00[1-9]|0[1-9]\d|[12]\d{2}|3(?:[0-5]\d|6[1-6])))(?![T]$|[T][\d]+Z$)(?:[T\s](?:(?:(?:[01]\d|2[0-3])(?:(:?)[0-5]\d)?|24:?00)(?:[.,]\d+(?!:))?)(?:\2[0-5]\d(?:[.,]\d+)?)?(?:[Z]|(?:[+-])(?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?)?$/;

/** A string (or number) DWT reads as a date (`2025-09-15T12:12:28Z`, `2025-09-15`, `2025-09-15T13:12`). */
export function isIsoDateDwtAccepts(value: string | number): boolean {
  const text = String(value);
  if (/^\s*$/.test(text) || text.length > 1000 || !ISO_DATE.test(text)) return false;
  return !Number.isNaN(new Date(text).getTime());
}

/** Kept for callers that want our stricter form: RFC 3339 with a zone, a real calendar date. */
export const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

export function isDateTimeWithZone(value: string): boolean {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
}

/** Six digits, no spaces, no asterisk. */
export const EWC_CODE_PATTERN = /^\d{6}$/;

/** `25HRA0B2`: two-digit year then at least six of A–Z0–9 (no upper bound: DWT may lengthen them). */
export const WASTE_TRACKING_ID_PATTERN = /^\d{2}[A-Z0-9]{6,}$/;

export function isWasteTrackingId(value: string): boolean {
  return WASTE_TRACKING_ID_PATTERN.test(value);
}

/** UK postcode with its single space, either case (the gov.uk bulk-data pattern DWT uses). */
export const UK_POSTCODE_PATTERN = /^(?:GIR 0A{2}|(?:[A-Z]\d{1,2}|[A-Z][A-HJ-Y]\d{1,2}|[A-Z]\d[A-Z]|[A-Z][A-HJ-Y]\d?[A-Z]) \d[A-Z]{2})$/i;

/** Irish Eircode: routing key (letter + two digits, or D6W), optional space, four characters. */
export const IRISH_EIRCODE_PATTERN = /^(?:D6W|[AC-FHKNPRTV-Y]\d{2}) ?[0-9AC-FHKNPRTV-Y]{4}$/i;

export function isUkPostcode(value: string): boolean {
  return UK_POSTCODE_PATTERN.test(value);
}

export function isIrishEircode(value: string): boolean {
  return IRISH_EIRCODE_PATTERN.test(value);
}

/** Carrier and broker/dealer addresses may be in the UK or Ireland. */
export function isUkOrIrishPostcode(value: string): boolean {
  return isUkPostcode(value) || isIrishEircode(value);
}

/**
 * Hazardous waste consignment note codes, by nation, as live DWT checks them.
 * England/Wales: two or more letters/digits, `/`, five letters/digits, an optional letter (a
 * multi-collection suffix), either case: `CJTILE/A0001`, `CJ32LE/A0001B`, `BT/A0001`, `ab/12345`.
 * Scotland and Northern Ireland: upper case only.
 */
export const CONSIGNMENT_CODE_PATTERNS = {
  englandWales: /^[A-Za-z0-9]{2,}\/[A-Za-z0-9]{5}[A-Za-z]?$/,
  scotland: /^S[ABC]\d{7}$/,
  northernIreland: /^D[ABC]\d{7}$/,
} as const;

export function isValidConsignmentCode(value: string): boolean {
  return Object.values(CONSIGNMENT_CODE_PATTERNS).some((pattern) => pattern.test(value));
}

/** Waste carrier, broker and dealer registration numbers, by regulator; either case. */
export const CARRIER_REGISTRATION_NUMBER_PATTERNS = {
  englandWales: [/^CBD[LU]\d{3,}$/i],
  scotland: [/^(?:WCR\/R\/\d{7}|(?:SCO|SEA|SNO|SWE|WCR)\/\d{6})$/i, /^PCT-[A-Z]-\d{3,7}$/i],
  /** ROC UT / ROC LT then 1–5 digits; any non-word characters (or none) between the parts. */
  northernIreland: [/^ROC\W*[UL]T\W*\d{1,5}$/i],
} as const;

export function isValidCarrierRegistrationNumber(value: string): boolean {
  return Object.values(CARRIER_REGISTRATION_NUMBER_PATTERNS)
    .flat()
    .some((pattern) => pattern.test(value));
}

/** Site authorisation (permit) numbers, by nation; either case; DWT trims the value before matching. */
export const PERMIT_NUMBER_PATTERNS = {
  england: [
    /^[A-Z]{2}\d{4}[A-Z]{2}$/i,
    /^[A-Z]{2}\d{4}[A-Z]{2}\/D\d{4,5}$/i,
    /^EPR\/[A-Z]{2}\d{4}[A-Z]{2}$/i,
    /^EPR\/[A-Z]{2}\d{4}[A-Z]{2}\/D\d{4,5}$/i,
    /^EAWML\d{5,6}$/i,
    /^WML\d{5,6}$/i,
  ],
  scotland: [
    /^PPC\/[AWEN]\/\d{7}$/i,
    /^WML\/[LWEN]\/\d{7}$/i,
    /^WML\/[LWEN]\/\d{7}\/\d{2}$/i,
    /^PPC\/A\/SEPA\d{4}-\d{4}$/i,
    /^WML\/L\/SEPA\d{4}-\d{4}$/i,
    /^EAS\/P\/\d{6}$/i,
  ],
  wales: [/^[A-Z]{2}\d{4}[A-Z]{2}$/i, /^EPR\/[A-Z]{2}\d{4}[A-Z]{2}$/i],
  northernIreland: [
    /^P\d{4}\/\d{2}[A-Z]$/i,
    /^P\d{4}\/\d{2}[A-Z]\/V\d+$/i,
    /^WPPC \d{2}\/\d{2}$/i,
    /^WPPC \d{2}\/\d{2}\/V\d+$/i,
    // File reference (optionally /T) with licence number and any of /M /T /C /N /V# suffixes.
    /^WML \d{2}\/\d+(?:\/T)? LN\/\d{2}\/\d+(?:\/(?:[MTCN]|V\d+))*$/i,
    // File reference with a Planning Appeals Commission licence.
    /^WML \d{2}\/\d+ PAC\/\d{4}\/WCL\d{3}$/i,
  ],
} as const;

export function isValidAuthorisationNumber(value: string): boolean {
  const trimmed = value.trim();
  return Object.values(PERMIT_NUMBER_PATTERNS)
    .flat()
    .some((pattern) => pattern.test(trimmed));
}

/** " w12  7zl " → "W12 7ZL"; anything that is not a UK postcode once tidied comes back trimmed. */
export function normaliseUkPostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  const spaced = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
  return UK_POSTCODE_PATTERN.test(spaced) ? spaced : value.trim();
}

/** Trim and upper-case a registration number, permit or consignment code typed by hand. */
export function normaliseRegistrationNumber(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase();
}
