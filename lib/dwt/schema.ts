// DWT's receive-movement body: one validator that agrees with the LIVE service (see movement-rules.ts),
// used by the load form in the browser, the server action, the delivery worker and the sandbox. This
// file gathers the pieces, split by job:
//   values.ts          value lists (means of transport, physical forms, reasons...)
//   labels.ts          clerk-facing wording for those lists
//   patterns.ts        formats (consignment codes, permits, postcodes...) and tidying of typed input
//   email.ts, tlds.ts  email addresses with a real top-level domain
//   rules.ts           the rule engine that behaves like DWT's Joi validation
//   movement-rules.ts  the body, rule by rule
//   warnings.ts        what DWT stores but warns about
//   movement-types.ts  the body's TypeScript types
// Pure and isomorphic: no server imports.

import type { ReferenceLookups } from '../reference-data/lookups';
import type { DwtValidationError } from './errors';
import { createMovementRule, movementErrors } from './movement-rules';
import type { ReceiveMovement } from './movement-types';
import type { Rule } from './rules';
import { movementWarnings } from './warnings';

export type { DwtErrorType, DwtValidationError } from './errors';
export * from './values';
export * from './labels';
export * from './patterns';
export * from './movement-types';
export { isEmailAddressDwtAccepts } from './email';
export { BODY_KEY, hasHazardousEwcCodes } from './movement-rules';

export type ValidationResult = { ok: true; value: ReceiveMovement } | { ok: false; errors: DwtValidationError[] };

const rules = new WeakMap<ReferenceLookups, Rule>();

function ruleFor(lookups: ReferenceLookups): Rule {
  let rule = rules.get(lookups);
  if (!rule) {
    rule = createMovementRule(lookups);
    rules.set(lookups, rule);
  }
  return rule;
}

/** "Waste item 2: …" so the error summary says which load line is wrong. */
function withItemPrefix(error: DwtValidationError): DwtValidationError {
  const match = /^wasteItems\.(\d+)\./.exec(error.key);
  return match && !error.message.startsWith('Waste item') ? { ...error, message: `Waste item ${Number(match[1]) + 1}: ${error.message}` } : error;
}

/**
 * Checks a body as live DWT would: `ok` exactly when DWT would store it, otherwise DWT's errors (same
 * keys, same error types) with our wording.
 */
export function validateReceiveMovement(body: unknown, lookups: ReferenceLookups): ValidationResult {
  const errors = movementErrors(ruleFor(lookups), body);
  if (errors.length === 0) return { ok: true, value: body as ReceiveMovement };
  return { ok: false, errors: errors.map(withItemPrefix) };
}

/** DWT's warnings for a body it accepts (shown to the clerk before sending), in DWT's order. */
export function warningsFor(movement: unknown): DwtValidationError[] {
  return movementWarnings(movement);
}

/** DWT's dotted key: `wasteItems.0.ewcCodes.1`. */
export function toDwtKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
