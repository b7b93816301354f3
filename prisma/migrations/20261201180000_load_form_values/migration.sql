-- The column holds every value of the load form (what the clerk typed, in the form's own shape), not
-- "extras" DWT does not take: name it for what it holds. A rename keeps the data and costs no rewrite.
-- It runs after the data-request search indexes (20261201130000), which PostgreSQL carries over to the new name.
ALTER TABLE "load" RENAME COLUMN "form_extras" TO "form_values";
