// The records desk's filters: the same zod schema parses the list page's URL, the export's URL and
// the filter form, so a filtered list and its export always hold the same loads. No server imports.
import { z } from 'zod';

/** The statuses a manager filters by (SENT splits into "sent" and "sent with warnings"). */
export const RECORD_STATUSES = ['draft', 'pending', 'sent', 'sent-with-warnings', 'needs-attention', 'check-needed', 'on-site'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const recordStatusLabels: Record<RecordStatus, string> = {
  draft: 'Draft',
  pending: 'Waiting to send',
  sent: 'Sent',
  'sent-with-warnings': 'Sent with warnings',
  'needs-attention': 'Needs attention',
  'check-needed': 'Check needed',
  'on-site': 'On site (weighed in, not out)',
};

/** Loads not yet reported, by where they stand against the two-working-day deadline. */
export const DEADLINE_FILTERS = ['overdue', 'due-today', 'due-tomorrow'] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];
export const deadlineFilterLabels: Record<DeadlineFilter, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-tomorrow': 'Due tomorrow',
};

/** Loads sent without a disposal or recovery code on some waste item: the codes must follow. */
export const CODES_FILTERS = ['to-follow'] as const;
export type CodesFilter = (typeof CODES_FILTERS)[number];

export const RECORD_SORTS = ['received', 'ticket', 'status', 'due', 'carrier'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  // Date.parse takes 30 February (as 2 March): a real date survives the round trip unchanged.
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
  }, 'Enter a real date');

/** An empty string (an untouched form field, `?from=`) means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const recordFiltersSchema = z
  .object({
    /** UK calendar dates, inclusive. */
    from: optional(isoDate),
    to: optional(isoDate),
    siteId: optional(z.uuid('Choose a site from the list')),
    status: optional(z.enum(RECORD_STATUSES, 'Choose a status from the list')),
    deadline: optional(z.enum(DEADLINE_FILTERS, 'Choose a deadline from the list')),
    /** `to-follow`: sent loads still owing a disposal or recovery code (DWT wants them by the same deadline). */
    codes: optional(z.enum(CODES_FILTERS, 'Choose loads with codes to follow, or any load')),
    /** An EWC code, 6 digits, spaces and a trailing * allowed as people write them. */
    ewc: optional(
      z
        .string()
        .max(40, 'Enter a 6-digit EWC code, like 17 01 01')
        .transform((v) => v.replace(/[\s*]/g, ''))
        .pipe(z.string().regex(/^\d{6}$/, 'Enter a 6-digit EWC code, like 17 01 01')),
    ),
    /** Any part of the carrier's name. */
    carrier: optional(z.string().trim().max(200, 'Carrier must be 200 characters or fewer')),
    /** Ticket number or waste tracking id (from the start), or any part of a vehicle registration. */
    q: optional(z.string().trim().max(100, 'Search must be 100 characters or fewer')),
    sort: optional(z.enum(RECORD_SORTS)).default('received'),
    dir: optional(z.enum(['asc', 'desc'])).default('desc'),
    page: optional(z.coerce.number().int().min(1).max(100_000)).default(1),
    pageSize: optional(z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))).default(50),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: '"To" must be the same as or after "From"' });

export type RecordFilters = z.output<typeof recordFiltersSchema>;
export type RecordFiltersInput = z.input<typeof recordFiltersSchema>;

/** URLSearchParams (or Next's searchParams object) → the raw object the schema parses. */
export function filtersFromSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

/** Filters → a query string (defaults left out), for links, paging and the export's URL. */
export function filtersToSearchParams(filters: Partial<RecordFilters>): URLSearchParams {
  const defaults: Partial<Record<keyof RecordFilters, unknown>> = { sort: 'received', dir: 'desc', page: 1, pageSize: 50 };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [keyof RecordFilters, unknown][]) {
    if (v === undefined || v === null || v === '' || defaults[k] === v) continue;
    params.set(k, String(v));
  }
  return params;
}

const PAGING_KEYS = ['sort', 'dir', 'page', 'pageSize'] as const;

export type ParsedRecordFilters = { ok: true; filters: RecordFilters } | { ok: false; fieldErrors: Partial<Record<keyof RecordFilters, string>> };

/**
 * Parses the list's URL for a page: a bad sort, direction, page or page size (from an edited URL) falls
 * back to its default; bad filters come back as one message per field, for the error summary.
 */
export function parseRecordFilters(raw: Record<string, string>): ParsedRecordFilters {
  let input = raw;
  let result = recordFiltersSchema.safeParse(input);
  if (!result.success && result.error.issues.some((i) => PAGING_KEYS.includes(i.path[0] as (typeof PAGING_KEYS)[number]))) {
    const bad = new Set(result.error.issues.map((i) => i.path[0]));
    input = Object.fromEntries(Object.entries(raw).filter(([k]) => !(PAGING_KEYS as readonly string[]).includes(k) || !bad.has(k)));
    result = recordFiltersSchema.safeParse(input);
  }
  if (result.success) return { ok: true, filters: result.data };
  const fieldErrors: Partial<Record<keyof RecordFilters, string>> = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof RecordFilters;
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
