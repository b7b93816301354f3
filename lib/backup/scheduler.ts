// The nightly backup inside the web app's process (started by instrumentation.ts). Every app process
// may run this loop; only the one that takes the Postgres advisory lock (lib/backup/service.ts) works,
// and it checks again under the lock whether tonight's backup is already done, so it runs once.
import 'server-only';
import { systemActor } from '@/lib/auth/actor';
import { logger } from '@/lib/logger';
import { ensureWalArchiving, runScheduledBackupIfDue } from './service';

const MINUTE_MS = 60_000;
const g = globalThis as unknown as { weighbookBackupScheduler?: NodeJS.Timeout };

export function startBackupScheduler(): void {
  if (g.weighbookBackupScheduler) return;
  void ensureWalArchiving().catch((error: unknown) => logger.warn('WAL archiving could not be configured', { error }));
  let busy = false;
  const round = () => {
    if (busy) return;
    busy = true;
    void runScheduledBackupIfDue({ actor: systemActor() })
      .catch((error: unknown) => logger.error('scheduled backup round failed', { error }))
      .finally(() => {
        busy = false;
      });
  };
  g.weighbookBackupScheduler = setInterval(round, MINUTE_MS);
  g.weighbookBackupScheduler.unref();
}
