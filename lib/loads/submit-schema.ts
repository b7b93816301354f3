import { z } from 'zod';
import { CORRECTION_REASON_MAX } from './correction-reason';

export { CORRECTION_REASON_MAX, CORRECTION_REASON_REQUIRED } from './correction-reason';

/** What the form posts: its own id (generated in the browser, so a repeated submit is recognised). */
export const submitLoadSchema = z.object({
  id: z.uuid({ message: 'The form lost its identity: reload the page (your typing is kept).' }),
  siteId: z.uuid(),
  /** The version the form was opened at; null for a new load. */
  expectedVersion: z.number().int().nullable(),
  intent: z.enum(['send', 'draft']),
  form: z.unknown(),
  /** Why a saved load is being corrected (required for corrections: see correctionNeedsReason). */
  correctionReason: z.string().trim().max(CORRECTION_REASON_MAX, `Reason for the correction must be ${CORRECTION_REASON_MAX} characters or fewer`).optional(),
});
export type SubmitLoadInput = z.input<typeof submitLoadSchema>;
