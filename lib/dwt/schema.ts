// The DWT "receive movement" request body (POST /movements/receive, PUT /movements/{id}/receive)
// as a zod schema that enforces what DWT's live validation enforces (receipt-api.yml + README
// "Business rules"), so clerks see problems while the driver is still at the gate.
//
// Pure and isomorphic: the same schema drives the form in the browser and the server action.
// Reference-data rules (EWC, container, HP, POP and disposal/recovery codes) come from a
// `ReferenceLookups`, hence the factory.
//
// Conventions, chosen to never send DWT something it would refuse:
// - Every object is strict: unknown fields are errors (NotAllowed), as in DWT.
// - Types are strict: "true" is not a boolean, "150" is not a number, null is not a string (except
//   carrier.registrationNumber, which the spec makes nullable).
// - Text that is present must not be blank. DWT rejects empty strings in most places; forms should
//   leave an unanswered optional field out rather than send "". The one exception is
//   carrier.registrationNumber, where null or "" means "no number" and a reason is then required.
// - Cross-field rules run even when other fields are wrong, so a form shows every problem at once.
//   They only read values of the right type and stay silent otherwise (the type error is enough).
//   Zod skips such rules once any issue is flagged as aborting, which `.int()`, `abort: true` and an
//   array's `.max()` do; hence the hand-written whole-number and list-length checks below.

import { z } from 'zod';
// Type-only: importing catalogue values would pull the 288 kB bundled EWC list into every form bundle.
import type { ReferenceLookups } from '../reference-data/catalogue';
import type { DwtErrorType, DwtValidationError } from './errors';

export type { DwtErrorType, DwtValidationError } from './errors';

// ---------------------------------------------------------------------------------------------
// Enumerations (exact, case-sensitive values from the spec)
// ---------------------------------------------------------------------------------------------

export const MEANS_OF_TRANSPORT = ['Road', 'Rail', 'Air', 'Sea', 'Inland Waterway', 'Piped', 'Other'] as const;
export type MeansOfTransport = (typeof MEANS_OF_TRANSPORT)[number];

export const PHYSICAL_FORMS = ['Gas', 'Liquid', 'Solid', 'Powder', 'Sludge', 'Mixed'] as const;
export type PhysicalForm = (typeof PHYSICAL_FORMS)[number];

export const WEIGHT_METRICS = ['Grams', 'Kilograms', 'Tonnes'] as const;
export type WeightMetric = (typeof WEIGHT_METRICS)[number];

export const SOURCES_OF_COMPONENTS = ['NOT_PROVIDED', 'PROVIDED_WITH_WASTE', 'GUIDANCE', 'OWN_TESTING'] as const;
export type SourceOfComponents = (typeof SOURCES_OF_COMPONENTS)[number];

/** Sources for which the components must be listed (the receiver worked them out itself). */
export const SOURCES_REQUIRING_COMPONENTS: readonly SourceOfComponents[] = ['GUIDANCE', 'OWN_TESTING'];

// The spec's `enum` lists the display texts, but its description, table, example and the README all
// say the codes are sent; the live service takes the codes.
export const REASONS_FOR_NO_CONSIGNMENT_CODE = ['NON_HAZ_WASTE_TRANSFER', 'NO_DOC_WITH_WASTE', 'HWRC_RECEIPT'] as const;
export type ReasonForNoConsignmentCode = (typeof REASONS_FOR_NO_CONSIGNMENT_CODE)[number];

export const REASONS_FOR_NO_REGISTRATION_NUMBER = ['ON_SITE', 'HOUSEHOLD', 'ONE_OFF', 'MARINE'] as const;
export type ReasonForNoRegistrationNumber = (typeof REASONS_FOR_NO_REGISTRATION_NUMBER)[number];

/** Labels for pick lists (wording from the spec). */
export const MEANS_OF_TRANSPORT_LABELS: Readonly<Record<MeansOfTransport, string>> = {
  Road: 'Road',
  Rail: 'Rail',
  Air: 'Air',
  Sea: 'Sea',
  'Inland Waterway': 'Inland waterway',
  Piped: 'Piped',
  Other: 'Other',
};

export const REASON_FOR_NO_CONSIGNMENT_CODE_LABELS: Readonly<Record<ReasonForNoConsignmentCode, string>> = {
  NON_HAZ_WASTE_TRANSFER: 'Non-hazardous waste transfer',
  NO_DOC_WITH_WASTE: 'No documentation provided with the waste',
  HWRC_RECEIPT: 'Household waste recycling centre receipt',
};

