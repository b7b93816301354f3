-- Issue 17: two-pass weighing, stored tares and where each weight came from.
--
-- 1. A load weighed in and not yet out is ON_SITE: saved (the master copy) but never queued for DWT.
--    (The new value is not used in this migration: Postgres allows that only after it commits.)
ALTER TYPE "LoadStatus" ADD VALUE IF NOT EXISTS 'ON_SITE';

-- 2. The weighings of a load: at most two (in and out, or in with a stored tare), each with its weight,
--    unit, time, source (indicator with its raw frame, typed by hand with a reason, stored tare with
--    the date it was weighed) and who took it. The weigh-in time is the time DWT is told it was received.
ALTER TABLE "load"
  ADD COLUMN "weighings" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN "weighed_in_at" TIMESTAMPTZ(3),
  ADD COLUMN "weighed_out_at" TIMESTAMPTZ(3);

-- The On site now board: vehicles in and not out.
CREATE INDEX "load_on_site_idx" ON "load" ("site_id", "weighed_in_at") WHERE weighed_in_at IS NOT NULL AND weighed_out_at IS NULL;

-- 3. Per site: how long a vehicle may stay on site before the manager is told (minutes), and how long
--    a stored tare stays valid (months; null = no expiry).
ALTER TABLE "site"
  ADD COLUMN "on_site_limit_minutes" INTEGER NOT NULL DEFAULT 240
    CONSTRAINT "site_on_site_limit_check" CHECK ("on_site_limit_minutes" BETWEEN 5 AND 10080),
  ADD COLUMN "tare_expiry_months" INTEGER DEFAULT 6
    CONSTRAINT "site_tare_expiry_check" CHECK ("tare_expiry_months" IS NULL OR "tare_expiry_months" BETWEEN 1 AND 60);

-- 4. Stored tares: a vehicle's empty weight at a site, one current value per registration (stored
--    compact and upper-case, "KR12PTE"), with how and when it was weighed and by whom. Changes are audited.
CREATE TABLE "vehicle_tare" (
  "id" UUID NOT NULL,
  "site_id" UUID NOT NULL,
  "vehicle_registration" TEXT NOT NULL,
  "amount" NUMERIC NOT NULL CONSTRAINT "vehicle_tare_amount_check" CHECK ("amount" > 0),
  "unit" TEXT NOT NULL CONSTRAINT "vehicle_tare_unit_check" CHECK ("unit" IN ('Kilograms', 'Tonnes')),
  "weighed_at" TIMESTAMPTZ(3) NOT NULL,
  -- indicator | manual (an empty weighing's source, or typed by hand)
  "source" TEXT NOT NULL,
  "raw_frame" TEXT,
  "reason" TEXT,
  "recorded_by_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "vehicle_tare_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "vehicle_tare_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "vehicle_tare_site_id_vehicle_registration_key" ON "vehicle_tare" ("site_id", "vehicle_registration");
