// DWT validation errors and warnings, and the one mapper from them to form field errors.
// Pure: our own validator (lib/dwt/schema.ts) and DWT's 400/200 answers both produce this shape, so
// a clerk sees the same message against the same field whichever side found the problem.

import { FORM_ERROR_KEY, type FieldErrors } from '../errors';

// UnexpectedError is what DWT calls a Joi error it has no category for (a number where a postcode or
// registration number should be, a number beyond the safe range).
export const DWT_ERROR_TYPES = [
  'NotProvided',
  'NotAllowed',
  'InvalidType',
  'InvalidFormat',
  'InvalidValue',
  'OutOfRange',
  'BusinessRuleViolation',
  'UnexpectedError',
] as const;

export type DwtErrorType = (typeof DWT_ERROR_TYPES)[number];

/** One entry of DWT's `validation.errors` / `validation.warnings`. */
export interface DwtValidationError {
  /** Dotted path into the request body: `wasteItems.0.ewcCodes.1`, `receiver.authorisationNumber`. */
  key: string;
  errorType: DwtErrorType;
  message: string;
}

/**
 * What DWT actually sends may stray from its own spec (the spec's example has errorType "Required"
 * and keys such as `wasteItems[0].disposalOrRecoveryCodes`), so the mapper accepts any string.
 */
export interface DwtValidationIssueLike {
  key?: string | null;
  errorType?: string | null;
  message?: string | null;
}

export function isDwtErrorType(value: unknown): value is DwtErrorType {
  return typeof value === 'string' && (DWT_ERROR_TYPES as readonly string[]).includes(value);
}

/**
 * `wasteItems[0].ewcCodes[1]` or `"wasteItems[0].ewcCodes"` → `wasteItems.0.ewcCodes.1`: the dotted
 * form react-hook-form uses as field names.
 */
export function normaliseDwtKey(key: string | null | undefined): string {
  if (key == null) return FORM_ERROR_KEY;
  const dotted = key
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\.+|\.+$/g, '')
    .replace(/\.{2,}/g, '.');
  return dotted === '' ? FORM_ERROR_KEY : dotted;
}

/** Groups messages by field; repeated messages for one field are shown once. */
export function dwtErrorsToFieldErrors(errors: readonly DwtValidationIssueLike[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const error of errors) {
    const key = normaliseDwtKey(error.key);
    const message = error.message?.trim() || 'This answer was not accepted by DWT.';
    const messages = (fieldErrors[key] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return fieldErrors;
}
