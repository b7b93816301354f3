// The one Prisma client. Only `lib/<domain>/service.ts` files (and lib/audit) import it.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded PostgreSQL when none is configured.');
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

const globalForPrisma = globalThis as unknown as { weighbookPrisma?: PrismaClient };

/** Lazily created so that importing a module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.weighbookPrisma ??= createClient();
  return globalForPrisma.weighbookPrisma;
}

/** A transaction client, for services that write a change and its audit entry together. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