export const REASON_FOR_NO_REGISTRATION_NUMBER_LABELS: Readonly<Record<ReasonForNoRegistrationNumber, string>> = {
  ON_SITE: 'Movement within the same premises',
  HOUSEHOLD: 'Householder transporting their own waste',
  ONE_OFF: 'One-off or infrequent waste transport',
  MARINE: 'Marine transport covered by a marine licence or exemption',
};

export const SOURCE_OF_COMPONENTS_LABELS: Readonly<Record<SourceOfComponents, string>> = {
  NOT_PROVIDED: 'Not provided by the carrier',
  PROVIDED_WITH_WASTE: 'Provided with the waste',
  GUIDANCE: 'Determined from guidance',
  OWN_TESTING: 'Determined from our own testing',
};

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/** README: "Free text is limited to 5,000 characters"; applied to every free-text field. */
export const FREE_TEXT_MAX_LENGTH = 5000;
export const VEHICLE_REGISTRATION_MAX_LENGTH = 10;
export const MIN_EWC_CODES_PER_ITEM = 1;
export const MAX_EWC_CODES_PER_ITEM = 5;

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/** Spec `format: uuid`: any version, either case. */
export const API_CODE_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 3339 date-time with a time zone: `2025-09-15T12:12:28Z`, `2025-09-15T13:12:28.5+01:00`. */
export const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Six digits, no spaces, no asterisk. */
export const EWC_CODE_PATTERN = /^\d{6}$/;

/** `25HRA0B2`: two-digit year then at least six of A–Z0–9 (no upper bound: DWT may lengthen them). */
export const WASTE_TRACKING_ID_PATTERN = /^\d{2}[A-Z0-9]{6,}$/;

/**
 * UK postcode with its single space (`W12 7ZL`, `EC1A 1BB`, `GIR 0AA`), either case.
 * Use `normaliseUkPostcode` on input first so "w127zl" is accepted as "W12 7ZL".
 */
