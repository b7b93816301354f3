// The one result type of every server action. Pure: imported by client forms as well.
import type { ErrorCode, FieldErrors } from './errors';

/** A refusal says what kind it was (`code`, from the AppError thrown), what was wrong with which field, and/or a message for the whole form. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code?: ErrorCode; fieldErrors?: FieldErrors; formError?: string };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}
