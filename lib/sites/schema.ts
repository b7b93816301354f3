// A site: the receiving site DWT names on every movement. The permit, postcode and apiCode rules are
// DWT's own (lib/dwt/schema.ts), so a site saved here gives movements DWT accepts.
import { z } from 'zod';
import { NATIONS, type Nation } from '@/lib/deadline';
import { isApiCode, isUkPostcode, isValidAuthorisationNumber, normaliseRegistrationNumber, normaliseUkPostcode } from '@/lib/dwt/schema';

export { NATIONS };

export const nationLabels: Record<Nation, string> = {
  ENGLAND: 'England',
  WALES: 'Wales',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'Northern Ireland',
};

export const AUTHORISATION_NUMBER_EXAMPLES = 'EPR/AB1234CD, AB1234CD/D1234, EAWML123456, PPC/A/1234567, WML/L/1234567, P1234/56A or WPPC 12/34';

/** The units a weighbridge reads in (DWT also takes Grams, which no weighbridge uses). */
export const WEIGHBRIDGE_UNITS = ['Kilograms', 'Tonnes'] as const;
export type WeighbridgeUnit = (typeof WEIGHBRIDGE_UNITS)[number];
export const weighbridgeUnitLabels: Record<WeighbridgeUnit, string> = { Kilograms: 'Kilograms (kg)', Tonnes: 'Tonnes (t)' };

/** How the site's weighbridge tickets print by default: an A4 sheet or an 80 mm thermal roll. */
export const TICKET_LAYOUTS = ['a4', 'thermal-80'] as const;
export type TicketLayout = (typeof TICKET_LAYOUTS)[number];
export const ticketLayoutLabels: Record<TicketLayout, string> = { a4: 'A4 sheet', 'thermal-80': '80 mm thermal roll' };

export function isTicketLayout(value: unknown): value is TicketLayout {
  return typeof value === 'string' && (TICKET_LAYOUTS as readonly string[]).includes(value);
}

const blankOr = (check: (v: string) => boolean) => (v: string) => v === '' || check(v);

/** "12, 345 7" → [12, 345, 7]; anything that is not a list of whole numbers above 0 is refused. */
function parseStatements(value: string | number[], ctx: z.RefinementCtx): number[] {
  if (Array.isArray(value)) {
    if (value.every((n) => Number.isInteger(n) && n > 0)) return [...new Set(value)];
  } else {
    const parts = value.split(/[\s,]+/).filter(Boolean);
    if (parts.every((p) => /^\d{1,9}$/.test(p) && Number(p) > 0)) return [...new Set(parts.map(Number))];
  }
  ctx.addIssue({ code: 'custom', message: 'Regulatory position statements must be whole numbers above 0, separated by commas, like 123, 456' });
  return z.NEVER;
}

/** How long a vehicle may stay on site before the manager's home page shows it (minutes). */
export const ON_SITE_LIMITS = ['30', '60', '120', '240', '480', '1440'] as const;
export const onSiteLimitLabels: Record<(typeof ON_SITE_LIMITS)[number], string> = {
  '30': '30 minutes',
  '60': '1 hour',
  '120': '2 hours',
  '240': '4 hours',
  '480': '8 hours',
  '1440': '24 hours',
};
/** How long a stored tare stays valid (months), or never expires. */
export const TARE_EXPIRIES = ['3', '6', '12', '24', 'never'] as const;
export const tareExpiryLabels: Record<(typeof TARE_EXPIRIES)[number], string> = {
  '3': '3 months',
  '6': '6 months',
  '12': '12 months',
  '24': '24 months',
  never: 'Never: a stored tare stays valid until it is replaced',
};

const siteFields = {
  name: z.string().trim().min(1, 'Enter the site name').max(200, 'Site name must be 200 characters or fewer'),
  authorisationNumber: z
    .string()
    .transform(normaliseRegistrationNumber)
    .refine(blankOr(isValidAuthorisationNumber), `Authorisation number must be in a permit format DWT accepts, such as ${AUTHORISATION_NUMBER_EXAMPLES}`)
    .default(''),
  fullAddress: z.string().trim().max(500, 'Address must be 500 characters or fewer').default(''),
  postcode: z
    .string()
    .max(20, 'Postcode must be 20 characters or fewer')
    .transform(normaliseUkPostcode)
    .refine(blankOr(isUkPostcode), 'Postcode must be a UK postcode, like W12 7ZL')
    .default(''),
  nation: z.enum(NATIONS, 'Choose the nation the site is in').default('ENGLAND'),
  weighbridgeUnit: z.enum(WEIGHBRIDGE_UNITS, 'Choose the unit the weighbridge reads in').default('Tonnes'),

  ticketLayout: z.enum(TICKET_LAYOUTS, 'Choose how the weighbridge tickets print').default('a4'),
  /** Stored as minutes (lib/sites/service.ts). */
  onSiteLimitMinutes: z.enum(ON_SITE_LIMITS, 'Choose how long a vehicle may stay on site').default('240'),
  /** Stored as months, or null for never. */
  tareExpiryMonths: z.enum(TARE_EXPIRIES, 'Choose how long a stored tare stays valid').default('6'),
  contactName: z.string().trim().max(200, 'Contact name must be 200 characters or fewer').default(''),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'Contact email address must be 254 characters or fewer')
    .refine(
      blankOr((v) => z.email().safeParse(v).success),
      'Contact email address must be an email address, like name@example.co.uk',
    )
    .default(''),
  contactPhone: z
    .string()
    .trim()
    .max(50, 'Contact phone number must be 50 characters or fewer')
    .refine(
      blankOr((v) => /^\+?[\d ()-]{6,}$/.test(v)),
      'Contact phone number must be a phone number, like 01632 960123',
    )
    .default(''),
  regulatoryPositionStatements: z
    .union([
      z.string().max(2_000, 'Regulatory position statements must be 2,000 characters or fewer'),
      z.array(z.number()).max(100, 'Give no more than 100 regulatory position statements'),
    ])
    .transform(parseStatements)
    .default([]),
  apiCode: z
    .string()
    .trim()
    .toLowerCase()
    .refine(blankOr(isApiCode), 'DWT apiCode must be a UUID, like 1f83215e-4b90-4785-9ab2-2614839aa2e9')
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null),
  /** The people who work at the site; left out, they are not changed. */
  userIds: z.array(z.uuid('Choose people from the list')).max(1_000, 'Choose no more than 1,000 people').optional(),
};

export const createSiteSchema = z.object(siteFields);
export type CreateSiteInput = z.input<typeof createSiteSchema>;
export type SiteValues = z.output<typeof createSiteSchema>;

export const updateSiteSchema = z.object({ id: z.uuid(), ...siteFields });
export type UpdateSiteInput = z.input<typeof updateSiteSchema>;
