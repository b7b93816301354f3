// Light periodic tasks inside the web app's process (started from instrumentation.ts): hourly, the
// anonymisation of sent loads past the retention setting. Several app instances may run it: a
// transaction-scoped Postgres advisory lock lets one of them work and the others skip that round.
import 'server-only';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { anonymiseExpiredLoads } from './service';

const HOUR_MS = 60 * 60_000;
/** Any constant shared by every instance; distinct from lib/postgres/migrate.ts's. */
const RETENTION_LOCK_KEY = 7_301_122_090;

const g = globalThis as unknown as { weighbookPeriodic?: NodeJS.Timeout };

/** One round, unless another instance holds the lock. True when this instance ran it. */
export async function runRetentionRound(now = new Date()): Promise<boolean> {
  return db().$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}::bigint) AS locked`;
      if (!row?.locked) return false;
      await anonymiseExpiredLoads({ now });
      return true;
    },
    { timeout: 15 * 60_000, maxWait: 10_000 },
  );
}

export function startPeriodicTasks(): void {
  if (g.weighbookPeriodic) return;
  const round = () => void runRetentionRound().catch((error: unknown) => logger.error('retention round failed', { error }));
  setTimeout(round, 60_000).unref();
  g.weighbookPeriodic = setInterval(round, HOUR_MS);
  g.weighbookPeriodic.unref();
}
