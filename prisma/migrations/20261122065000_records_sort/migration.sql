-- The records list's sorts at 100,000+ loads (bench/records.ts): each sortable column has a btree index
-- ending in (received_at, id), the order lib/records/filters.ts recordOrderSql writes, so the first page
-- (and the pages after it) is read in order from the index instead of sorting every matching load.
-- Backward scans serve the descending sorts. A manager of several sites filters on site_id while
-- walking these; a single site also has load_site_id_received_at_idx.
-- The sent-with(out)-warnings filters get partial indexes whose predicates are exactly the WHERE of
-- lib/records/filters.ts, so their totals are counted from the index rather than every sent load's JSON.
CREATE INDEX "load_received_at_id_idx" ON "load" ("received_at", "id");
CREATE INDEX "load_ticket_number_sort_idx" ON "load" ("ticket_number", "received_at", "id");
CREATE INDEX "load_status_sort_idx" ON "load" ("status", "received_at", "id");
CREATE INDEX "load_due_at_sort_idx" ON "load" ("due_at", "received_at", "id");
CREATE INDEX "load_carrier_sort_idx" ON "load" ((lower("carrier_name")), "received_at", "id");
CREATE INDEX "load_sent_with_warnings_idx" ON "load" ("site_id", "received_at") WHERE "status" = 'SENT' AND jsonb_array_length("dwt_warnings") > 0;
CREATE INDEX "load_sent_without_warnings_idx" ON "load" ("site_id", "received_at") WHERE "status" = 'SENT' AND jsonb_array_length("dwt_warnings") = 0;
