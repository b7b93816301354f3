// The one result type of every server action. Pure: imported by client forms as well.
import type { FieldErrors } from './errors';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; fieldErrors?: FieldErrors; formError?: string };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}
