// The records desk: the list of loads (server-side filters, sort and paging over 100,000+ loads), the
// reporting-deadline counts and the manager's charts. Raw SQL over `load l` with the WHERE clause of
// lib/records/filters.ts, so the list, its counts and the export always agree.
import 'server-only';
import { assertCan, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { deadlineStatus, ukCalendarDate, type DeadlineStatus } from '@/lib/deadline';
import { addDays, dayOfWeek } from '@/lib/deadline/calendar-date';
import { Prisma } from '@/lib/generated/prisma/client';
import type { LoadStatus } from '@/lib/generated/prisma/enums';
import { deadlineSql, loadWhereSql, recordOrderSql } from './filters';
import { recordFiltersSchema, type RecordFilters, type RecordFiltersInput, type RecordStatus } from './schema';

export interface RecordRow {
  id: string;
  ticketNumber: string;
  siteName: string;
  receivedAt: Date;
  carrierName: string | null;
  vehicleRegistration: string | null;
  ewcCodes: string[];
  status: LoadStatus;
  warnings: number;
  wasteTrackingId: string | null;
  dueAt: Date | null;
  /** Where an unsent load (or one whose codes are to follow) stands against its deadline; null once reported. */
  deadline: DeadlineStatus | null;
  /** Sent without a disposal or recovery code on some waste item: the codes must follow by `dueAt`. */
  codesToFollow: boolean;
  /** The net weight, in its unit (null when not known, e.g. a draft). */
  netWeight: { amount: number; unit: WeightMetric } | null;
}

export interface RecordPage {
  rows: RecordRow[];
  /** Loads matching, or COUNT_CAP when there are more and counting them all would be slow. */
  total: number;
  /** False when `total` is the cap: "more than 5,000 loads". */
  totalIsExact: boolean;
  page: number;
  pageSize: number;
}

/**
 * The EWC, carrier and search filters are checked against each load's row (GIN and trigram indexes
 * only narrow the candidates), so counting 50,000 matches reads 50,000 rows: 60-150 ms at 100,000 loads
 * (bench/records.ts) while the page itself takes under 1 ms. With those filters the count stops here.
 * Every other filter is counted from an index, exactly.
 */
export const COUNT_CAP = 5_000;

/** DWT's weight units (as lib/dwt names them; records does not depend on dwt). */
const WEIGHT_UNITS = ['Grams', 'Kilograms', 'Tonnes'] as const;
type WeightMetric = (typeof WEIGHT_UNITS)[number];

function isWeightMetric(unit: string | null): unit is WeightMetric {
  return (WEIGHT_UNITS as readonly (string | null)[]).includes(unit);
}

/** A page of the actor's loads matching the filters (already parsed, or raw from the URL). */
export async function listRecords({
  actor,
  input,
  now = new Date(),
  countCap = COUNT_CAP,
}: {
  actor: Actor;
  input: RecordFiltersInput | RecordFilters;
  now?: Date;
  countCap?: number;
}): Promise<RecordPage> {
  assertCan(actor, 'loads.view');
  const filters = recordFiltersSchema.parse(input);
  const where = loadWhereSql(actor, filters, now);
  const offset = (filters.page - 1) * filters.pageSize;
  const capped = Boolean(filters.ewc || filters.carrier || filters.q);
  const [rows, countRows] = await Promise.all([
    db().$queryRaw<
      {
        id: string;
        ticket_number: string;
        site_name: string;
        received_at: Date;
        carrier_name: string | null;
        vehicle_registration: string | null;
        ewc_codes: string[];
        status: LoadStatus;
        warnings: number;
        waste_tracking_id: string | null;
        due_at: Date | null;
        codes_to_follow: boolean;
        net_weight: number | null;
        weight_unit: string | null;
      }[]
    >(Prisma.sql`
      SELECT l.id, l.ticket_number, s.name AS site_name, l.received_at, l.carrier_name, l.vehicle_registration,
             l.ewc_codes, l.status::text AS status, jsonb_array_length(l.dwt_warnings)::int AS warnings,
             l.waste_tracking_id, l.due_at, l.codes_to_follow, l.net_weight::float8 AS net_weight, l.weight_unit
      FROM load l JOIN site s ON s.id = l.site_id
      WHERE ${where}
      ORDER BY ${recordOrderSql(filters.sort, filters.dir)}
      LIMIT ${filters.pageSize} OFFSET ${offset}`),
    db().$queryRaw<{ total: number }[]>(
      capped
        ? Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM load l WHERE ${where} LIMIT ${countCap + 1}) AS matches`
        : Prisma.sql`SELECT count(*)::int AS total FROM load l WHERE ${where}`,
    ),
  ]);
  const counted = Math.min(countRows[0]?.total ?? 0, capped ? countCap : Infinity);
  const totalIsExact = !capped || (countRows[0]?.total ?? 0) <= countCap;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      ticketNumber: r.ticket_number,
      siteName: r.site_name,
      receivedAt: r.received_at,
      carrierName: r.carrier_name,
      vehicleRegistration: r.vehicle_registration,
      ewcCodes: r.ewc_codes,
      status: r.status,
      warnings: r.warnings,
      wasteTrackingId: r.waste_tracking_id,
      dueAt: r.due_at,
      deadline: (r.status !== 'SENT' || r.codes_to_follow) && r.due_at ? deadlineStatus(r.due_at, now) : null,
      codesToFollow: r.status === 'SENT' && r.codes_to_follow,
      netWeight: r.net_weight !== null && isWeightMetric(r.weight_unit) ? { amount: r.net_weight, unit: r.weight_unit } : null,
    })),
    total: counted,
    totalIsExact,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}

export interface RecordDeadlineCounts {
  overdue: number;
  dueToday: number;
  dueTomorrow: number;
  /** Waiting to send (PENDING). */
  pending: number;
  needsAttention: number;
  /** Sent without disposal or recovery codes, which must follow by the same deadline; and of those, overdue. */
  codesToFollow: number;
  codesOverdue: number;
}

/**
 * The home page's figures for the actor's sites, each the total of a filtered list (`?deadline=…`,
 * `?status=pending`, `?status=needs-attention`): one pass over the unsent loads' partial index.
 */
export async function countRecordDeadlines({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<RecordDeadlineCounts> {
  assertCan(actor, 'delivery.view');
  const [[row], [codes]] = await Promise.all([
    db().$queryRaw<Record<'overdue' | 'due_today' | 'due_tomorrow' | 'pending' | 'needs_attention', number>[]>(Prisma.sql`
      SELECT count(*) FILTER (WHERE ${deadlineSql('overdue', now)})::int AS overdue,
             count(*) FILTER (WHERE ${deadlineSql('due-today', now)})::int AS due_today,
             count(*) FILTER (WHERE ${deadlineSql('due-tomorrow', now)})::int AS due_tomorrow,
             count(*) FILTER (WHERE l.status = 'PENDING')::int AS pending,
             count(*) FILTER (WHERE l.status = 'NEEDS_ATTENTION')::int AS needs_attention
      FROM load l
      WHERE ${loadWhereSql(actor, {}, now)} AND l.status <> 'SENT'`),
    // The sent loads whose codes are still to follow, from their own partial index.
    db().$queryRaw<Record<'to_follow' | 'overdue', number>[]>(Prisma.sql`
      SELECT count(*)::int AS to_follow, count(*) FILTER (WHERE ${deadlineSql('overdue', now)})::int AS overdue
      FROM load l
      WHERE ${loadWhereSql(actor, { codes: 'to-follow' }, now)}`),
  ]);
  return {
    codesToFollow: codes?.to_follow ?? 0,
    codesOverdue: codes?.overdue ?? 0,
    overdue: row?.overdue ?? 0,
    dueToday: row?.due_today ?? 0,
    dueTomorrow: row?.due_tomorrow ?? 0,
    pending: row?.pending ?? 0,
    needsAttention: row?.needs_attention ?? 0,
  };
}

/** How many weeks the tonnage chart shows, the current (part) week included. */
export const CHART_WEEKS = 12;

export interface RecordCharts {
  /** Monday-start UK weeks, oldest first ('YYYY-MM-DD' of each Monday). */
  weeks: string[];
  /** EWC chapters ('17') with tonnes per week (same order as `weeks`), largest total first. */
  tonnesByChapter: { chapter: string; tonnes: number[]; total: number }[];
  /** Every status the list filters by, with its number of loads (all time). */
  loadsByStatus: { status: RecordStatus; loads: number }[];
}

/** The Monday that starts the UK week of an instant. */
function ukMonday(now: Date): string {
  const today = ukCalendarDate(now);
  return addDays(today, -((dayOfWeek(today) + 6) % 7));
}

/**
 * The manager's charts for the actor's sites: tonnes received per UK week (Monday start) over the last
 * CHART_WEEKS weeks by EWC chapter (the first two digits of each waste item's first EWC code; weights
 * in grams and kilograms converted; drafts, unfinished, left out), and loads by status.
 */
export async function recordCharts({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<RecordCharts> {
  assertCan(actor, 'loads.manage');
  const thisMonday = ukMonday(now);
  const weeks = Array.from({ length: CHART_WEEKS }, (_, i) => addDays(thisMonday, 7 * (i - CHART_WEEKS + 1)));
  const sites = actor.siteIds.length ? Prisma.sql`IN (${Prisma.join(actor.siteIds.map((id) => Prisma.sql`${id}::uuid`))})` : null;
  const [tonnage, statuses] = await Promise.all([
    // From the per-day summary (migrations 20261201130000_records_tonnage_summary and
    // 20261204060000_records_tonnage_change): the totals as of the last fold plus the changes the loads'
    // own transactions appended since, in one snapshot; never the loads' JSON.
    db().$queryRaw<{ week: string; chapter: string; tonnes: number; changes: number }[]>(Prisma.sql`
      SELECT to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, d.chapter, sum(d.tonnes)::float8 AS tonnes, sum(d.change)::int AS changes
      FROM (
        SELECT site_id, day, chapter, tonnes, items, 0 AS change FROM load_tonnage_day
        UNION ALL
        SELECT site_id, day, chapter, tonnes, items, 1 FROM load_tonnage_change
      ) d
      WHERE ${sites ? Prisma.sql`d.site_id ${sites}` : Prisma.sql`FALSE`}
        AND d.day >= ${weeks[0]!}::date AND d.day < ${addDays(thisMonday, 7)}::date
      GROUP BY 1, 2
      HAVING sum(d.items) > 0`),
    // From the status summary (migration 20261203060000_records_status_count): the totals as of the last
    // fold plus the changes since, in one snapshot, so always the loads' true counts.
    sites ? loadStatusCounts(sites) : Promise.resolve({ counts: [], unfolded: 0 }),
  ]);
  // Changes pile up between the workers' folds only if no worker runs; fold them here then.
  const unfolded = statuses.unfolded + tonnage.reduce((n, r) => n + r.changes, 0);
  if (unfolded > FOLD_WHEN_READ_FINDS) await foldRecordSummaries();

  const byChapter = new Map<string, number[]>();
  for (const r of tonnage) {
    const i = weeks.indexOf(r.week);
    if (i < 0) continue;
    const series = byChapter.get(r.chapter) ?? Array.from({ length: weeks.length }, () => 0);
    series[i] = (series[i] ?? 0) + r.tonnes;
    byChapter.set(r.chapter, series);
  }
  const tonnesByChapter = [...byChapter.entries()]
    .map(([chapter, t]) => {
      const tonnes = t.map((x) => Math.round(x * 1000) / 1000);
      return { chapter, tonnes, total: Math.round(tonnes.reduce((a, b) => a + b, 0) * 1000) / 1000 };
    })
    .sort((a, b) => b.total - a.total || a.chapter.localeCompare(b.chapter));

  const count = (status: LoadStatus | 'SENT_WITH_WARNINGS') => statuses.counts.find((r) => r.status === status)?.loads ?? 0;
  const counts: Record<RecordStatus, number> = {
    draft: count('DRAFT'),
    pending: count('PENDING'),
    sent: count('SENT'),
    'sent-with-warnings': count('SENT_WITH_WARNINGS'),
    'needs-attention': count('NEEDS_ATTENTION'),
    'check-needed': count('CHECK_NEEDED'),
    'on-site': count('ON_SITE'),
  };
  const order: RecordStatus[] = ['draft', 'pending', 'sent', 'sent-with-warnings', 'needs-attention', 'check-needed', 'on-site'];
  return { weeks, tonnesByChapter, loadsByStatus: order.map((status) => ({ status, loads: counts[status] })) };
}

/** Above this many changes not yet folded, the chart folds them itself (a worker folds every few seconds). */
const FOLD_WHEN_READ_FINDS = 1_000;

/** Loads per status key (SENT without warnings, SENT_WITH_WARNINGS, …) at the given sites. */
async function loadStatusCounts(sites: Prisma.Sql): Promise<{ counts: { status: string; loads: number }[]; unfolded: number }> {
  const rows = await db().$queryRaw<{ status: string; loads: number; changes: number }[]>(Prisma.sql`
    SELECT status, sum(loads)::int AS loads, sum(changes)::int AS changes FROM (
      SELECT c.status, c.loads, 0 AS changes FROM load_status_count c WHERE c.site_id ${sites}
      UNION ALL
      SELECT d.status, d.delta, 1 FROM load_status_change d WHERE d.site_id ${sites}
    ) x GROUP BY 1`);
  return { counts: rows.map(({ status, loads }) => ({ status, loads })), unfolded: rows.reduce((n, r) => n + r.changes, 0) };
}

/**
 * Housekeeping, no actor: moves the status and tonnage changes the load trigger appended into the
 * per-site totals, in one statement (the changes deleted and their sums added together, so a reader sees
 * the figures before or after, never half). Safe to run from any number of processes at once: a change
 * another fold took is skipped, and the totals are upserted in key order, so two folds never deadlock.
 * Returns how many changes it folded.
 */
export async function foldRecordSummaries(): Promise<number> {
  const [row] = await db().$queryRaw<{ folded: number }[]>(Prisma.sql`
    WITH moved AS (DELETE FROM load_status_change RETURNING site_id, status, delta),
    summed AS (SELECT site_id, status, sum(delta) AS delta, count(*) AS n FROM moved GROUP BY 1, 2),
    upserted AS (
      INSERT INTO load_status_count AS c (site_id, status, loads)
      SELECT site_id, status, delta FROM summed ORDER BY site_id, status
      ON CONFLICT (site_id, status) DO UPDATE SET loads = c.loads + excluded.loads
    ),
    moved_tonnage AS (DELETE FROM load_tonnage_change RETURNING site_id, day, chapter, tonnes, items),
    -- A site deleted meanwhile took its summary rows with it: its last changes go with them.
    summed_tonnage AS (
      SELECT m.site_id, m.day, m.chapter, sum(m.tonnes) AS tonnes, sum(m.items) AS items, count(*) AS n
      FROM moved_tonnage m WHERE EXISTS (SELECT 1 FROM site s WHERE s.id = m.site_id) GROUP BY 1, 2, 3
    ),
    upserted_tonnage AS (
      INSERT INTO load_tonnage_day AS d (site_id, day, chapter, tonnes, items)
      SELECT site_id, day, chapter, tonnes, items FROM summed_tonnage ORDER BY site_id, day, chapter
      ON CONFLICT (site_id, day, chapter) DO UPDATE SET tonnes = d.tonnes + excluded.tonnes, items = d.items + excluded.items
    )
    SELECT (SELECT coalesce(sum(n), 0) FROM summed)::int + (SELECT coalesce(sum(n), 0) FROM summed_tonnage)::int AS folded`);
  return row?.folded ?? 0;
}
