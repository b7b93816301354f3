// Seeds realistic loads quickly for the records-export benchmark, in SQL (INSERT … SELECT over
// generate_series): a year of loads every few minutes, 1–3 waste items each (movement JSON shaped as
// lib/loads/schema.ts toMovement writes it), a mix of statuses, waste tracking ids on sent loads, some
// warnings, hazardous and POPs items, kilograms and tonnes. Self-contained (the list benchmark has its
// own seeder, bench/support/seed-loads.ts; they may be merged later).
import type pg from 'pg';

export interface ExportSeed {
  /** Loads to give each site, in order (e.g. [10_000, 90_000]). */
  sites: { id: string; loads: number }[];
}

const CARRIERS = [
  'Acme Haulage Ltd',
  'Northern Skips & Waste',
  'J. Smith "Smithy" Transport',
  'Green Lane Recycling',
  'Ridgeway Plant Hire, Ltd',
  '=Totally Legit Carrier',
  'Østby Logistics',
  'Fen Valley Waste',
];
const ITEMS: [ewc: string, description: string, form: string, container: string, haz: boolean][] = [
  ['170504', 'Soil and stones from a garden clearance', 'Solid', 'SKI', false],
  ['150101', 'Cardboard packaging, baled', 'Solid', 'BAL', false],
  ['170107', 'Mixed concrete, bricks and tiles', 'Solid', 'SKI', false],
  ['200301', 'Mixed municipal waste', 'Mixed', 'RORO', false],
  ['170503', 'Contaminated soil (lead, arsenic)', 'Solid', 'SKI', true],
  ['200135', 'Old televisions and monitors', 'Solid', 'CAGE', true],
  ['130205', 'Waste engine oil', 'Liquid', 'IBC', true],
  ['170201', 'Timber offcuts\nfrom a site strip-out', 'Solid', 'SKI', false],
];

export async function seedExportLoads(sql: pg.Client, seed: ExportSeed): Promise<number> {
  let total = 0;
  for (const site of seed.sites) {
    await sql.query(
      `INSERT INTO load (id, site_id, ticket_number, received_at, due_at, status, movement, form_values, waste_tracking_id, dwt_warnings,
                         ewc_codes, carrier_name, vehicle_registration, is_hazardous, updated_at, sent_at)
       SELECT gen_random_uuid(), $1::uuid, lpad(g.i::text, 7, '0'), g.at, g.at + interval '2 days 12 hours', g.status::"LoadStatus",
              jsonb_build_object(
                'dateTimeReceived', to_char(g.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'yourUniqueReference', lpad(g.i::text, 7, '0'),
                'wasteItems', items.list,
                'carrier', jsonb_build_object(
                  'registrationNumber', 'CBDU' || (100000 + g.i % 900),
                  'organisationName', ($3::text[])[1 + g.i % array_length($3::text[], 1)],
                  'address', jsonb_build_object('fullAddress', g.i % 97 || ' Industrial Estate, Leeds', 'postcode', 'LS1 1AA'),
                  'vehicleRegistration', 'AB' || lpad((g.i % 100)::text, 2, '0') || ' CDE',
                  'meansOfTransport', 'Road'),
                'brokerOrDealer', CASE WHEN g.i % 7 = 0 THEN jsonb_build_object('organisationName', 'Broker & Dealer Co', 'registrationNumber', 'CBDU777') END
              ) - CASE WHEN g.i % 7 = 0 THEN '' ELSE 'brokerOrDealer' END
                || CASE WHEN items.haz THEN jsonb_build_object('hazardousWasteConsignmentCode', 'CJ32LE/A' || lpad(g.i::text, 4, '0')) ELSE '{}'::jsonb END,
              '{}'::jsonb,
              CASE WHEN g.status = 'SENT' THEN 'WT' || upper(substr(md5($1 || g.i::text), 1, 10)) END,
              CASE WHEN g.status = 'SENT' AND g.i % 11 = 0 THEN '[{"key":"wasteItems.0.weight","errorType":"Warning","message":"Estimate"}]'::jsonb ELSE '[]'::jsonb END,
              items.ewc, ($3::text[])[1 + g.i % array_length($3::text[], 1)], 'AB' || lpad((g.i % 100)::text, 2, '0') || ' CDE', items.haz, now(),
              CASE WHEN g.status = 'SENT' THEN g.at + interval '1 minute' END
         FROM (SELECT i, timestamptz '2025-11-22 06:00:00+00' + (i * interval '5 minutes') AS at,
                      CASE WHEN i % 50 = 0 THEN 'DRAFT' WHEN i % 20 = 0 THEN 'PENDING' WHEN i % 33 = 0 THEN 'NEEDS_ATTENTION' WHEN i % 97 = 0 THEN 'CHECK_NEEDED' ELSE 'SENT' END AS status
                 FROM generate_series($2::int + 1, $2::int + $5::int) AS i) AS g
         CROSS JOIN LATERAL (
           SELECT jsonb_agg(jsonb_build_object(
                    'ewcCodes', jsonb_build_array(it.ewc),
                    'wasteDescription', it.description,
                    'physicalForm', it.form,
                    'numberOfContainers', 1 + (g.i + n) % 4,
                    'typeOfContainers', it.container,
                    'weight', CASE WHEN n = 2 THEN jsonb_build_object('metric', 'Kilograms', 'amount', 100 + (g.i % 900), 'isEstimate', true)
                                   ELSE jsonb_build_object('metric', 'Tonnes', 'amount', round((2 + (g.i % 180) / 10.0)::numeric, 1), 'isEstimate', false) END,
                    'containsPops', it.ewc = '200135',
                    'containsHazardous', it.haz)
                  || CASE WHEN it.haz THEN jsonb_build_object('hazardous', jsonb_build_object('sourceOfComponents', 'OWN_TESTING', 'hazCodes', '["HP_7","HP_14"]'::jsonb, 'components', '[{"name":"Lead","concentration":250}]'::jsonb)) ELSE '{}'::jsonb END
                  || CASE WHEN it.ewc = '200135' THEN jsonb_build_object('pops', jsonb_build_object('sourceOfComponents', 'GUIDANCE', 'components', '[{"code":"PCNS","concentration":2}]'::jsonb)) ELSE '{}'::jsonb END
                  || jsonb_build_object('disposalOrRecoveryCodes', jsonb_build_array(jsonb_build_object('code', CASE WHEN it.haz THEN 'D1' ELSE 'R5' END, 'weight', jsonb_build_object('metric', 'Tonnes', 'amount', 1 + g.i % 9, 'isEstimate', false))))
                  ORDER BY n) AS list,
                  array_agg(DISTINCT it.ewc) AS ewc,
                  bool_or(it.haz) AS haz
             FROM generate_series(1, 1 + g.i % 3) AS n
             CROSS JOIN LATERAL (SELECT (($4::jsonb)->((g.i + n * 3) % $6::int)) AS j) AS pick
             CROSS JOIN LATERAL (SELECT pick.j->>0 AS ewc, pick.j->>1 AS description, pick.j->>2 AS form, pick.j->>3 AS container, (pick.j->>4)::boolean AS haz) AS it
         ) AS items`,
      [site.id, total, CARRIERS, JSON.stringify(ITEMS), site.loads, ITEMS.length],
    );
    await sql.query(`UPDATE site SET next_ticket_number = $2 WHERE id = $1::uuid`, [site.id, total + site.loads + 1]);
    total += site.loads;
  }
  await sql.query('ANALYZE load');
  return total;
}
