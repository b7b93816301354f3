// Personal data never goes to a DWT test environment (README: "Personal data (names, emails, phone
// numbers) must never be sent to a test environment"). Outside production the body that is SENT gets
// valid placeholders instead; the stored record is never touched.
//
// The personal fields of the spec's receiveMovementRequest:
// - carrier and brokerOrDealer: organisationName (a sole trader's or householder's name), emailAddress,
//   phoneNumber, address (a sole trader's or householder's home); carrier.vehicleRegistration (a
//   householder's own car);
// - receiver: emailAddress, phoneNumber (often a named person's);
// - free text (wasteItems[].wasteDescription, specialHandlingRequirements): any email address, phone
//   number or postcode typed into it.
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

// Every pattern here runs in linear time (issue 11: the old email pattern was quadratic, 40,000
// characters took ~2 s): text is cut into words at delimiters with one character class, each word is
// checked with plain string operations, and the remaining patterns have bounded repetitions only.
const WORD_DELIMITERS = /([\s<>()[\]"',;:]+)/;
// A run starting with + or 0 (international or UK/Irish national form) of digits and separators.
const PHONE_IN_TEXT = /(?:\+|\b0)[\d\s().-]{8,18}\d/g;
// A UK postcode (outward code, optional space, inward code), e.g. "LS1 1AA", "sw1p4df".
const POSTCODE_IN_TEXT = /\b[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]{0,3}\d[A-Za-z]{2}\b/g;
/** A top-level domain at the end of a word's domain part: a dot and two letters or more. */
const TLD_AT_END = /\.[A-Za-z]{2,}$/;

/** An email address in one word ("name@host.tld"), its trailing full stops kept out. */
function emailInWord(word: string): string {
  const at = word.indexOf('@');
  if (at <= 0 || at !== word.lastIndexOf('@')) return word;
  const end = word.replace(/\.+$/, '').length; // "…@x.com." at the end of a sentence
  const domain = word.slice(at + 1, end);
  if (domain.indexOf('.') <= 0 || !TLD_AT_END.test(domain)) return word;
  return PLACEHOLDERS.email + word.slice(end);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function replaceString(target: Json, key: string, placeholder: string): void {
  if (typeof target[key] === 'string' && target[key] !== '') target[key] = placeholder;
}

/** Free text with any email address, phone number or postcode typed into it replaced. Linear time. */
export function scrubText(text: string): string {
  const words = text.split(WORD_DELIMITERS);
  for (let i = 0; i < words.length; i += 2) if (words[i]!.includes('@')) words[i] = emailInWord(words[i]!);
  return words
    .join('')
    .replace(PHONE_IN_TEXT, (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 10 && digits <= 15 ? PLACEHOLDERS.phone : match;
    })
    .replace(POSTCODE_IN_TEXT, PLACEHOLDERS.postcode);
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
