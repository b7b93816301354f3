// A site's address book of carriers and brokers/dealers, so a clerk picks a regular carrier instead of
// retyping it while the driver waits. The field rules are DWT's (lib/dwt/schema.ts): an entry saved
// here fills a load that DWT will accept. Pure: drives the form and the server alike.
//
// Optional fields take "" or null as "not given" (HTML inputs hold "", stored entries hold null), so a
// form's values and a picked entry can both be saved as they are.
import { z } from 'zod';
import {
  FREE_TEXT_MAX_LENGTH,
  MEANS_OF_TRANSPORT,
  REASONS_FOR_NO_REGISTRATION_NUMBER,
  VEHICLE_REGISTRATION_MAX_LENGTH,
  isUkOrIrishPostcode,
  isValidCarrierRegistrationNumber,
  normaliseRegistrationNumber,
  normaliseUkPostcode,
  type MeansOfTransport,
  type ReasonForNoRegistrationNumber,
} from '@/lib/dwt/schema';
import type { PartyKind } from '@/lib/generated/prisma/enums';

export type { PartyKind } from '@/lib/generated/prisma/enums';
// What the form's pickers use, kept free of zod so the load form's JavaScript carries none (keys.ts).
import { matchKey } from './keys';

export { matchKey, partyKindNouns, VEHICLE_LOOKUP_MIN_LENGTH } from './keys';

export const PARTY_KINDS = ['CARRIER', 'BROKER_DEALER'] as const satisfies readonly PartyKind[];

/** A carrier runs a few vehicles; more than this in one save is not a clerk typing. */
export const MAX_VEHICLES_PER_SAVE = 100;

export const SEARCH_DEFAULT_LIMIT = 8;
export const SEARCH_MAX_LIMIT = 25;
export const SEARCH_QUERY_MAX_LENGTH = 100;
export const LIST_PAGE_SIZE = 50;

/**
 * How a vehicle registration is stored and shown: as typed, but trimmed, upper case and with single
 * spaces ("ab12  cde " → "AB12 CDE"), DWT's tidying of registration numbers. Matching uses `matchKey`.
 */
export const normaliseVehicleRegistration = normaliseRegistrationNumber;

