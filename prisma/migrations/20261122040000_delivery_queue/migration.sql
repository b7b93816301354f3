-- The durable delivery outbox and the registry of live workers (for sharing the send-rate cap).
CREATE TABLE "delivery_job" (
  "load_id" UUID NOT NULL,
  "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "locked_by" TEXT,
  "locked_until" TIMESTAMPTZ(3),
  "post_in_flight" BOOLEAN NOT NULL DEFAULT false,
  "last_error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "delivery_job_pkey" PRIMARY KEY ("load_id"),
  CONSTRAINT "delivery_job_load_id_fkey" FOREIGN KEY ("load_id") REFERENCES "load"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "delivery_job_available_at_idx" ON "delivery_job"("available_at");

CREATE TABLE "delivery_worker" (
  "id" TEXT NOT NULL,
  "seen_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "delivery_worker_pkey" PRIMARY KEY ("id")
);

-- Loads already waiting to send before the queue existed are queued now.
INSERT INTO "delivery_job" ("load_id") SELECT "id" FROM "load" WHERE "status" = 'PENDING';
