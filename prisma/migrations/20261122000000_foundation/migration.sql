-- Foundation: sites, users and their roles, sign-in attempts (lock-out), audit log.
CREATE TYPE "Role" AS ENUM ('CLERK', 'MANAGER', 'ADMIN');
CREATE TYPE "Nation" AS ENUM ('ENGLAND', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND');

CREATE TABLE "site" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "authorisation_number" TEXT NOT NULL DEFAULT '',
  "full_address" TEXT NOT NULL DEFAULT '',
  "postcode" TEXT NOT NULL DEFAULT '',
  "nation" "Nation" NOT NULL DEFAULT 'ENGLAND',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "app_user" (
  "id" UUID NOT NULL,
  "email" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "password_hash" TEXT NOT NULL,
  "roles" "Role"[],
  "disabled" BOOLEAN NOT NULL DEFAULT false,
  "session_version" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

CREATE TABLE "user_site" (
  "user_id" UUID NOT NULL,
  "site_id" UUID NOT NULL,
  CONSTRAINT "user_site_pkey" PRIMARY KEY ("user_id", "site_id"),
  CONSTRAINT "user_site_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "user_site_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "user_site_site_id_idx" ON "user_site"("site_id");

CREATE TABLE "sign_in_attempt" (
  "id" BIGSERIAL NOT NULL,
  "user_id" UUID NOT NULL,
  "succeeded" BOOLEAN NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "sign_in_attempt_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "sign_in_attempt_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "sign_in_attempt_user_id_at_idx" ON "sign_in_attempt"("user_id", "at");

CREATE TABLE "audit_entry" (
  "id" BIGSERIAL NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "actor_id" UUID,
  "action" TEXT NOT NULL,
  "entity_type" TEXT NOT NULL,
  "entity_id" TEXT NOT NULL,
  "site_id" UUID,
  "changes" JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_entry_entity_type_entity_id_at_idx" ON "audit_entry"("entity_type", "entity_id", "at");
CREATE INDEX "audit_entry_at_idx" ON "audit_entry"("at");
