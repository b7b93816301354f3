// Prisma CLI configuration. Only `prisma generate` is run through the CLI (see scripts/postinstall.mjs);
// migrations in prisma/migrations are applied by lib/db/migrate.ts, because Prisma 7's migrate
// commands need a schema engine these machines cannot download.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
