-- A data request's search by phone matches numbers that END with the digits given (so "07700 900123",
-- "+44 7700 900123" and "7700900123" are one person). A trigram index cannot answer "ends with" well:
-- every number shares the trigrams of its area code, so at 100,000 loads the search read most of them
-- (34 ms). The digits reversed turn "ends with" into "starts with", which a B-tree answers by a range
-- scan. text_pattern_ops: LIKE 'prefix%' uses it whatever the database's collation.
-- As before, each expression must stay exactly the service's (lib/data-rights/loads.ts mentioning).
DROP INDEX IF EXISTS "load_carrier_phone_search_idx";
DROP INDEX IF EXISTS "load_broker_phone_search_idx";
CREATE INDEX "load_carrier_phone_search_idx" ON "load"
  ((reverse(regexp_replace("form_values" #>> '{carrier,phoneNumber}'::text[], '[^0-9]+', '', 'g'))) text_pattern_ops);
CREATE INDEX "load_broker_phone_search_idx" ON "load"
  ((reverse(regexp_replace("form_values" #>> '{brokerOrDealer,phoneNumber}'::text[], '[^0-9]+', '', 'g'))) text_pattern_ops);
