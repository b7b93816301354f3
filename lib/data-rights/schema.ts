// Customers' data rights: what an admin types to find a person or organisation, to erase what was
// found, and the retention of sent loads' personal fields. Pure: drives the forms and the server alike.
import { z } from 'zod';
import { matchKey } from '@/lib/address-book/schema';

export const FIND_BY = ['name', 'email', 'phone', 'vehicle'] as const;
export type FindBy = (typeof FIND_BY)[number];

export const findByLabels: Record<FindBy, string> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  vehicle: 'Vehicle registration',
};

/** Fewer characters than this find too much of other people to act on. */
export const FIND_MIN_LENGTH = 3;
export const FIND_MAX_LENGTH = 200;
/** More matches than this is not one person: narrow the search. */
export const FIND_MAX_RESULTS = 500;

/**
 * A phone number as compared: digits only, without a leading 0, 44 or 0044, so "+44 7700 900123",
 * "07700 900123" and "(0)7700-900-123" are one number. The service's SQL computes the same key.
 */
export function phoneKey(value: string): string {
  return value.replace(/\D+/g, '').replace(/^(0044|44|0)/, '');
}

export { matchKey };

/** The key the service compares for each kind of search ('' when nothing usable was typed). */
export function searchKey(by: FindBy, value: string): string {
  const v = value.trim();
  switch (by) {
    case 'name':
      return v.toLowerCase().replace(/\s+/g, ' ');
    case 'email':
      return v.toLowerCase();
    case 'phone':
      return phoneKey(v);
    case 'vehicle':
      return matchKey(v);
  }
}

export const findSchema = z
  .object({
    by: z.enum(FIND_BY, 'Choose what to search by'),
    value: z.string('Enter what to search for').trim().min(1, 'Enter what to search for').max(FIND_MAX_LENGTH, `Enter ${FIND_MAX_LENGTH} characters or fewer`),
  })
  .superRefine((input, ctx) => {
    const key = searchKey(input.by, input.value);
    if (input.by === 'phone' && key.length < 6) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter a whole phone number, like 07700 900123' });
    } else if (input.by === 'email' && !input.value.includes('@')) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter a whole email address, like name@example.co.uk' });
    } else if (key.replace(/[^\p{L}\p{N}]/gu, '').length < (input.by === 'vehicle' ? 2 : FIND_MIN_LENGTH)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Enter at least ${input.by === 'vehicle' ? 2 : FIND_MIN_LENGTH} letters or numbers` });
    }
  });
export type FindInput = z.input<typeof findSchema>;
export type FindQuery = z.output<typeof findSchema>;

/** The erasure repeats the search and names exactly what the confirmation screen listed. */
export const eraseSchema = z.object({
  by: z.enum(FIND_BY),
  value: z.string().trim().min(1).max(FIND_MAX_LENGTH),
  entryIds: z.array(z.uuid()).max(FIND_MAX_RESULTS),
  loadIds: z.array(z.uuid()).max(FIND_MAX_RESULTS),
  /** How many loads the admin was told the search matches in all (checked again when there are more than listed). */
  loadsTotal: z.number().int().min(0).max(1_000_000_000).optional(),
  confirmed: z.literal(true, 'Confirm that you want to erase this data'),
});
export type EraseInput = z.input<typeof eraseSchema>;

export const RETENTION_MAX_MONTHS = 1200;

/** Off (null) or a whole number of months after sending. */
export const retentionSchema = z
  .object({
    enabled: z.boolean(),
    /** Text from the form's input or a number; blank means not given. */
    months: z.preprocess(
      (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
      z
        .number('Enter a number of months, like 24')
        .int('Enter a whole number of months')
        .min(1, 'Enter at least 1 month')
        .max(RETENTION_MAX_MONTHS, `Enter ${RETENTION_MAX_MONTHS} months or fewer`)
        .optional(),
    ),
  })
  .superRefine((input, ctx) => {
    if (input.enabled && input.months === undefined) ctx.addIssue({ code: 'custom', path: ['months'], message: 'Enter a number of months' });
  });
export type RetentionInput = z.input<typeof retentionSchema>;
export interface RetentionSetting {
  months: number | null;
}

/** Where a person appears on a load. */
export type LoadRole = 'carrier' | 'brokerOrDealer';
export const loadRoleLabels: Record<LoadRole, string> = { carrier: 'Carrier', brokerOrDealer: 'Broker or dealer' };

export interface FoundEntry {
  id: string;
  siteId: string;
  siteName: string;
  kind: 'CARRIER' | 'BROKER_DEALER';
  organisationName: string;
  registrationNumber: string | null;
  fullAddress: string | null;
  postcode: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
  vehicleRegistrations: string[];
  matched: string[];
}

export interface FoundLoad {
  id: string;
  siteId: string;
  siteName: string;
  ticketNumber: string;
  receivedAt: string;
  status: string;
  wasteTrackingId: string | null;
  /** A draft never sent: the erasure deletes it outright. */
  unsentDraft: boolean;
  roles: { role: LoadRole; matched: string[]; party: PartyOnLoad }[];
}

export interface PartyOnLoad {
  organisationName: string;
  registrationNumber: string;
  fullAddress: string;
  postcode: string;
  emailAddress: string;
  phoneNumber: string;
  vehicleRegistration?: string;
}

export interface FoundUser {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  matched: string[];
}

export interface FindResult {
  query: FindQuery;
  entries: FoundEntry[];
  loads: FoundLoad[];
  users: FoundUser[];
  /** More matched than FIND_MAX_RESULTS in some source: the lists are partial. */
  truncated: boolean;
  /** How many loads match in all (more than `loads` lists when truncated). */
  loadsTotal: number;
  /**
   * Too broad to erase: more address-book entries or staff accounts than one person has, or a name search
   * matching more loads than are listed (a name can match other people). An exact search (email, phone,
   * vehicle) matching more loads than are listed is erased in steps instead.
   */
  tooBroad: boolean;
}

export interface EraseSummary {
  entriesDeleted: number;
  loadsAnonymised: number;
  draftsDeleted: number;
  auditEntriesScrubbed: number;
  /** Loads still to erase when a large erasure stopped after its time (erase again to continue). */
  loadsRemaining: number;
}
