-- The manager's "loads by status" chart (lib/records/service.ts recordCharts) from a summary instead of
-- counting every load: at 100,000 loads the GROUP BY over the status index took ~50 ms.
--
-- Why two tables: a single counter row per site and status would be touched by every send (PENDING -1,
-- SENT +1), so 20 clerks and the worker would queue on the same few rows. Instead the trigger only
-- APPENDS a change row (+1 / -1) in the load's own transaction, which never waits on anyone; now and then
-- (the delivery worker's heartbeat, or the chart itself when many have piled up) foldLoadStatusChanges
-- moves the changes into the totals in one statement. A count is always totals + pending changes, read
-- in one snapshot, so it can never disagree with the loads, folded or not.
--
-- The key is the load's status, with SENT split by whether DWT warned (the chart shows "Sent with
-- warnings" apart), exactly as lib/records/filters.ts statusSql tells them apart.
CREATE FUNCTION load_status_key(status "LoadStatus", warnings JSONB)
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'SENT' AND jsonb_typeof(warnings) = 'array' AND jsonb_array_length(warnings) > 0
              THEN 'SENT_WITH_WARNINGS' ELSE status::text END
$$;

CREATE TABLE "load_status_count" (
  "site_id" UUID NOT NULL,
  "status"  TEXT NOT NULL,
  "loads"   BIGINT NOT NULL,
  PRIMARY KEY ("site_id", "status")
);

CREATE TABLE "load_status_change" (
  "id"      BIGSERIAL PRIMARY KEY,
  "site_id" UUID NOT NULL,
  "status"  TEXT NOT NULL,
  "delta"   INTEGER NOT NULL
);

CREATE FUNCTION load_status_count_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO load_status_change (site_id, status, delta) VALUES (OLD.site_id, load_status_key(OLD.status, OLD.dwt_warnings), -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO load_status_change (site_id, status, delta) VALUES (NEW.site_id, load_status_key(NEW.status, NEW.dwt_warnings), 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "load_status_count_insert" AFTER INSERT ON "load"
  FOR EACH ROW EXECUTE FUNCTION load_status_count_trigger();
CREATE TRIGGER "load_status_count_update" AFTER UPDATE ON "load"
  FOR EACH ROW WHEN (
    OLD.site_id IS DISTINCT FROM NEW.site_id
    OR load_status_key(OLD.status, OLD.dwt_warnings) IS DISTINCT FROM load_status_key(NEW.status, NEW.dwt_warnings)
  ) EXECUTE FUNCTION load_status_count_trigger();
CREATE TRIGGER "load_status_count_delete" AFTER DELETE ON "load"
  FOR EACH ROW EXECUTE FUNCTION load_status_count_trigger();

-- The loads already there.
INSERT INTO load_status_count (site_id, status, loads)
SELECT site_id, load_status_key(status, dwt_warnings), count(*) FROM load GROUP BY 1, 2;
