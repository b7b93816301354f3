// Errors that services throw and actions turn into an ActionResult. Anything else is unexpected:
// it is logged and the user sees a plain "something went wrong" with nothing they typed lost.
// Pure (no server imports): forms read FORM_ERROR_KEY and ErrorCode too.
import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** Field errors under this key belong to the form as a whole (no field to show them on). */
export const FORM_ERROR_KEY = '_form';

/**
 * What kind of refusal it was, carried to the browser in ActionResult's `code`, so a form can react to
 * the kind (e.g. offer the latest version after a `conflict`) without parsing the message.
 */
export type ErrorCode = 'unauthenticated' | 'forbidden' | 'invalid' | 'not-found' | 'conflict' | 'refused';

export class AppError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = 'refused',
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No signed-in user, or the session has ended. */
export class NotAuthenticatedError extends AppError {
  constructor(message = 'Your session has ended. Sign in again to continue.') {
    super(message, 'unauthenticated');
  }
}

/** The signed-in user's roles or sites do not allow this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.') {
    super(message, 'forbidden');
  }
}

/** Bad input, reported against named fields (dotted paths, e.g. `wasteItems.0.ewcCodes.1`). */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = 'Some answers need correcting.',
  ) {
    super(message, 'invalid');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(message, 'not-found');
  }
}

/** Someone else changed the record first, or a uniqueness rule was broken. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 'conflict');
  }
}

/** A zod refusal as field messages under dotted paths (form-wide issues under FORM_ERROR_KEY). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join('.') || FORM_ERROR_KEY] ??= []).push(issue.message);
  return out;
}

/**
 * What of an error may be logged: its kind, code and the paths of any fields it names, never its
 * message (a validation message can quote what was typed, a name or a postcode).
 */
export function errorForLog(error: unknown): { error: string; code?: string; fields?: string[] } {
  if (error instanceof ValidationError) return { error: error.name, code: error.code, fields: Object.keys(error.fieldErrors).slice(0, 20) };
  if (error instanceof AppError) return { error: error.name, code: error.code };
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (Array.isArray(issues)) {
    const fields = issues
      .map((i) => (Array.isArray((i as { path?: unknown }).path) ? ((i as { path: unknown[] }).path.map(String).join('.') ?? '') : ''))
      .slice(0, 20);
    return { error: 'ZodError', fields };
  }
  return { error: error instanceof Error ? error.name : typeof error };
}
