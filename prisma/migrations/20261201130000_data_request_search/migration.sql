-- Indexes for a customer's data request (lib/data-rights/loads.ts findLoadsMentioning): the loads whose
-- carrier or broker/dealer has a name, email, phone or vehicle. Without them every search reads every
-- load's form values (316 ms at 100,000 loads). Expression indexes on the load row itself: PostgreSQL
-- keeps them in step in the very transaction that writes the load, and an erasure's update (or a
-- draft's delete) takes the erased values out of them with the row, so there is no second copy of
-- anyone's details to keep or to forget.
-- Each expression must stay exactly the same as the service's (partyField and the conditions of
-- findLoadsMentioning), or the search silently goes back to reading every load.
CREATE INDEX "load_carrier_name_search_idx" ON "load"
  USING gin ((lower("form_extras" #>> '{carrier,organisationName}'::text[])) gin_trgm_ops);
CREATE INDEX "load_broker_name_search_idx" ON "load"
  USING gin ((lower("form_extras" #>> '{brokerOrDealer,organisationName}'::text[])) gin_trgm_ops);
CREATE INDEX "load_carrier_email_search_idx" ON "load" ((lower(btrim("form_extras" #>> '{carrier,emailAddress}'::text[]))));
CREATE INDEX "load_broker_email_search_idx" ON "load" ((lower(btrim("form_extras" #>> '{brokerOrDealer,emailAddress}'::text[]))));
CREATE INDEX "load_carrier_phone_search_idx" ON "load"
  USING gin ((regexp_replace("form_extras" #>> '{carrier,phoneNumber}'::text[], '[^0-9]+', '', 'g')) gin_trgm_ops);
CREATE INDEX "load_broker_phone_search_idx" ON "load"
  USING gin ((regexp_replace("form_extras" #>> '{brokerOrDealer,phoneNumber}'::text[], '[^0-9]+', '', 'g')) gin_trgm_ops);
CREATE INDEX "load_carrier_vehicle_search_idx" ON "load"
  ((upper(regexp_replace("form_extras" #>> '{carrier,vehicleRegistration}'::text[], '[^A-Za-z0-9]+', '', 'g'))));
CREATE INDEX "load_carrier_address_book_idx" ON "load" (("form_extras" #>> '{carrier,addressBookId}'::text[]));
CREATE INDEX "load_broker_address_book_idx" ON "load" (("form_extras" #>> '{brokerOrDealer,addressBookId}'::text[]));
