-- Weighbridges (lib/weighbridge): how each site's indicator is read. connection: none (weights typed),
-- tcp (the server holds one connection to host:port), web-serial (read in the clerk's browser), agent
-- (a small program at the site pushes readings; its token is stored only as a SHA-256 hash).
CREATE TABLE "weighbridge" (
  "id"               UUID NOT NULL PRIMARY KEY,
  "site_id"          UUID NOT NULL REFERENCES "site"("id") ON DELETE CASCADE,
  "name"             TEXT NOT NULL,
  "connection"       TEXT NOT NULL DEFAULT 'none',
  "host"             TEXT,
  "port"             INTEGER,
  "format"           TEXT NOT NULL DEFAULT 'toledo',
  "template"         JSONB,
  "unit"             TEXT NOT NULL DEFAULT 'kg',
  "division_kg"      INTEGER,
  "serial"           JSONB NOT NULL DEFAULT '{}',
  "camera_url"       TEXT,
  "agent_token_hash" TEXT,
  "created_at"       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at"       TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "weighbridge_site_id_name_key" ON "weighbridge"("site_id", "name");
