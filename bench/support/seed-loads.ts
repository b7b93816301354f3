// Bulk loads for the records benchmarks (the list, the export): N realistic loads over ~2 years across
// the given sites, in one INSERT … SELECT generate_series, as saveLoad and the delivery worker would
// have left them — movement JSON with 1–3 waste items, denormalised ticket/carrier/vehicle/EWC columns,
// statuses mixed (nearly all old loads sent, recent ones still in flight), some DWT warnings, and the
// stored reporting deadline (due_at, per the site's nation, computed here with lib/deadline since bank
// holidays live in TypeScript). Deterministic: the same arguments seed the same loads.
import pg from 'pg';
import { reportingDeadline, ukStartOfDay, type Nation } from '../../lib/deadline';
import { addDays } from '../../lib/deadline/calendar-date';
import { ukCalendarDate } from '../../lib/deadline';

export interface SeedLoadsOptions {
  /** How many loads in all (spread evenly over the sites). */
  loads: number;
  /** Site ids (the sites must exist); their nations decide the deadlines. */
  sites: string[];
  /** The newest load's time (default now); the oldest is `days` before it. */
  until?: Date;
  days?: number;
}

export interface SeedLoadsResult {
  loads: number;
  from: Date;
  until: Date;
  /** Ticket numbers run 000001… per site in order of arrival. */
  ticketsPerSite: number;
}

// Realistic-looking values; the index of each is chosen by a hash of the load's number.
const CARRIERS = [
  'Acme Haulage Ltd',
  'Northern Skips',
  'Bright Metals Recycling',
  'Valley Aggregates',
  'Riverside Demolition',
  'County Waste Services',
  'Green Transport Ltd',
  'Express Skip Hire',
  'Leeds Plant & Haulage',
  'Sons of Smith Ltd',
];
const EWC = [
  ['170504', 'Soil and stones', 0.3],
  ['170107', 'Mixed concrete, bricks, tiles', 0.2],
  ['170904', 'Mixed construction and demolition waste', 0.15],
  ['200301', 'Mixed municipal waste', 0.1],
  ['150101', 'Paper and cardboard packaging', 0.06],
  ['170405', 'Iron and steel', 0.05],
  ['200201', 'Biodegradable waste', 0.05],
  ['191212', 'Other wastes from mechanical treatment', 0.04],
  ['170201', 'Wood', 0.03],
  ['160103', 'End-of-life tyres', 0.02],
] as const;

