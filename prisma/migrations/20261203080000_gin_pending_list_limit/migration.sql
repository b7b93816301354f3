-- A GIN index puts new entries in an unsorted "pending list" that every search of the index reads from
-- end to end, until autovacuum (not a manual ANALYZE) or an overflow of gin_pending_list_limit (4 MB by
-- default) merges it. At 100,000 loads a data request's search by name spent 38 of its 44 ms reading the
-- pending lists of the two name indexes (5.9 ms once merged); the records list's filters and the party
-- picker read theirs the same way. Capped at 64 kB, a search never reads more than 8 pages of pending
-- entries, and a save still only appends: the save that fills the list merges it, about 1 ms.
ALTER INDEX "load_carrier_name_search_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "load_broker_name_search_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "load_ewc_codes_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "load_vehicle_key_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "load_carrier_name_trgm_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "address_book_entry_name_words_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "address_book_entry_vehicle_keys_idx" SET (gin_pending_list_limit = 64);
