-- Issue 14, point 5: a load sent again after a send DWT may have stored without answering ("check
-- needed"). Production DWT offers no way to look a movement up and does not refuse a second POST with
-- the same yourUniqueReference, so DWT may hold two records of the load. The time of the unanswered
-- send is kept, to be shown in the load's history, on its ticket and in exports and explained to the
-- regulator. Null for every other load. Set by lib/delivery/service.ts sendAgainAsNew.
ALTER TABLE "load" ADD COLUMN "possible_duplicate_at" TIMESTAMPTZ(3);
