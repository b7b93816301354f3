// The one Prisma client. Only `lib/<domain>/service.ts` files (and lib/audit) import it.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from './generated/prisma/client';
import { env } from './env';
import { logger } from './logger';

function createPool(): pg.Pool {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: max } = env();
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded PostgreSQL when none is configured.');
  }
  // Idle connections do not keep a script or a test run alive once its work is done.
  const created = new pg.Pool({ connectionString: url, max, allowExitOnIdle: true });
  // An idle connection the server closed (a restart, a failover) is dropped, not a crash of the process.
  created.on('error', (error) => logger.warn('an idle database connection failed; it is replaced when next needed', { error: error.message }));
  return created;
}

function createClient(pool: pg.Pool): PrismaClient {
  // Prisma's defaults give up on a transaction that waits 2 s for a pooled connection: at a busy moment
  // that refused a clerk's save, or left a load DWT had just accepted unrecorded ("check needed").
  // Waiting longer is always the better answer for a save or a send's outcome.
  return new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}

const globalForPrisma = globalThis as unknown as { weighbookPrisma?: PrismaClient; weighbookPool?: pg.Pool };

function pool(): pg.Pool {
  globalForPrisma.weighbookPool ??= createPool();
  return globalForPrisma.weighbookPool;
}

/** Lazily created so that importing a module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.weighbookPrisma ??= createClient(pool());
  return globalForPrisma.weighbookPrisma;
}

/** Closes the database connections; the next db() opens them again (from DATABASE_URL as it is then). */
export async function disconnectDb(): Promise<void> {
  const { weighbookPrisma: client, weighbookPool: open } = globalForPrisma;
  delete globalForPrisma.weighbookPrisma;
  delete globalForPrisma.weighbookPool;
  await client?.$disconnect();
  await open?.end();
}

/**
 * One statement straight on Prisma's own connection pool, committed by itself: for the delivery
 * worker's per-send statements, where Prisma's handling of a raw query (about 40 kB of short-lived
 * objects each) set a worker's memory at the send-rate cap (docs/decisions/dwt-requests-over-node-http.md).
 * Rows come as node-postgres reads them (json parsed, int4 as numbers, bigint as text).
 */
export async function queryRows<T>(statement: Prisma.Sql): Promise<T[]> {
  return (await pool().query<T & pg.QueryResultRow>(statement.text, statement.values)).rows;
}

/** A transaction client, for services that write a change and its audit entry together. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** A unique constraint refused the write (Prisma's P2002): the service says which answer is taken. */
export function isUniqueViolation(error: unknown): boolean {
  // A statement run by queryRows fails with node-postgres's own error and PostgreSQL's code.
  if (error instanceof pg.DatabaseError) return error.code === '23505';
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