export const UK_POSTCODE_PATTERN = /^(?:GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/i;

/** Irish Eircode: routing key (letter + two digits, or D6W) and four-character identifier. */
export const IRISH_EIRCODE_PATTERN = /^(?:D6W|[AC-FHKNPRTV-Y]\d{2}) ?[0-9AC-FHKNPRTV-Y]{4}$/i;

/** Hazardous waste consignment note codes, by nation. */
export const CONSIGNMENT_CODE_PATTERNS = {
  /** England and Wales: six alphanumerics, `/`, five alphanumerics (`CJ32LE/A0001`). */
  englandWales: /^[A-Z0-9]{6}\/[A-Z0-9]{5}$/i,
  /** Scotland (special waste consignment note): SA, SB or SC then seven digits. */
  scotland: /^S[ABC]\d{7}$/,
  /** Northern Ireland: DA, DB or DC then seven digits. */
  northernIreland: /^D[ABC]\d{7}$/,
} as const;

/**
 * Waste carrier, broker and dealer registration numbers, by regulator. Upper case as issued; use
 * `normaliseRegistrationNumber` on input.
 * England/Wales: the README's "CBD[LU] + 3 or more digits" (the live rule); the spec's carrier text says
 * one or more digits but that accepts numbers DWT refuses.
 */
export const CARRIER_REGISTRATION_NUMBER_PATTERNS = {
  englandWales: [/^CBD[LU]\d{3,}$/],
  scotland: [/^WCR\/R\/\d{7}$/, /^(?:SCO|SEA|SNO|SWE|WCR)\/\d{6}$/, /^PCT-[A-Z]-\d{3,7}$/],
  /** ROC UT / ROC LT then 1–5 digits; the spaces are optional. */
  northernIreland: [/^ROC ?[UL]T ?\d{1,5}$/],
} as const;

/**
 * Site authorisation (permit) numbers, by nation; case-insensitive per the spec. Two England entries
 * in the spec look garbled ("EXX9999XX", "PR/XX9999XX/D9999"); both the literal and the evident
 * intent (XX9999XX, EPR/XX9999XX/D9999) are accepted.
 */
export const PERMIT_NUMBER_PATTERNS = {
  england: [
    /^EAWML\d{5,6}$/i,
    /^WML\d{5,6}$/i,
    /^E?[A-Z]{2}\d{4}[A-Z]{2}$/i,
    /^[A-Z]{2}\d{4}[A-Z]{2}\/D\d{4}$/i,
    /^EPR\/[A-Z]{2}\d{4}[A-Z]{2}$/i,
    /^E?PR\/[A-Z]{2}\d{4}[A-Z]{2}\/D\d{4}$/i,
  ],
  scotland: [
    /^PPC\/[AWNE]\/\d{7}$/i,
    /^PPC\/A\/SEPA\d{4}-\d{4}$/i,
    /^WML\/[LWNE]\/\d{7}$/i,
    /^WML\/L\/SEPA\d{4}-\d{4}$/i,
    /^WML\/[LWNE]\/\d{7}\/\d{2}$/i,
    /^EAS\/P\/\d{6}$/i,
  ],
  wales: [/^[A-Z]{2}\d{4}[A-Z]{2}$/i, /^EPR\/[A-Z]{2}\d{4}[A-Z]{2}$/i],
  northernIreland: [
    /^P\d{4}\/\d{2}[A-Z](?:\/V\d+)?$/i,
    /^WPPC \d{2}\/\d{2}(?:\/V\d+)?$/i,
    // File reference (optionally /T) with licence number and any of /M /T /C /N /V# suffixes.
    /^WML \d{2}\/\d+(?:\/T)? LN\/\d{2}\/\d+(?:\/(?:M|T|C|N|V\d+))*$/i,
    // File reference with a Planning Appeals Commission licence.
    /^WML \d{2}\/\d+ PAC\/\d{4}\/WCL\d{3}$/i,
  ],
} as const;

const matchesAny = (patterns: readonly RegExp[], value: string) => patterns.some((pattern) => pattern.test(value));

export function isApiCode(value: string): boolean {
  return API_CODE_PATTERN.test(value);
}

/** A real instant written as RFC 3339 with a time zone (rejects 2025-02-30 and 25:00). */
export function isDateTimeWithZone(value: string): boolean {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [match[9], match[10]].map((part) => Number(part ?? 0)) as [number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  );
}

export function isWasteTrackingId(value: string): boolean {
  return WASTE_TRACKING_ID_PATTERN.test(value);
}

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

export function isValidConsignmentCode(value: string): boolean {
  return matchesAny(Object.values(CONSIGNMENT_CODE_PATTERNS), value);
}

export function isValidCarrierRegistrationNumber(value: string): boolean {
  return matchesAny(Object.values(CARRIER_REGISTRATION_NUMBER_PATTERNS).flat(), value);
}

export function isValidAuthorisationNumber(value: string): boolean {
  return matchesAny(Object.values(PERMIT_NUMBER_PATTERNS).flat(), value);
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

// ---------------------------------------------------------------------------------------------
// Schema building blocks. Each carries the clerk-facing wording for its field.
// ---------------------------------------------------------------------------------------------

type ErrorParams = { errorType: DwtErrorType };
const params = (errorType: DwtErrorType): ErrorParams => ({ errorType });

const isBlank = (value: string) => value.trim() === '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyArray = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;
const quote = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');
const characters = (count: number) => count.toLocaleString('en-GB');

interface Wording {
  /** "Site name is required" */
  required?: string;
  /** "Site name must be text" */
  type?: string;
}

/** Messages for a missing value or a value of the wrong JSON type. */
function typeError(label: string, expected: string, wording: Wording = {}) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? (wording.required ?? `${label} is required`) : (wording.type ?? `${label} must be ${expected}`);
}

interface TextOptions extends Wording {
  max?: number;
  /** errorType for "" / whitespace; defaults to NotProvided (a blank answer is no answer). */
  blankErrorType?: DwtErrorType;
  blank?: string;
}

function text(label: string, options: TextOptions = {}) {
  const max = options.max ?? FREE_TEXT_MAX_LENGTH;
  return z
    .string({ error: typeError(label, 'text', options) })
    .refine((value) => !isBlank(value), {
      error: options.blank ?? options.required ?? `${label} is required`,
      params: params(options.blankErrorType ?? 'NotProvided'),
    })
    .max(max, { error: `${label} must be ${characters(max)} characters or fewer` });
}

/** Optional text: may be left out, but not sent blank. */
function optionalText(label: string, options: TextOptions = {}) {
  return text(label, {
    blank: `${label} cannot be blank: leave it out if there isn't one`,
    blankErrorType: 'InvalidValue',
    ...options,
  }).optional();
}

/** A string checked by one predicate; one error (format or value) per bad value. */
function checkedString(
  label: string,
  check: (value: string) => boolean,
  failure: { errorType: DwtErrorType; message: (value: string) => string },
  wording: Wording = {},
) {
  return z.string({ error: typeError(label, 'text', wording) }).superRefine((value, ctx) => {
    if (!check(value)) {
      ctx.addIssue({ code: 'custom', message: failure.message(value), params: params(failure.errorType) });
    }
  });
}

function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T, wording: Wording = {}) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? (wording.required ?? `${label} is required`)
        : typeof issue.input !== 'string'
          ? (wording.type ?? `${label} must be one of ${quote(values)}`)
          : `${label} must be one of ${quote(values)} (exactly as written), not "${issue.input}"`,
  });
}