const tooLong = (label: string, max = FREE_TEXT_MAX_LENGTH) => `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;

/** Trimmed text; "", null and absent all mean "not given". */
function optionalText(label: string) {
  return z
    .string()
    .trim()
    .max(FREE_TEXT_MAX_LENGTH, tooLong(label))
    .nullish()
    .transform((value) => value || undefined);
}

/**
 * DWT's tidying (trimmed, upper case, single spaces), and a number typed with stray spaces
 * ("CBDU 123456") taken without them when only that form is valid.
 */
export function normalisePartyRegistrationNumber(value: string): string {
  const tidied = normaliseRegistrationNumber(value);
  const compact = tidied.replace(/ /g, '');
  return !isValidCarrierRegistrationNumber(tidied) && isValidCarrierRegistrationNumber(compact) ? compact : tidied;
}

function registrationNumber(noun: string) {
  return z
    .string()
    .nullish()
    .transform((value) => (value ? normalisePartyRegistrationNumber(value) : '') || undefined)
    .superRefine((value, ctx) => {
      if (value !== undefined && !isValidCarrierRegistrationNumber(value)) {
        ctx.addIssue({
          code: 'custom',
          message:
            `${noun} registration number "${value}" is not in a recognised format, like CBDU123456 ` +
            `(England and Wales), WCR/R/1234567 or SCO/123456 (Scotland), or ROC UT 12345 (Northern Ireland)`,
        });
      }
    });
}

function postcode(noun: string) {
  return z
    .string()
    .nullish()
    .transform((value) => (value ? normaliseUkPostcode(value).toUpperCase() : '') || undefined)
    .superRefine((value, ctx) => {
      if (value !== undefined && !isUkOrIrishPostcode(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `${noun} postcode "${value}" is not a UK postcode (like W12 7ZL) or an Irish Eircode (like D02 X285)`,
        });
      }
    });
}

function email(noun: string) {
  return z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || undefined)
    .pipe(
      z
        .email(`${noun} email address must be an email address, like name@example.co.uk`)
        .max(FREE_TEXT_MAX_LENGTH, tooLong(`${noun} email address`))
        .optional(),
    );
}

/** One of `values`; "", null and absent mean "not given". */
function optionalChoice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string(message)
    .nullish()
    .transform((value) => value || undefined)
    .pipe(z.enum(values, message).optional());
}

/** `known` followed by each of `added` not already in it (compared by `matchKey`); blanks dropped. */
export function mergeVehicleRegistrations(known: readonly string[], added: readonly string[]): string[] {
  const keys = new Set(known.map(matchKey));
  const out = [...known];
  for (const vehicle of added) {
    const key = matchKey(vehicle);
    if (key === '' || keys.has(key)) continue;
    keys.add(key);
    out.push(vehicle);
  }
  return out;
}

/**
 * Plates are letters and digits, spaced or hyphenated (UK "AB12 CDE", Irish "12-D-12345"); DWT takes
 * any text, but anything else here is a slip, and keeps the service's search keys free of escapes.
 */
const VEHICLE_REGISTRATION_PATTERN = /^[A-Z0-9 -]*$/;

const vehicleRegistration = z
  .string()
  .transform(normaliseVehicleRegistration)
  .superRefine((value, ctx) => {
    if (value.length > VEHICLE_REGISTRATION_MAX_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        message: `Vehicle registration "${value}" must be ${VEHICLE_REGISTRATION_MAX_LENGTH} characters or fewer`,
      });
    } else if (!VEHICLE_REGISTRATION_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', message: `Vehicle registration "${value}" can only have letters, numbers, spaces and hyphens` });
    } else if (value !== '' && matchKey(value) === '') {
      ctx.addIssue({ code: 'custom', message: `Vehicle registration "${value}" must contain letters or numbers` });
    }
  });

/** Blank entries dropped and repeats (by `matchKey`) kept once, in the order typed. */
const vehicleRegistrations = z
  .array(vehicleRegistration)
  .max(MAX_VEHICLES_PER_SAVE, `Give no more than ${MAX_VEHICLES_PER_SAVE} vehicle registrations at once`)
  .nullish()
  .transform((values) => mergeVehicleRegistrations([], values ?? []));

const id = z.uuid('Choose an address-book entry that exists').optional();
const siteId = z.uuid('Choose a site');

const carrierSchema = z
  .object({
    /** Present to update that entry; absent to create one. */
    id,
    siteId,
    kind: z.literal('CARRIER'),
    organisationName: z.string('Enter the carrier’s name').trim().min(1, 'Enter the carrier’s name').max(FREE_TEXT_MAX_LENGTH, tooLong('Carrier name')),
    registrationNumber: registrationNumber('Carrier'),
    reasonForNoRegistrationNumber: optionalChoice(REASONS_FOR_NO_REGISTRATION_NUMBER, 'Choose a reason for the carrier having no registration number'),
    fullAddress: optionalText('Carrier address'),
    postcode: postcode('Carrier'),
    emailAddress: email('Carrier'),
    phoneNumber: optionalText('Carrier phone number'),
    meansOfTransport: optionalChoice(MEANS_OF_TRANSPORT, 'Choose a means of transport'),
    /** Added to the entry's vehicles; a save never removes one (a load shows a vehicle came, not that others stopped). */
    vehicleRegistrations,
  })
  // DWT's carrier rule: a registration number or a reason for having none, not both.
  .superRefine((carrier, ctx) => {
    if (carrier.registrationNumber === undefined && carrier.reasonForNoRegistrationNumber === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonForNoRegistrationNumber'],
        message: 'Give the carrier’s registration number, or a reason for not having one',
      });
    } else if (carrier.registrationNumber !== undefined && carrier.reasonForNoRegistrationNumber !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonForNoRegistrationNumber'],
        message: 'Give either a carrier registration number or a reason for not having one, not both',
      });
    }
  });

// DWT's broker/dealer has no reason, means of transport or vehicle; any sent are dropped.
const brokerDealerSchema = z.object({
  id,
  siteId,
  kind: z.literal('BROKER_DEALER'),
  organisationName: z
    .string('Enter the broker or dealer’s name')
    .trim()
    .min(1, 'Enter the broker or dealer’s name')
    .max(FREE_TEXT_MAX_LENGTH, tooLong('Broker or dealer name')),
  registrationNumber: registrationNumber('Broker or dealer'),
  fullAddress: optionalText('Broker or dealer address'),
  postcode: postcode('Broker or dealer'),
  emailAddress: email('Broker or dealer'),
  phoneNumber: optionalText('Broker or dealer phone number'),
});

export const savePartySchema = z.discriminatedUnion('kind', [carrierSchema, brokerDealerSchema], {
  error: 'Say whether this is a carrier or a broker or dealer',
});
export type SavePartyInput = z.input<typeof savePartySchema>;
export type SavePartyData = z.output<typeof savePartySchema>;

export const searchPartiesSchema = z.object({
  siteId,
  kind: z.enum(PARTY_KINDS),
  query: z.string().trim().max(SEARCH_QUERY_MAX_LENGTH, tooLong('Search', SEARCH_QUERY_MAX_LENGTH)),
  limit: z.int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_DEFAULT_LIMIT),
});
export type SearchPartiesInput = z.input<typeof searchPartiesSchema>;

export const findCarrierByVehicleSchema = z.object({
  siteId,
  vehicleRegistration: z.string().max(SEARCH_QUERY_MAX_LENGTH, tooLong('Vehicle registration', SEARCH_QUERY_MAX_LENGTH)),
});
export type FindCarrierByVehicleInput = z.input<typeof findCarrierByVehicleSchema>;

export const getPartySchema = z.object({ siteId, id: z.uuid('Choose an address-book entry that exists') });
export type GetPartyInput = z.input<typeof getPartySchema>;

export const listPartiesSchema = z.object({
  siteId,
  kind: z.enum(PARTY_KINDS),
  page: z.int().min(1).default(1),
});
export type ListPartiesInput = z.input<typeof listPartiesSchema>;

/** An address-book entry as services return it and the browser receives it. */
export interface PartyEntry {
  id: string;
  kind: PartyKind;
  organisationName: string;
  registrationNumber: string | null;
  /** Carriers only. */
  reasonForNoRegistrationNumber: ReasonForNoRegistrationNumber | null;
  fullAddress: string | null;
  postcode: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
  /** Carriers only. */
  meansOfTransport: MeansOfTransport | null;
  /** Carriers only; as stored (`normaliseVehicleRegistration`). */
  vehicleRegistrations: string[];
}

/** A search result: the entry, and the vehicle registration it was found by, if that is how. */
export interface PartyMatch extends PartyEntry {
  matchedVehicle?: string;
}

// ---------------------------------------------------------------------------------------------
// Administration of every site's address book (admins: 'address-book.manage')
// ---------------------------------------------------------------------------------------------

export const adminListPartiesSchema = z.object({
  query: z.string().trim().max(SEARCH_QUERY_MAX_LENGTH, tooLong('Search', SEARCH_QUERY_MAX_LENGTH)).default(''),
  kind: z.union([z.enum(PARTY_KINDS), z.literal('')]).default(''),
  page: z.coerce.number().int().min(1).default(1),
});
export type AdminListPartiesInput = z.input<typeof adminListPartiesSchema>;

/** An admin's edit replaces the whole entry, vehicles included (a vehicle can be removed here). */
export const adminSavePartySchema = savePartySchema;
export type AdminSavePartyInput = SavePartyInput;

export const MAX_MERGE = 20;
export const mergePartiesSchema = z
  .object({
    survivorId: z.uuid('Choose the entry to keep'),
    mergedIds: z.array(z.uuid()).min(1, 'Choose at least one other entry to merge into it').max(MAX_MERGE, `Merge no more than ${MAX_MERGE} entries at once`),
  })
  .refine((input) => !input.mergedIds.includes(input.survivorId), { path: ['survivorId'], message: 'The entry to keep cannot also be merged away' });
export type MergePartiesInput = z.input<typeof mergePartiesSchema>;

/** An entry in the admins' list: with its site. */
export interface AdminPartyEntry extends PartyEntry {
  siteId: string;
  siteName: string;
  updatedAt: Date;
}
