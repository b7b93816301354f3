-- Indexes for searching a site's address book as the clerk types (lib/address-book/service.ts).
-- Each expression must stay exactly the same as the one in the service's queries, or the search
-- silently goes back to scanning every entry of the site.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "address_book_entry_name_words_idx" ON "address_book_entry"
  USING gin ((' ' || btrim(regexp_replace(lower("organisation_name"), '[^[:alnum:]]+', ' ', 'g'))) gin_trgm_ops);
CREATE INDEX "address_book_entry_registration_key_idx" ON "address_book_entry"
  ("site_id", "kind", (upper(regexp_replace("registration_number", '[^A-Za-z0-9]+', '', 'g'))) text_pattern_ops);
CREATE INDEX "address_book_entry_vehicle_keys_idx" ON "address_book_entry"
  USING gin ((upper(regexp_replace(array_to_tsvector("vehicle_registrations")::text, '[^A-Za-z0-9'']+', '', 'g'))) gin_trgm_ops);
CREATE INDEX "address_book_entry_name_prefix_idx" ON "address_book_entry"
  ("site_id", "kind", (' ' || btrim(regexp_replace(lower("organisation_name"), '[^[:alnum:]]+', ' ', 'g'))) text_pattern_ops);
