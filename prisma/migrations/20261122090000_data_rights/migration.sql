-- Customers' data rights (lib/data-rights): small app-wide settings, such as how long sent loads keep
-- their personal fields before they are anonymised automatically. One row per setting, value as JSON.
CREATE TABLE "app_setting" (
  "key"        TEXT NOT NULL PRIMARY KEY,
  "value"      JSONB NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_by_id" UUID
);
