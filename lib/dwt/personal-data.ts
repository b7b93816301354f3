// Personal data never goes to a DWT test environment (README: "Personal data (names, emails, phone
// numbers) must never be sent to a test environment"). Outside production the body that is SENT gets
// valid placeholders instead; the stored record is never touched.
//
// The personal fields of the spec's receiveMovementRequest:
// - carrier and brokerOrDealer: organisationName (a sole trader's or householder's name), emailAddress,
//   phoneNumber, address (a sole trader's or householder's home); carrier.vehicleRegistration (a
//   householder's own car);
// - receiver: emailAddress, phoneNumber (often a named person's);
// - free text (wasteItems[].wasteDescription, specialHandlingRequirements): any email address or phone
//   number typed into it.
// Everything else is codes, quantities, the receiving site's own name, permit and address, and
// references.
import type { DwtEnvironment } from './config';

/** Placeholders that still pass DWT's validation, so a test submission is judged on its structure. */
export const PLACEHOLDERS = {
  name: 'Withheld in test environment',
  email: 'withheld@example.com', // RFC 2606 reserved domain
  phone: '020 7946 0000', // Ofcom's range reserved for drama: never a real line
  fullAddress: '1 Withheld Street, London',
  postcode: 'SW1P 4DF', // a real, non-residential postcode (Defra's London office)
  vehicleRegistration: 'AB12 CDE',
} as const;

type Json = Record<string, unknown>;

const EMAIL_IN_TEXT = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;
// A run starting with + or 0 (international or UK/Irish national form) of digits and separators.
const PHONE_IN_TEXT = /(?:\+|\b0)[\d\s().-]{8,18}\d/g;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function replaceString(target: Json, key: string, placeholder: string): void {
  if (typeof target[key] === 'string' && target[key] !== '') target[key] = placeholder;
}

function scrubText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, PLACEHOLDERS.email).replace(PHONE_IN_TEXT, (match) => {
    const digits = match.replace(/\D/g, '').length;
    return digits >= 10 && digits <= 15 ? PLACEHOLDERS.phone : match;
  });
}

function scrubTextField(target: Json, key: string): void {
  if (typeof target[key] === 'string') target[key] = scrubText(target[key]);
}

function withholdParty(party: unknown): void {
  if (!isObject(party)) return;
  replaceString(party, 'organisationName', PLACEHOLDERS.name);
  replaceString(party, 'emailAddress', PLACEHOLDERS.email);
  replaceString(party, 'phoneNumber', PLACEHOLDERS.phone);
  if (isObject(party.address)) {
    replaceString(party.address, 'fullAddress', PLACEHOLDERS.fullAddress);
    replaceString(party.address, 'postcode', PLACEHOLDERS.postcode);
  }
}

/**
 * The body to send to DWT: unchanged (the same object) for production, otherwise a copy with every
 * personal field replaced by a valid placeholder. Never mutates its input.
 */
export function protectPersonalData<T>(body: T, environment: DwtEnvironment): T {
  if (environment === 'production' || !isObject(body)) return body;
  const copy = structuredClone(body) as T & Json;

  withholdParty(copy.carrier);
  if (isObject(copy.carrier)) replaceString(copy.carrier, 'vehicleRegistration', PLACEHOLDERS.vehicleRegistration);
  withholdParty(copy.brokerOrDealer);
  if (isObject(copy.receiver)) {
    replaceString(copy.receiver, 'emailAddress', PLACEHOLDERS.email);
    replaceString(copy.receiver, 'phoneNumber', PLACEHOLDERS.phone);
  }

  scrubTextField(copy, 'specialHandlingRequirements');
  if (Array.isArray(copy.wasteItems)) {
    for (const item of copy.wasteItems) if (isObject(item)) scrubTextField(item, 'wasteDescription');
  }
  return copy;
}