/** Seeds the loads; returns what it made. The caller ANALYZEs (or not) as its measurement needs. */
export async function seedLoads(databaseUrl: string, options: SeedLoadsOptions): Promise<SeedLoadsResult> {
  const until = options.until ?? new Date();
  const days = options.days ?? 730;
  const from = new Date(until.getTime() - days * 86_400_000);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sites = await client.query<{ id: string; nation: Nation }>('SELECT id, nation::text AS nation FROM site WHERE id = ANY($1::uuid[]) ORDER BY id', [
      options.sites,
    ]);
    if (sites.rows.length !== options.sites.length) throw new Error('seedLoads: every site must exist');
    // The deadline of each UK day of arrival at each site, as saveLoad would store it.
    const dueRows: [string, string, string][] = [];
    for (const site of sites.rows) {
      for (let day = addDays(ukCalendarDate(from), -1); day <= addDays(ukCalendarDate(until), 1); day = addDays(day, 1)) {
        dueRows.push([site.id, day, reportingDeadline(ukStartOfDay(day), site.nation).toISOString()]);
      }
    }
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE seed_due (site_id uuid, day date, due_at timestamptz, PRIMARY KEY (site_id, day)) ON COMMIT DROP');
    await client.query('INSERT INTO seed_due SELECT * FROM unnest($1::uuid[], $2::date[], $3::timestamptz[])', [
      dueRows.map((r) => r[0]),
      dueRows.map((r) => r[1]),
      dueRows.map((r) => r[2]),
    ]);
    const perSite = Math.ceil(options.loads / sites.rows.length);
    const ewcCodes = EWC.map((e) => e[0]);
    const ewcNames = EWC.map((e) => e[1]);
    // Cumulative weights for picking a code: most loads are soil and rubble.
    let acc = 0;
    const ewcCumulative = EWC.map((e) => (acc += e[2]));
    await client.query(
      `
      WITH sites AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS s FROM unnest($1::uuid[]) AS id),
      n AS (
        SELECT s.id AS site_id, s.s, g AS k, (s.s * $2::int + g) AS i,
               -- evenly over the period, in order of ticket, with a little jitter
               $3::timestamptz + (($4::timestamptz - $3::timestamptz) * ((g - 1)::float8 / $2::int))
                 + make_interval(secs => (abs(hashint4(g * 31 + s.s::int)) % 600)) AS received_at
        FROM sites s CROSS JOIN generate_series(1, $2::int) AS g
      ),
      r AS (
        SELECT n.*,
               abs(hashint4(i::int)) % 1000 AS h1,
               abs(hashint4(i::int * 7 + 1)) % 1000 AS h2,
               1 + abs(hashint4(i::int * 13 + 2)) % 3 AS items,
               (received_at > $4::timestamptz - interval '5 days') AS recent
        FROM n
      ),
      w AS (
        SELECT r.*,
          (SELECT jsonb_agg(jsonb_build_object(
              'ewcCodes', jsonb_build_array(($5::text[])[c.idx]),
              'wasteDescription', ($6::text[])[c.idx],
              'physicalForm', 'Solid',
              'numberOfContainers', 1,
              'typeOfContainers', 'SKI',
              'weight', jsonb_build_object('metric', CASE WHEN c.j = 3 THEN 'Kilograms' ELSE 'Tonnes' END,
                                           'amount', CASE WHEN c.j = 3 THEN (200 + abs(hashint4(i::int * 17 + c.j)) % 800)
                                                          ELSE round(((2 + abs(hashint4(i::int * 19 + c.j)) % 2000 / 100.0))::numeric, 2) END,
                                           'isEstimate', false),
              'containsPops', false, 'containsHazardous', false) ORDER BY c.j)
           FROM (SELECT j, (SELECT count(*) FROM unnest($7::float8[]) AS cum WHERE cum < (abs(hashint4(i::int * 23 + j)) % 1000) / 1000.0) + 1 AS idx
                 FROM generate_series(1, r.items) AS j) AS c) AS waste_items
        FROM r
      )
      INSERT INTO load (id, site_id, ticket_number, received_at, status, movement, form_values, waste_tracking_id, dwt_warnings,
                        version, sent_version, vehicle_registration, carrier_name, ewc_codes, is_hazardous, created_at, updated_at, sent_at, due_at)
      SELECT gen_random_uuid(), w.site_id, lpad(w.k::text, 6, '0'), w.received_at, st.status::"LoadStatus",
             jsonb_build_object(
               'dateTimeReceived', to_char(w.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'yourUniqueReference', lpad(w.k::text, 6, '0'),
               'wasteItems', w.waste_items,
               'carrier', jsonb_build_object('registrationNumber', 'CBDU' || lpad((abs(hashint4(w.h1)) % 1000000)::text, 6, '0'),
                                             'organisationName', ($8::text[])[1 + w.h1 % array_length($8::text[], 1)],
                                             'meansOfTransport', 'Road', 'vehicleRegistration', v.reg)),
             '{}'::jsonb,
             CASE WHEN st.status = 'SENT' THEN to_char(w.received_at, 'YY') || upper(substr(md5(w.i::text), 1, 10)) END,
             CASE WHEN st.status = 'SENT' AND w.h2 < 100 THEN '[{"key":"wasteItems.0.weight","message":"The weight looks high for this container"}]'::jsonb ELSE '[]'::jsonb END,
             1, CASE WHEN st.status = 'SENT' THEN 1 END,
             v.reg,
             ($8::text[])[1 + w.h1 % array_length($8::text[], 1)],
             ARRAY(SELECT DISTINCT x->'ewcCodes'->>0 FROM jsonb_array_elements(w.waste_items) AS x),
             false, w.received_at, w.received_at, CASE WHEN st.status = 'SENT' THEN w.received_at + interval '2 minutes' END,
             d.due_at
      FROM w
      CROSS JOIN LATERAL (SELECT CASE
          WHEN w.recent THEN (ARRAY['SENT','SENT','SENT','PENDING','PENDING','DRAFT','NEEDS_ATTENTION','CHECK_NEEDED','SENT','SENT'])[1 + w.h2 % 10]
          WHEN w.h2 < 970 THEN 'SENT' WHEN w.h2 < 980 THEN 'NEEDS_ATTENTION' WHEN w.h2 < 985 THEN 'CHECK_NEEDED' WHEN w.h2 < 995 THEN 'DRAFT' ELSE 'PENDING' END AS status) AS st
      CROSS JOIN LATERAL (SELECT
          chr(65 + w.h1 % 23) || chr(65 + w.h2 % 23) || lpad(((w.i % 70) + 10)::text, 2, '0') || ' ' ||
          chr(65 + (w.h1 * 7) % 23) || chr(65 + (w.h2 * 3) % 23) || chr(65 + (w.h1 + w.h2) % 23) AS reg) AS v
      JOIN seed_due d ON d.site_id = w.site_id AND d.day = (w.received_at AT TIME ZONE 'Europe/London')::date
      `,
      [sites.rows.map((s) => s.id), perSite, from.toISOString(), until.toISOString(), ewcCodes, ewcNames, ewcCumulative, CARRIERS],
    );
    await client.query(`UPDATE site SET next_ticket_number = $2 + 1 WHERE id = ANY($1::uuid[])`, [options.sites, perSite]);
    await client.query('COMMIT');
    return { loads: perSite * sites.rows.length, from, until, ticketsPerSite: perSite };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
