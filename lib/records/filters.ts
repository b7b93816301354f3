// Record filters → one SQL WHERE clause over `load l`, shared by the list, its counts and the export
// so they always agree. The expressions match the indexes in
// prisma/migrations/20261122060000_records: change one, change the other.
import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { addDays } from '@/lib/deadline/calendar-date';
import { ukCalendarDate, ukStartOfDay } from '@/lib/deadline';
import { Prisma } from '@/lib/generated/prisma/client';
import type { DeadlineFilter, RecordFilters, RecordSort, RecordStatus } from './schema';
import { likeEscape } from '@/lib/db';

const statusSql: Record<RecordStatus, Prisma.Sql> = {
  draft: Prisma.sql`l.status = 'DRAFT'`,
  pending: Prisma.sql`l.status = 'PENDING'`,
  sent: Prisma.sql`l.status = 'SENT' AND jsonb_array_length(l.dwt_warnings) = 0`,
  'sent-with-warnings': Prisma.sql`l.status = 'SENT' AND jsonb_array_length(l.dwt_warnings) > 0`,
  'needs-attention': Prisma.sql`l.status = 'NEEDS_ATTENTION'`,
  'check-needed': Prisma.sql`l.status = 'CHECK_NEEDED'`,
  'on-site': Prisma.sql`l.status = 'ON_SITE'`,
};

/**
 * Sent loads still owing a disposal or recovery code (DWT accepted them with a warning); the partial
 * index of migration 20261202200000 holds exactly these.
 */
export const codesToFollowSql = Prisma.sql`l.status = 'SENT' AND l.codes_to_follow`;

/** UK midnights ending today and tomorrow (deadlines are the midnight that ends the due day). */
export function deadlineBounds(now: Date): { endOfToday: Date; endOfTomorrow: Date } {
  const today = ukCalendarDate(now);
  return { endOfToday: ukStartOfDay(addDays(today, 1)), endOfTomorrow: ukStartOfDay(addDays(today, 2)) };
}

/**
 * Where `l.due_at` stands against `now` (for unsent loads; the caller adds `status <> 'SENT'`). The
 * list's filter and the home page's counts both use it, so a count and its filtered list agree.
 */
export function deadlineSql(deadline: DeadlineFilter, now: Date): Prisma.Sql {
  const { endOfToday, endOfTomorrow } = deadlineBounds(now);
  if (deadline === 'overdue') return Prisma.sql`l.due_at <= ${now}`;
  if (deadline === 'due-today') return Prisma.sql`(l.due_at > ${now} AND l.due_at <= ${endOfToday})`;
  return Prisma.sql`(l.due_at > ${endOfToday} AND l.due_at <= ${endOfTomorrow})`;
}

/**
 * The WHERE clause (without the word WHERE) for the actor's loads matching `filters`, as of `now`.
 * Loads are always limited to the actor's sites; a siteId outside them matches nothing.
 */
export function loadWhereSql(actor: Actor, filters: Partial<RecordFilters>, now: Date = new Date()): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const siteIds = filters.siteId ? actor.siteIds.filter((id) => id === filters.siteId) : actor.siteIds;
  parts.push(siteIds.length ? Prisma.sql`l.site_id IN (${Prisma.join(siteIds.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.sql`FALSE`);
  if (filters.from) parts.push(Prisma.sql`l.received_at >= ${ukStartOfDay(filters.from)}`);
  if (filters.to) parts.push(Prisma.sql`l.received_at < ${ukStartOfDay(addDays(filters.to, 1))}`);
  if (filters.status) parts.push(statusSql[filters.status]);
  if (filters.deadline) parts.push(Prisma.sql`l.status <> 'SENT'`, deadlineSql(filters.deadline, now));
  if (filters.codes === 'to-follow') parts.push(codesToFollowSql);
  if (filters.ewc) parts.push(Prisma.sql`l.ewc_codes @> ARRAY[${filters.ewc}]::text[]`);
  if (filters.carrier) parts.push(Prisma.sql`l.carrier_name ILIKE ${`%${likeEscape(filters.carrier)}%`}`);
  if (filters.q) {
    const q = filters.q.trim();
    const compact = likeEscape(q.replace(/\s+/g, '').toUpperCase());
    parts.push(Prisma.sql`(
      l.ticket_number LIKE ${`${likeEscape(q)}%`}
      OR l.waste_tracking_id LIKE ${`${compact}%`}
      OR replace(l.vehicle_registration, ' ', '') LIKE ${`%${compact}%`}
    )`);
  }
  return Prisma.join(parts, ' AND ');
}

const sortSql: Record<RecordSort, Prisma.Sql> = {
  received: Prisma.sql`l.received_at`,
  ticket: Prisma.sql`l.ticket_number`,
  status: Prisma.sql`l.status`,
  due: Prisma.sql`l.due_at`,
  carrier: Prisma.sql`lower(l.carrier_name)`,
};

/**
 * The ORDER BY (without the words) of the list and its export: the column, then time received and id
 * in the same direction, so the order is total (paging never repeats or skips a load) and each sort
 * walks one index of prisma/migrations/20261122065000_records_sort. Nulls (a load with no carrier)
 * come last ascending and first descending, as the index holds them.
 */
export function recordOrderSql(sort: RecordSort, dir: 'asc' | 'desc'): Prisma.Sql {
  const d = dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  if (sort === 'received') return Prisma.sql`l.received_at ${d}, l.id ${d}`;
  return Prisma.sql`${sortSql[sort]} ${d}, l.received_at ${d}, l.id ${d}`;
}
