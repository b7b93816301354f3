// The five reference-data lists as DWT serves them (receipt-api.yml), as zod schemas of one entry each:
// DWT's client parses its answers with these (re-exported by lib/dwt/responses.ts), and the stored copies
// are read back with them. Objects are loose so that fields DWT adds later are kept. No server imports.
import { z } from 'zod';

// Codes and flags are required: validation depends on them. Descriptive text defaults to empty.
const text = z.string().default('');

export const ewcCodeSchema = z.looseObject({
  code: z.string().min(1),
  isHazardous: z.boolean(),
  entryTypeDesc: text,
  chapter: text,
  subChapter: text,
  description: text,
});
export const hazardousPropertyCodeSchema = z.looseObject({
  code: z.string().min(1),
  shortDesc: text,
  longDesc: text,
});
export const disposalOrRecoveryCodeSchema = z.looseObject({
  code: z.string().min(1),
  isNotRecoveryToFinalProduct: z.boolean(),
  description: text,
});
export const containerTypeSchema = z.looseObject({ code: z.string().min(1), description: text });
export const popNameSchema = z.looseObject({ code: z.string().min(1), chemicalName: text });

/** The five reference-data lists: name (as in the URL path) → the schema of one entry. */
export const referenceListSchemas = {
  'ewc-codes': ewcCodeSchema,
  'hazardous-property-codes': hazardousPropertyCodeSchema,
  'disposal-or-recovery-codes': disposalOrRecoveryCodeSchema,
  'container-types': containerTypeSchema,
  'pop-names': popNameSchema,
} as const;

export type ReferenceListName = keyof typeof referenceListSchemas;
export const REFERENCE_LIST_NAMES = Object.keys(referenceListSchemas) as ReferenceListName[];
export type ReferenceEntry<N extends ReferenceListName> = z.infer<(typeof referenceListSchemas)[N]>;