function bool(label: string, wording: Wording = {}) {
  return z.boolean({ error: typeError(label, 'true or false (not text)', wording) });
}

/** A whole number ≥ min (spec `type: integer`, so a fraction is the wrong type). */
function wholeNumber(label: string, min: number) {
  return z
    .number({ error: typeError(label, 'a whole number') })
    .refine(Number.isSafeInteger, { error: `${label} must be a whole number`, params: params('InvalidType') })
    .min(min, { error: `${label} must be ${min} or more` });
}

function positiveNumber(label: string) {
  return z.number({ error: typeError(label, 'a number') }).gt(0, { error: `${label} must be greater than 0` });
}

function email(label: string) {
  return z
    .email({
      error: (issue) => (issue.code === 'invalid_format' ? `${label} must be an email address, like name@example.co.uk` : typeError(label, 'text')(issue)),
    })
    .max(FREE_TEXT_MAX_LENGTH, { error: `${label} must be ${characters(FREE_TEXT_MAX_LENGTH)} characters or fewer` })
    .optional();
}

function strictObject<T extends z.ZodRawShape>(label: string, shape: T, wording: Wording = {}) {
  return z.strictObject(shape, { error: typeError(label, 'a set of fields (a JSON object)', wording) });
}

function list<T extends z.ZodType>(label: string, item: T, wording: Wording = {}) {
  return z.array(item, { error: typeError(label, 'a list', wording) });
}

function weightSchema(label: string) {
  return strictObject(label, {
    metric: oneOf(`${label} unit`, WEIGHT_METRICS),
    amount: positiveNumber(label),
    isEstimate: bool(`${label} estimate`, {
      required: `Say whether the ${label.toLowerCase()} is an estimate`,
    }),
  });
}

function addressSchema(label: string, postcode: { check: (value: string) => boolean; hint: string }, fullAddressRequired: boolean) {
  const fullAddress = text(`${label} full address`);
  return strictObject(`${label} address`, {
    fullAddress: fullAddressRequired ? fullAddress : optionalText(`${label} full address`),
    postcode: checkedString(`${label} postcode`, postcode.check, {
      errorType: 'InvalidFormat',
      message: (value) => `${label} postcode "${value}" is not ${postcode.hint}`,
    }),
  });
}

const UK_OR_IRISH = { check: isUkOrIrishPostcode, hint: 'a valid UK postcode (like W12 7ZL) or Irish Eircode (like D02 X285)' };
const UK_ONLY = { check: isUkPostcode, hint: 'a valid UK postcode (like W12 7ZL)' };

function registrationNumberFormatMessage(label: string, value: string) {
  return (
    `${label} "${value}" is not in a recognised format: England and Wales CBDU or CBDL and at least 3 digits ` +
    `(CBDU123456), Scotland WCR/R/1234567, SCO/123456 or PCT-A-123, Northern Ireland ROC UT 12345 or ROC LT 12345`
  );
}

function registrationNumber(label: string) {
  return checkedString(label, isValidCarrierRegistrationNumber, {
    errorType: 'InvalidFormat',
    message: (value) => registrationNumberFormatMessage(label, value),
  });
}

// ---------------------------------------------------------------------------------------------
// The schema
// ---------------------------------------------------------------------------------------------

/**
 * Builds the request-body schema against one set of reference data. Build it once per
 * `ReferenceLookups` (it is pure); `validateReceiveMovement` memoises it for you.
 */
