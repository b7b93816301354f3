-- Loads (the master copy), their send attempts, and each site's address book and ticket sequence.
CREATE TYPE "LoadStatus" AS ENUM ('DRAFT', 'PENDING', 'SENT', 'NEEDS_ATTENTION', 'CHECK_NEEDED');
CREATE TYPE "PartyKind" AS ENUM ('CARRIER', 'BROKER_DEALER');

ALTER TABLE "site" ADD COLUMN "next_ticket_number" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "load" (
  "id" UUID NOT NULL,
  "site_id" UUID NOT NULL,
  "ticket_number" TEXT NOT NULL,
  "received_at" TIMESTAMPTZ(3) NOT NULL,
  "status" "LoadStatus" NOT NULL,
  "movement" JSONB NOT NULL,
  "form_extras" JSONB NOT NULL DEFAULT '{}',
  "waste_tracking_id" TEXT,
  "dwt_warnings" JSONB NOT NULL DEFAULT '[]',
  "dwt_errors" JSONB NOT NULL DEFAULT '[]',
  "version" INTEGER NOT NULL DEFAULT 1,
  "sent_version" INTEGER,
  "vehicle_registration" TEXT,
  "carrier_name" TEXT,
  "ewc_codes" TEXT[],
  "is_hazardous" BOOLEAN NOT NULL DEFAULT false,
  "created_by_id" UUID,
  "updated_by_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "sent_at" TIMESTAMPTZ(3),
  CONSTRAINT "load_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "load_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "load_waste_tracking_id_key" ON "load"("waste_tracking_id");
CREATE UNIQUE INDEX "load_site_id_ticket_number_key" ON "load"("site_id", "ticket_number");
CREATE INDEX "load_site_id_received_at_idx" ON "load"("site_id", "received_at");
CREATE INDEX "load_status_idx" ON "load"("status");

CREATE TABLE "send_attempt" (
  "id" BIGSERIAL NOT NULL,
  "load_id" UUID NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "method" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "outcome" TEXT NOT NULL,
  "http_status" INTEGER,
  "duration_ms" INTEGER NOT NULL,
  "detail" JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT "send_attempt_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "send_attempt_load_id_fkey" FOREIGN KEY ("load_id") REFERENCES "load"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "send_attempt_load_id_at_idx" ON "send_attempt"("load_id", "at");

CREATE TABLE "address_book_entry" (
  "id" UUID NOT NULL,
  "site_id" UUID NOT NULL,
  "kind" "PartyKind" NOT NULL,
  "organisation_name" TEXT NOT NULL,
  "registration_number" TEXT,
  "reason_for_no_registration_number" TEXT,
  "full_address" TEXT,
  "postcode" TEXT,
  "email_address" TEXT,
  "phone_number" TEXT,
  "means_of_transport" TEXT,
  "vehicle_registrations" TEXT[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "address_book_entry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "address_book_entry_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "address_book_entry_site_id_kind_idx" ON "address_book_entry"("site_id", "kind");
