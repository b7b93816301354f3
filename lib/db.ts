// The one Prisma client. Only `lib/<domain>/service.ts` files (and lib/audit) import it.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';
import { env } from './env';

function createClient(): PrismaClient {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: max } = env();
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded PostgreSQL when none is configured.');
  }
  // Prisma's defaults give up on a transaction that waits 2 s for a pooled connection: at a busy moment
  // that refused a clerk's save, or left a load DWT had just accepted unrecorded ("check needed").
  // Waiting longer is always the better answer for a save or a send's outcome.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }), transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}

const globalForPrisma = globalThis as unknown as { weighbookPrisma?: PrismaClient };

/** Lazily created so that importing a module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.weighbookPrisma ??= createClient();
  return globalForPrisma.weighbookPrisma;
}

/** A transaction client, for services that write a change and its audit entry together. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** A unique constraint refused the write (Prisma's P2002): the service says which answer is taken. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // P2002 from a model query; a raw statement's fails as P2010 with PostgreSQL's own code underneath.
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === 'P2002' || (error.code === 'P2010' && cause?.originalCode === '23505');
}

/** A foreign key refused the write (Prisma's P2003): something it points at does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

/** Text to match literally inside a LIKE/ILIKE pattern (PostgreSQL's default escape character, `\`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
