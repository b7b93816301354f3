import { z } from 'zod';

export const NATIONS = ['ENGLAND', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND'] as const;
export const nationLabels: Record<(typeof NATIONS)[number], string> = {
  ENGLAND: 'England',
  WALES: 'Wales',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'Northern Ireland',
};

// Minimal here; the administration issue adds permit and postcode formats shared with DWT's rules.
export const createSiteSchema = z.object({
  name: z.string().trim().min(1, 'Enter the site name').max(200, 'Site name must be 200 characters or fewer'),
  authorisationNumber: z.string().trim().max(50).default(''),
  fullAddress: z.string().trim().max(500).default(''),
  postcode: z.string().trim().toUpperCase().max(10).default(''),
  nation: z.enum(NATIONS).default('ENGLAND'),
});
export type CreateSiteInput = z.input<typeof createSiteSchema>;
