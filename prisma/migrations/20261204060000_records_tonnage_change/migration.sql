-- The tonnage summary (migration 20261201130000_records_tonnage_summary) without its hot rows.
--
-- Its trigger upserted into load_tonnage_day in the load's own transaction, so every clerk saving a load
-- at the same site on the same day, of the same EWC chapter, updated the same row and held its lock until
-- commit: twenty clerks queued behind each other there (bench/clerks.ts with pg_stat_statements: the
-- load INSERT took 580 ms on average, all of it waiting on that row). The status summary had already
-- solved the same problem (migration 20261203060000_records_status_count); the tonnage now works the same
-- way: the trigger only APPENDS its (site, day, chapter, ±tonnes, ±items) rows to load_tonnage_change,
-- which never waits on anyone, and foldRecordSummaries (lib/records/service.ts: the delivery worker's
-- heartbeat, or the chart itself when many have piled up) moves them into load_tonnage_day in one
-- statement. The chart reads both in one snapshot, so it can never disagree with the loads.
CREATE TABLE "load_tonnage_change" (
  "id"      BIGSERIAL PRIMARY KEY,
  "site_id" UUID NOT NULL,
  "day"     DATE NOT NULL,
  "chapter" TEXT NOT NULL,
  "tonnes"  NUMERIC NOT NULL,
  "items"   INTEGER NOT NULL
);

CREATE OR REPLACE FUNCTION load_tonnage_apply(site UUID, received TIMESTAMPTZ, movement JSONB, sign INTEGER)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO load_tonnage_change (site_id, day, chapter, tonnes, items)
  SELECT site, (received AT TIME ZONE 'Europe/London')::date, t.chapter, sign * t.tonnes, sign * t.items
    FROM load_tonnage_items(movement) AS t
$$;