export function createReceiveMovementSchema(lookups: ReferenceLookups) {
  // One error per code: a malformed code is a format problem, a well-formed unknown one a value problem.
  const ewcCode = z.string({ error: typeError('EWC code', 'text') }).superRefine((value, ctx) => {
    if (!EWC_CODE_PATTERN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `EWC code "${value}" must be six digits with no spaces or asterisk, like 170504`,
        params: params('InvalidFormat'),
      });
    } else if (!lookups.isKnownEwcCode(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `EWC code ${value} is not in the List of Wastes; check the code on the paperwork`,
        params: params('InvalidValue'),
      });
    }
  });

  const popComponent = strictObject('POP component', {
    code: checkedString('POP code', (value) => lookups.isPopName(value), {
      errorType: 'InvalidValue',
      message: (value) => `POP code "${value}" is not one of DWT's POP name codes (for example PFOS, DECABDE)`,
    }),
    concentration: positiveNumber('POP concentration (mg/kg)').optional(),
  });

  const hazardousComponent = strictObject('Hazardous component', {
    name: text('Hazardous component name'),
    concentration: positiveNumber('Hazardous component concentration (mg/kg)').optional(),
  });

  const pops = strictObject('POP details', {
    sourceOfComponents: oneOf('Source of POP components', SOURCES_OF_COMPONENTS),
    components: list('POP components', popComponent).optional(),
  });

  const hazardous = strictObject('Hazardous details', {
    sourceOfComponents: oneOf('Source of hazardous components', SOURCES_OF_COMPONENTS),
    hazCodes: list(
      'Hazardous property codes',
      checkedString('Hazardous property code', (value) => lookups.isHpCode(value), {
        errorType: 'InvalidValue',
        message: (value) => `Hazardous property code "${value}" is not valid; use HP_1 to HP_15 or HP_POP`,
      }),
    ).optional(),
    components: list('Hazardous components', hazardousComponent).optional(),
  });

  const disposalOrRecoveryCode = strictObject('Disposal or recovery code', {
    code: checkedString('Disposal or recovery code', (value) => lookups.isDisposalOrRecoveryCode(value), {
      errorType: 'InvalidValue',
      message: (value) => `Disposal or recovery code "${value}" is not valid; use R1 to R13 or D1 to D15`,
    }),
    weight: weightSchema('Disposal or recovery weight'),
  });

  const wasteItem = strictObject('Waste item', {
    ewcCodes: list('EWC codes', ewcCode, { required: 'Give at least one EWC code' })
      .min(MIN_EWC_CODES_PER_ITEM, { error: 'Give at least one EWC code' })
      .refine((codes) => codes.length <= MAX_EWC_CODES_PER_ITEM, {
        error: `Give no more than ${MAX_EWC_CODES_PER_ITEM} EWC codes for one waste item`,
        params: params('OutOfRange'),
      }),
    wasteDescription: text('Waste description'),
    physicalForm: oneOf('Physical form', PHYSICAL_FORMS),
    numberOfContainers: wholeNumber('Number of containers', 0),
    typeOfContainers: checkedString('Container type', (value) => lookups.isContainerType(value), {
      errorType: 'InvalidValue',
      message: (value) => `Container type "${value}" is not one of DWT's container codes (for example SKI for skip)`,
    }),
    weight: weightSchema('Weight'),
    containsPops: bool('Contains POPs', { required: 'Say whether the waste contains POPs (persistent organic pollutants)' }),
    pops: pops.optional(),
    containsHazardous: bool('Contains hazardous properties', {
      required: 'Say whether the waste has hazardous properties',
    }),
    hazardous: hazardous.optional(),
    disposalOrRecoveryCodes: list('Disposal or recovery codes', disposalOrRecoveryCode).optional(),
  }).superRefine(checkWasteItem, { when: (payload) => isRecord(payload.value) });

  const carrier = strictObject(
    'Carrier',
    {
      // Required but nullable: null or "" means the carrier has none (then a reason is required).
      registrationNumber: z
        .string({
          error: typeError('Carrier registration number', 'text', {
            required: 'Carrier registration number is required; if the carrier has none, leave it empty and give a reason',
          }),
        })
        .nullable()
        .superRefine((value, ctx) => {
          if (value !== null && value !== '' && !isValidCarrierRegistrationNumber(value)) {
            ctx.addIssue({
              code: 'custom',
              message: registrationNumberFormatMessage('Carrier registration number', value),
              params: params('InvalidFormat'),
            });
          }
        }),
      reasonForNoRegistrationNumber: oneOf('Reason for no carrier registration number', REASONS_FOR_NO_REGISTRATION_NUMBER).optional(),
      organisationName: text('Carrier name'),
      address: addressSchema('Carrier', UK_OR_IRISH, false).optional(),
      emailAddress: email('Carrier email address'),
      phoneNumber: optionalText('Carrier phone number'),
      vehicleRegistration: z
        .string({ error: typeError('Vehicle registration', 'text') })
        .max(VEHICLE_REGISTRATION_MAX_LENGTH, {
          error: `Vehicle registration must be ${VEHICLE_REGISTRATION_MAX_LENGTH} characters or fewer`,
        })
        .optional(),
      meansOfTransport: oneOf('Means of transport', MEANS_OF_TRANSPORT),
    },
    { required: 'Carrier details are required' },
  ).superRefine(checkCarrier, { when: (payload) => isRecord(payload.value) });

  const brokerOrDealer = strictObject('Broker or dealer', {
    organisationName: text('Broker or dealer name'),
    address: addressSchema('Broker or dealer', UK_OR_IRISH, false).optional(),
    emailAddress: email('Broker or dealer email address'),
    phoneNumber: optionalText('Broker or dealer phone number'),
    registrationNumber: registrationNumber('Broker or dealer registration number').optional(),
  });

  const receiver = strictObject(
    'Receiver',
    {
      siteName: text('Site name'),
      emailAddress: email('Receiver email address'),
      phoneNumber: optionalText('Receiver phone number'),
      authorisationNumber: checkedString('Site authorisation number', isValidAuthorisationNumber, {
        errorType: 'InvalidFormat',
        message: (value) =>
          `Site authorisation number "${value}" must be in a valid UK format, such as EPR/AB1234CD, AB1234CD/D1234, ` +
          `EAWML123456, PPC/A/1234567, WML/L/1234567 or P1234/56A`,
      }),
      regulatoryPositionStatements: list('Regulatory position statements', wholeNumber('Regulatory position statement number', 1)).optional(),
    },
    { required: 'Receiver details are required' },
  );

  const receipt = strictObject(
    'Receipt',
    { address: addressSchema('Receiving site', UK_ONLY, true) },
    { required: 'The address where the waste was received is required' },
  );

  const otherReference = strictObject('Other reference', {
    // The spec gives these two minLength 1, so a blank one is out of range rather than missing.
    label: text('Reference label', { blankErrorType: 'OutOfRange' }),
    reference: text('Reference', { blankErrorType: 'OutOfRange' }),
  });

  return z
    .strictObject(
      {
        apiCode: checkedString('API code', isApiCode, {
          errorType: 'InvalidFormat',
          message: (value) => `API code "${value}" must be a UUID, like 1f83215e-4b90-4785-9ab2-2614839aa2e9`,
        }),
        dateTimeReceived: checkedString('Date and time received', isDateTimeWithZone, {
          errorType: 'InvalidFormat',
          message: (value) => `Date and time received "${value}" must be a date and time with a time zone, like 2025-09-15T12:12:28Z`,
        }),
        hazardousWasteConsignmentCode: checkedString('Hazardous waste consignment code', isValidConsignmentCode, {
          errorType: 'InvalidFormat',
          message: (value) =>
            `Hazardous waste consignment code "${value}" must be in the format CJ32LE/A0001 (England and Wales), ` +
            `SA1234567 (Scotland) or DA1234567 (Northern Ireland); leave it out if there isn't one`,
        }).optional(),
        reasonForNoConsignmentCode: oneOf('Reason for no consignment code', REASONS_FOR_NO_CONSIGNMENT_CODE).optional(),
        yourUniqueReference: optionalText('Your reference'),
        otherReferencesForMovement: list('Other references', otherReference).optional(),
        specialHandlingRequirements: optionalText('Special handling requirements'),
        wasteItems: list('Waste items', wasteItem, { required: 'Add at least one waste item' }).min(1, {
          error: 'Add at least one waste item',
        }),
        carrier,
        brokerOrDealer: brokerOrDealer.optional(),
        receiver,
        receipt,
      },
      { error: typeError('The movement', 'a JSON object') },
    )
    .superRefine(checkConsignment(lookups), { when: (payload) => isRecord(payload.value) });
}

