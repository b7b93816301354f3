import { z } from 'zod';

/** What the form posts: its own id (generated in the browser, so a repeated submit is recognised). */
export const submitLoadSchema = z.object({
  id: z.uuid({ message: 'The form lost its identity: reload the page (your typing is kept).' }),
  siteId: z.uuid(),
  /** The version the form was opened at; null for a new load. */
  expectedVersion: z.number().int().nullable(),
  intent: z.enum(['send', 'draft']),
  form: z.unknown(),
});
export type SubmitLoadInput = z.input<typeof submitLoadSchema>;
