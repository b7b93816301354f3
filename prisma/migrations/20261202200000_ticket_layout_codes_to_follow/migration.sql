-- Issue 12: the weighbridge ticket and the manager's list.
--
-- 1. Each site chooses how its tickets print by default: an A4 sheet or an 80 mm thermal roll (the
--    ticket page still offers both).
ALTER TABLE "site" ADD COLUMN "ticket_layout" TEXT NOT NULL DEFAULT 'a4'
  CONSTRAINT "site_ticket_layout_check" CHECK ("ticket_layout" IN ('a4', 'thermal-80'));

-- 2. A load reported without a disposal or recovery code on some waste item: DWT accepts it with a
--    warning and the codes must follow within the same two working days. Kept with the load on every
--    save (lib/loads/service.ts), so a correction that adds the codes clears it.
-- 3. The net weight for the list's weight column: the waste items' weights added up in their unit,
--    or in tonnes when the items use different units. Null when no weight is known (a draft).
ALTER TABLE "load"
  ADD COLUMN "codes_to_follow" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "net_weight" NUMERIC,
  ADD COLUMN "weight_unit" TEXT;

UPDATE "load" l SET codes_to_follow = EXISTS (
  SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(l.movement->'wasteItems') = 'array' THEN l.movement->'wasteItems' ELSE '[]'::jsonb END) AS item
   WHERE jsonb_typeof(item->'disposalOrRecoveryCodes') IS DISTINCT FROM 'array' OR jsonb_array_length(item->'disposalOrRecoveryCodes') = 0
);

UPDATE "load" l SET net_weight = w.amount, weight_unit = w.unit
  FROM (
    SELECT x.id,
           CASE WHEN count(DISTINCT x.metric) = 1 THEN sum(x.amount) ELSE sum(x.amount * x.factor) END AS amount,
           CASE WHEN count(DISTINCT x.metric) = 1 THEN min(x.metric) ELSE 'Tonnes' END AS unit
      FROM (
        SELECT l2.id, item->'weight'->>'metric' AS metric, (item->'weight'->>'amount')::numeric AS amount,
               CASE item->'weight'->>'metric' WHEN 'Tonnes' THEN 1 WHEN 'Kilograms' THEN 0.001 ELSE 0.000001 END AS factor
          FROM "load" l2,
               jsonb_array_elements(CASE WHEN jsonb_typeof(l2.movement->'wasteItems') = 'array' THEN l2.movement->'wasteItems' ELSE '[]'::jsonb END) AS item
         WHERE jsonb_typeof(item->'weight'->'amount') = 'number'
           AND item->'weight'->>'metric' IN ('Tonnes', 'Kilograms', 'Grams')
      ) AS x
     GROUP BY x.id
  ) AS w
 WHERE w.id = l.id;

-- The manager's "codes to follow" figure and filter: the few sent loads still owing their codes.
CREATE INDEX "load_codes_to_follow_idx" ON "load" ("site_id", "due_at") WHERE codes_to_follow AND status = 'SENT';
