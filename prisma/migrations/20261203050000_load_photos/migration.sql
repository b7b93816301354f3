-- Camera snapshots taken at the weighbridge with each weighing (issue 17). Kept with the load; deleted
-- with it, and when its personal data is erased or anonymised (a photo can show a sole trader's plate).
CREATE TABLE "load_photo" (
  "id" UUID NOT NULL,
  "load_id" UUID NOT NULL,
  "weighbridge_id" UUID,
  "pass" TEXT NOT NULL,
  "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "content_type" TEXT NOT NULL,
  "bytes" BYTEA NOT NULL,
  "taken_by_id" UUID,
  CONSTRAINT "load_photo_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "load_photo_load_id_fkey" FOREIGN KEY ("load_id") REFERENCES "load"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "load_photo_weighbridge_id_fkey" FOREIGN KEY ("weighbridge_id") REFERENCES "weighbridge"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT "load_photo_pass_check" CHECK ("pass" IN ('in', 'out', 'single')),
  CONSTRAINT "load_photo_size_check" CHECK (octet_length("bytes") BETWEEN 1 AND 2097152)
);

CREATE INDEX "load_photo_load_id_taken_at_idx" ON "load_photo"("load_id", "taken_at");
