-- DWT reference-data lists as last fetched from DWT; the app's bundled copies stand in until then.
CREATE TABLE "reference_list" (
  "name" TEXT NOT NULL,
  "data" JSONB NOT NULL,
  "fetched_at" TIMESTAMPTZ(3) NOT NULL,
  "source" TEXT NOT NULL,
  CONSTRAINT "reference_list_pkey" PRIMARY KEY ("name")
);
