-- Backups of the embedded database (lib/backup): one row per backup attempt, with where it went, its
-- size, and whether it was restored into a scratch database and matched. The settings (time, folder,
-- days kept) live in app_setting under the key 'backup'.
CREATE TABLE "backup_run" (
  "id"              UUID NOT NULL PRIMARY KEY,
  "trigger"         TEXT NOT NULL,            -- schedule | manual | command | upgrade
  "status"          TEXT NOT NULL,            -- running | succeeded | failed
  "started_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "finished_at"     TIMESTAMPTZ(3),
  "folder"          TEXT NOT NULL,
  "file_name"       TEXT,
  "size_bytes"      BIGINT,
  "encrypted"       BOOLEAN NOT NULL DEFAULT false,
  "verified"        BOOLEAN,                  -- null: not checked (yet)
  "verified_at"     TIMESTAMPTZ(3),
  "verify_summary"  TEXT,
  "error"           TEXT,
  "started_by_id"   UUID
);
CREATE INDEX "backup_run_started_at_idx" ON "backup_run" ("started_at");
