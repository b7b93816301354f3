// The load form's shape in zod, for the server: bounds on every box and list, and the defaults a stored
// or submitted form is completed with (lib/loads/actions.ts and service.ts parse with it). Kept apart from
// schema.ts, whose conversion and checks also run in the browser: the form's JavaScript carries no zod.
// The types are zod's (schema.ts re-exports them); the plain empty forms in schema.ts are tested against
// these defaults (form-schema.test.ts).
import { z } from 'zod';
import {
  MEANS_OF_TRANSPORT,
  PHYSICAL_FORMS,
  REASONS_FOR_NO_CONSIGNMENT_CODE,
  REASONS_FOR_NO_REGISTRATION_NUMBER,
  SOURCES_OF_COMPONENTS,
  WEIGHT_METRICS,
} from '@/lib/dwt/schema';
import { LOAD_TEXT_MAX, emptyCarrier, emptyLoadForm, emptyParty, emptyWasteItem } from './form-values';

// Bounds against hostile or runaway input (drafts too), far above anything real and above DWT's own
// limits, so DWT's rules (not these) are what a clerk meets: a box holds at most 5,000 characters.
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