export type ReceiveMovementSchema = ReturnType<typeof createReceiveMovementSchema>;
export type ReceiveMovement = z.infer<ReceiveMovementSchema>;
export type WasteItem = ReceiveMovement['wasteItems'][number];
export type Weight = WasteItem['weight'];
export type Pops = NonNullable<WasteItem['pops']>;
export type PopComponent = NonNullable<Pops['components']>[number];
export type Hazardous = NonNullable<WasteItem['hazardous']>;
export type HazardousComponent = NonNullable<Hazardous['components']>[number];
export type DisposalOrRecoveryCode = NonNullable<WasteItem['disposalOrRecoveryCodes']>[number];
export type Carrier = ReceiveMovement['carrier'];
export type BrokerOrDealer = NonNullable<ReceiveMovement['brokerOrDealer']>;
export type Receiver = ReceiveMovement['receiver'];
export type Receipt = ReceiveMovement['receipt'];
export type Address = NonNullable<Carrier['address']>;
export type ReceiptAddress = Receipt['address'];
export type OtherReference = NonNullable<ReceiveMovement['otherReferencesForMovement']>[number];

// ---------------------------------------------------------------------------------------------
// Cross-field rules. They see the raw (possibly partly invalid) object, so they check types first.
// ---------------------------------------------------------------------------------------------

type Ctx = z.RefinementCtx;

function businessRule(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message, params: params('BusinessRuleViolation') });
}

