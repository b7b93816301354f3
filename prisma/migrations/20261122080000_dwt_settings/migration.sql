-- The DWT connection saved by an administrator; it overrides the DWT_* settings. One row at most.
-- The client secret is kept only as an authenticated-encryption envelope (never in clear); the
-- people who set it are plain ids (no foreign key: users are disabled, never deleted).
CREATE TABLE "dwt_settings" (
  "id" INTEGER NOT NULL DEFAULT 1,
  "environment" TEXT NOT NULL,
  "api_base_url" TEXT NOT NULL,
  "auth_url" TEXT NOT NULL,
  "client_id" TEXT NOT NULL,
  "client_secret_ciphertext" TEXT NOT NULL,
  "secret_set_at" TIMESTAMPTZ(3) NOT NULL,
  "secret_set_by" UUID,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_by" UUID,
  CONSTRAINT "dwt_settings_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "dwt_settings_single_row" CHECK ("id" = 1),
  CONSTRAINT "dwt_settings_environment" CHECK ("environment" IN ('sandbox', 'test', 'production')),
  CONSTRAINT "dwt_settings_ciphertext_is_an_envelope" CHECK ("client_secret_ciphertext" LIKE 'v1:%')
);
