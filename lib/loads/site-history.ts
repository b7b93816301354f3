// What a site's own past loads teach the load form: the weights it usually takes (the plausibility
// check, lib/loads/plausibility.ts) and the EWC codes it takes most. Both read the site's latest 2,000
// loads, which at 20 clerks saving at once was the heaviest part of a save (every send-intent save
// read 2,000 loads' JSON), so a full window is kept in memory for a few minutes: one more load among
// 2,000 barely moves the limits. A site with fewer loads is read afresh each time, so its first loads
// teach the check at once.
import 'server-only';
import { db } from '@/lib/db';
import type { SiteWeightHistory, WeightStats } from './plausibility';

/** How many of the site's latest loads the history reads. */
const WINDOW = 2_000;
/** How long a full window's history is reused. */
const HISTORY_TTL_MS = 5 * 60_000;
/** At most this many sites' histories are kept (the oldest goes first). */
const MAX_CACHED_SITES = 500;
const cache = new Map<string, { at: number; history: SiteWeightHistory }>();

/** Forgets every kept history (tests that rewrite a site's past loads). */
export function forgetSiteWeightHistories(): void {
  cache.clear();
}

/**
 * The net weights the site has taken, in kilograms, overall, by type of container and by vehicle
 * (its latest 2,000 loads sent or being sent; weights the clerk had to confirm are left out, so one
 * slip confirmed by mistake does not teach the check to accept the next). Kept for a few minutes once
 * the site has a full window of loads.
 */
export async function siteWeightHistory(siteId: string, now = Date.now()): Promise<SiteWeightHistory> {
  const kept = cache.get(siteId);
  if (kept && now - kept.at < HISTORY_TTL_MS) return kept.history;
  const rows = await db().$queryRaw<{ kind: string; k: string; count: number; min_kg: number; max_kg: number }[]>`
    WITH recent AS (
      SELECT movement, form_values, upper(coalesce(vehicle_registration, '')) AS vehicle
      FROM load WHERE site_id = ${siteId}::uuid AND status <> 'DRAFT'
      ORDER BY received_at DESC LIMIT ${WINDOW}
    ), items AS (
      SELECT r.vehicle, coalesce(e.item->>'typeOfContainers', '') AS container,
        (e.item->'weight'->>'amount')::float8 * CASE e.item->'weight'->>'metric' WHEN 'Tonnes' THEN 1000 WHEN 'Grams' THEN 0.001 ELSE 1 END AS kg
      FROM recent r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.movement->'wasteItems') = 'array' THEN r.movement->'wasteItems' ELSE '[]'::jsonb END)
        WITH ORDINALITY AS e(item, n)
      WHERE jsonb_typeof(e.item->'weight'->'amount') = 'number'
        AND coalesce(r.form_values->'wasteItems'->((e.n - 1)::int)->>'weightConfirmed', 'false') <> 'true'
    )
    SELECT 'window' AS kind, '' AS k, (SELECT count(*) FROM recent)::int AS count, 0::float8 AS min_kg, 0::float8 AS max_kg
    UNION ALL SELECT 'all', '', count(*)::int, min(kg), max(kg) FROM items HAVING count(*) > 0
    UNION ALL SELECT 'container', container, count(*)::int, min(kg), max(kg) FROM items WHERE container <> '' GROUP BY container
    UNION ALL SELECT 'vehicle', vehicle, count(*)::int, min(kg), max(kg) FROM items WHERE vehicle <> '' GROUP BY vehicle`;
  const history: SiteWeightHistory = { byContainer: {}, byVehicle: {} };
  let full = false;
  for (const r of rows) {
    const stats: WeightStats = { count: r.count, minKg: r.min_kg, maxKg: r.max_kg };
    if (r.kind === 'window') full = r.count >= WINDOW;
    else if (r.kind === 'all') history.all = stats;
    else if (r.kind === 'container') history.byContainer[r.k] = stats;
    else history.byVehicle[r.k] = stats;
  }
  if (full) {
    cache.delete(siteId);
    if (cache.size >= MAX_CACHED_SITES) cache.delete(cache.keys().next().value!);
    cache.set(siteId, { at: now, history });
  }
  return history;
}

/** The EWC codes the site takes most, most used first (the form's search ranks them first). */
export async function siteTopEwcCodes(siteId: string, take = 40): Promise<string[]> {
  const rows = await db().$queryRaw<{ code: string }[]>`
    SELECT code FROM (SELECT unnest(ewc_codes) AS code FROM load WHERE site_id = ${siteId}::uuid ORDER BY received_at DESC LIMIT ${WINDOW}) c
    GROUP BY code ORDER BY count(*) DESC, code LIMIT ${take}`;
  return rows.map((r) => r.code);
}