function checkCarrier(value: unknown, ctx: Ctx) {
  if (!isRecord(value)) return;
  const { registrationNumber, reasonForNoRegistrationNumber: reason, meansOfTransport, vehicleRegistration } = value;

  const hasNoNumber = registrationNumber === null || registrationNumber === '';
  const hasNumber = typeof registrationNumber === 'string' && registrationNumber !== '';
  if (hasNoNumber && reason === undefined) {
    businessRule(ctx, ['reasonForNoRegistrationNumber'], 'Carrier registration number or a reason for not having one is required');
  } else if (hasNumber && typeof reason === 'string') {
    businessRule(ctx, ['reasonForNoRegistrationNumber'], 'Give either a carrier registration number or a reason for not having one, not both');
  }

  const isKnownMeans = (MEANS_OF_TRANSPORT as readonly unknown[]).includes(meansOfTransport);
  if (meansOfTransport === 'Road') {
    if (vehicleRegistration === undefined || (typeof vehicleRegistration === 'string' && isBlank(vehicleRegistration))) {
      businessRule(ctx, ['vehicleRegistration'], 'Vehicle registration is required when the waste arrives by road');
    }
  } else if (isKnownMeans && vehicleRegistration !== undefined) {
    businessRule(ctx, ['vehicleRegistration'], `Vehicle registration must be left out when the means of transport is ${String(meansOfTransport)}, not Road`);
  }
}

const DETAIL_WORDING = {
  pops: { contains: 'containsPops', noun: 'POP', what: 'contains POPs' },
  hazardous: { contains: 'containsHazardous', noun: 'hazardous', what: 'has hazardous properties' },
} as const;

function checkWasteItem(item: unknown, ctx: Ctx) {
  if (!isRecord(item)) return;

  for (const kind of ['pops', 'hazardous'] as const) {
    const { contains: containsKey, noun, what } = DETAIL_WORDING[kind];
    const contains = item[containsKey];
    const detail = item[kind];

    if (contains === true && detail === undefined) {
      businessRule(ctx, [kind, 'sourceOfComponents'], `Source of ${noun} components is required when the waste ${what}`);
    }

    if (isRecord(detail)) {
      const { sourceOfComponents: source, components } = detail;
      const hasComponents = isNonEmptyArray(components);
      const lacksComponents = components === undefined || (Array.isArray(components) && components.length === 0);
      if (contains === false && hasComponents) {
        businessRule(ctx, [kind, 'components'], `Leave out ${noun} components when the waste does not say it ${what}`);
      } else if (contains === true && source === 'NOT_PROVIDED' && hasComponents) {
        businessRule(ctx, [kind, 'components'], `Leave out ${noun} components when their source is "not provided", or choose another source`);
      } else if (contains === true && (SOURCES_REQUIRING_COMPONENTS as readonly unknown[]).includes(source) && lacksComponents) {
        businessRule(
          ctx,
          [kind, 'components'],
          `List at least one ${noun} component when they were determined from ${source === 'GUIDANCE' ? 'guidance' : 'your own testing'}`,
        );
      }
    }

    if (kind === 'hazardous' && contains === true) {
      const hazCodes = isRecord(detail) ? detail.hazCodes : undefined;
      if (hazCodes === undefined || (Array.isArray(hazCodes) && hazCodes.length === 0)) {
        businessRule(ctx, ['hazardous', 'hazCodes'], 'Give at least one hazardous property code (HP_1 to HP_15) when the waste has hazardous properties');
      }
    }
  }
}

/** Hazardous EWC codes (per the catalogue) anywhere in the body, in order, without repeats. */
function hazardousEwcCodes(body: Record<string, unknown>, lookups: ReferenceLookups): string[] {
  const found = new Set<string>();
  const items = Array.isArray(body.wasteItems) ? body.wasteItems : [];
  for (const item of items) {
    const codes = isRecord(item) && Array.isArray(item.ewcCodes) ? item.ewcCodes : [];
    for (const code of codes) {
      if (typeof code === 'string' && lookups.isHazardousEwcCode(code)) found.add(code);
    }
  }
  return [...found];
}

