-- Administration of users and sites.
-- Sites: the receiver details DWT takes beyond name/permit/address (contact, regulatory position
-- statements) and the operator's own DWT apiCode (null until an admin sets it; delivery falls back to
-- the environment's apiCode meanwhile).
ALTER TABLE "site" ADD COLUMN "contact_name" TEXT NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "contact_email" TEXT NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "contact_phone" TEXT NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "regulatory_position_statements" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "site" ADD COLUMN "api_code" UUID;

-- Invitation and password-reset links: only the SHA-256 of the random token is stored; a link is
-- spent once used (used_at) and refused after expires_at.
CREATE TYPE "UserTokenKind" AS ENUM ('INVITATION', 'PASSWORD_RESET');
CREATE TABLE "user_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "UserTokenKind" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "user_token_token_hash_key" ON "user_token"("token_hash");
CREATE INDEX "user_token_user_id_idx" ON "user_token"("user_id");
ALTER TABLE "user_token" ADD CONSTRAINT "user_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
