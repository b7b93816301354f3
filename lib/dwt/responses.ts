// The shapes of DWT's answers, from receipt-api.yml, as zod schemas: the client parses every answer
// with these, so an answer of another shape becomes a typed outcome instead of a crash. Objects are
// loose so that fields DWT adds later are kept, not rejected.
import { z } from 'zod';

/** One of DWT's validation errors or warnings, kept verbatim. */
export const dwtIssueSchema = z.looseObject({
  // The spec lists these as properties without marking them required; a message is the least we need.
  key: z.string().default(''),
  errorType: z.string().default(''),
  message: z.string(),
});
export type DwtIssue = z.infer<typeof dwtIssueSchema>;

const warningsSchema = z
  .looseObject({ warnings: z.array(dwtIssueSchema).default([]) })
  .optional()
  .transform((validation) => validation?.warnings ?? []);

/** 201 from POST /movements/receive. */
export const createdResponseSchema = z.looseObject({
  wasteTrackingId: z.string().min(1),
  validation: warningsSchema,
});

/** 200 from PUT /movements/{wasteTrackingId}/receive; the body may be empty. */
export const updatedResponseSchema = z.looseObject({ validation: warningsSchema });

/** 400 from POST or PUT. */
export const rejectedResponseSchema = z.looseObject({
  validation: z.looseObject({ errors: z.array(dwtIssueSchema).min(1) }),
});

/** The OAuth2 token endpoint's answer (client credentials grant). */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
});

// The five reference-data lists' entries are reference data's own (lib/reference-data/lists.ts), which
// the stored copies are parsed with too; re-exported here, since the client parses DWT's answers with them.
export {
  containerTypeSchema,
  disposalOrRecoveryCodeSchema,
  ewcCodeSchema,
  hazardousPropertyCodeSchema,
  popNameSchema,
  REFERENCE_LIST_NAMES,
  referenceListSchemas,
  type ReferenceEntry,
  type ReferenceListName,
} from '@/lib/reference-data/lists';

/** 200 from POST /production-approval-tests: DWT's verdict on each scenario's movement. */
export const approvalTestsResponseSchema = z.looseObject({
  submissionId: z.string().min(1),
  results: z.array(
    z.looseObject({
      scenarioId: z.string(),
      wasteTrackingId: z.string(),
      status: z.string(),
      message: z.string().default(''),
    }),
  ),
});
export type ApprovalTestsResponse = z.infer<typeof approvalTestsResponseSchema>;