function checkConsignment(lookups: ReferenceLookups) {
  return (body: unknown, ctx: Ctx) => {
    if (!isRecord(body)) return;
    if (body.hazardousWasteConsignmentCode != null || body.reasonForNoConsignmentCode !== undefined) return;
    const hazardousCodes = hazardousEwcCodes(body, lookups);
    if (hazardousCodes.length === 0) return;
    const listed = hazardousCodes.join(', ');
    businessRule(
      ctx,
      ['reasonForNoConsignmentCode'],
      `Hazardous waste consignment code or a reason for not having one is required, because EWC code ${listed} ` +
        `${hazardousCodes.length === 1 ? 'is' : 'are'} hazardous`,
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Validation in DWT's error shape
// ---------------------------------------------------------------------------------------------

export type ValidationResult = { ok: true; value: ReceiveMovement } | { ok: false; errors: DwtValidationError[] };

const schemas = new WeakMap<ReferenceLookups, ReceiveMovementSchema>();

function schemaFor(lookups: ReferenceLookups): ReceiveMovementSchema {
  let schema = schemas.get(lookups);
  if (!schema) {
    schema = createReceiveMovementSchema(lookups);
    schemas.set(lookups, schema);
  }
  return schema;
}

export function validateReceiveMovement(body: unknown, lookups: ReferenceLookups): ValidationResult {
  const result = schemaFor(lookups).safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: zodIssuesToDwtErrors(result.error.issues, body) };
}

/** DWT's dotted key: `wasteItems.0.ewcCodes.1`. */
export function toDwtKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** "Waste item 2: …" so the error summary says which load line is wrong. */
function withItemPrefix(key: string, message: string): string {
  const match = /^wasteItems\.(\d+)\./.exec(key);
  return match ? `Waste item ${Number(match[1]) + 1}: ${message}` : message;
}

/**
 * Zod issues → DWT errors. `input` is the body that was validated: a field that is absent there is
 * NotProvided, present but of the wrong kind is InvalidType.
 */
export function zodIssuesToDwtErrors(issues: readonly z.core.$ZodIssue[], input: unknown): DwtValidationError[] {
  const errors: DwtValidationError[] = [];
  const push = (key: string, errorType: DwtErrorType, message: string) => errors.push({ key, errorType, message: withItemPrefix(key, message) });

  // A value of the wrong type is reported once, as such: zod may also run length checks on it
  // (a string has a length) and rules may have looked at it.
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => toDwtKey(issue.path)));

  for (const issue of issues) {
    const key = toDwtKey(issue.path);
    if (wrongType.has(key) && issue.code !== 'invalid_type') continue;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const unknownKey of issue.keys) {
          const fullKey = toDwtKey([...issue.path, unknownKey]);
          push(fullKey, 'NotAllowed', `"${unknownKey}" is not a field DWT accepts here; remove it`);
        }
        break;
      case 'invalid_type':
      case 'invalid_value': {
        // Enums report a missing or non-string value as invalid_value; DWT calls those NotProvided / InvalidType.
        const value = valueAt(input, issue.path);
        const errorType = value === undefined ? 'NotProvided' : issue.code === 'invalid_type' || typeof value !== 'string' ? 'InvalidType' : 'InvalidValue';
        push(key, errorType, issue.message);
        break;
      }
      case 'invalid_format':
        push(key, 'InvalidFormat', issue.message);
        break;
      case 'too_small':
      case 'too_big':
      case 'not_multiple_of':
        push(key, 'OutOfRange', issue.message);
        break;
      case 'custom': {
        const errorType = (issue.params as Partial<ErrorParams> | undefined)?.errorType;
        push(key, errorType ?? 'BusinessRuleViolation', issue.message);
        break;
      }
      default:
        push(key, 'InvalidValue', issue.message);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Warnings: what DWT stores but flags (201/200 with validation.warnings)
// ---------------------------------------------------------------------------------------------

/**
 * DWT's non-blocking warnings for a valid movement:
 * - a waste item with no disposal or recovery codes (they may be sent later as an update);
 * - POP or hazardous components "provided with the waste" but none listed.
 */
export function warningsFor(movement: ReceiveMovement): DwtValidationError[] {
  const warnings: DwtValidationError[] = [];
  const warn = (key: string, message: string) => warnings.push({ key, errorType: 'NotProvided', message: withItemPrefix(key, message) });

  movement.wasteItems.forEach((item, index) => {
    if (!item.disposalOrRecoveryCodes || item.disposalOrRecoveryCodes.length === 0) {
      warn(
        `wasteItems.${index}.disposalOrRecoveryCodes`,
        'No disposal or recovery code yet. DWT will accept the load with a warning; send an update with the code within two working days',
      );
    }
    for (const kind of ['pops', 'hazardous'] as const) {
      const { contains, noun } = DETAIL_WORDING[kind];
      const detail = item[kind];
      if (item[contains] && detail?.sourceOfComponents === 'PROVIDED_WITH_WASTE' && !detail.components?.length) {
        warn(`wasteItems.${index}.${kind}.components`, `No ${noun} components listed although they were provided with the waste; add them if you can`);
      }
    }
  });
  return warnings;
}
