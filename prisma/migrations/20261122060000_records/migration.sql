-- The records desk (lists, filters, search, deadline) over 100,000+ loads.
-- due_at: the instant the two-working-day reporting window closes (lib/deadline reportingDeadline for
-- the site's nation), set whenever received_at is; loads saved before this column existed are filled
-- in by the app at start (fillMissingDueDates), since bank holidays are computed in TypeScript.
ALTER TABLE "load" ADD COLUMN "due_at" TIMESTAMPTZ(3);
CREATE INDEX "load_site_id_due_at_idx" ON "load" ("site_id", "due_at") WHERE "status" <> 'SENT';
CREATE INDEX "load_site_id_status_received_at_idx" ON "load" ("site_id", "status", "received_at");
CREATE INDEX "load_ewc_codes_idx" ON "load" USING gin ("ewc_codes");
-- Search: ticket number and waste tracking id by prefix, vehicle registration and carrier by any part.
-- Each expression must stay exactly as lib/records/filters.ts writes it.
CREATE INDEX "load_ticket_number_prefix_idx" ON "load" ("ticket_number" text_pattern_ops);
CREATE INDEX "load_waste_tracking_id_prefix_idx" ON "load" ("waste_tracking_id" text_pattern_ops);
CREATE INDEX "load_vehicle_key_idx" ON "load" USING gin ((replace("vehicle_registration", ' ', '')) gin_trgm_ops);
CREATE INDEX "load_carrier_name_trgm_idx" ON "load" USING gin ("carrier_name" gin_trgm_ops);
