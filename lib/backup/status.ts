import 'server-only';
// Backups, as the pages show them: the admin page's status (or, with DATABASE_URL, what the app can see
// of someone else's database) and the home page's warnings.
import { assertCan, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { STALE_AFTER_HOURS, type BackupRunView, type BackupStatusView, type BackupWarning, type FolderCheck } from './schema';
import { archiverState } from './wal-archive';
import { runView } from './runs';
import { backupKey, checkFolder, folderOf, isEmbeddedDatabase, nextDueAt, readSettings, withPg } from './settings';

// ---- What the pages show ----

async function installedAt(): Promise<Date | null> {
  const r = await db().$queryRaw<{ at: Date | null }[]>`SELECT min(finished_at) AS at FROM "_prisma_migrations"`;
  return r[0]?.at ?? null;
}

function warningsFor({
  lastVerified,
  lastRun,
  folder,
  installed,
  now,
}: {
  lastVerified: BackupRunView | null;
  lastRun: BackupRunView | null;
  folder: FolderCheck;
  installed: Date | null;
  now: Date;
}): BackupWarning[] {
  const out: BackupWarning[] = [];
  const staleMs = STALE_AFTER_HOURS * 60 * 60_000;
  const since = lastVerified ? new Date(lastVerified.finishedAt ?? lastVerified.startedAt) : installed;
  if (since && now.getTime() - since.getTime() > staleMs) {
    out.push({
      code: 'no-verified-backup',
      message: lastVerified
        ? `No backup has been made and checked for more than ${STALE_AFTER_HOURS} hours (the last was on ${since.toISOString().slice(0, 10)}).`
        : `No backup has been made and checked since Weighbook was installed.`,
    });
  }
  if (!folder.reachable) out.push({ code: 'folder-unreachable', message: folder.problem ?? `The backup folder ${folder.path} cannot be reached.` });
  else if (folder.freeBytes !== undefined && folder.totalBytes) {
    const need = Math.max(2 * (lastRun?.sizeBytes ?? 0), 64 * 1024 * 1024);
    if (folder.freeBytes < need || folder.freeBytes / folder.totalBytes < 0.05) {
      out.push({
        code: 'folder-nearly-full',
        message: `The backup folder ${folder.path} is nearly full (${Math.round(folder.freeBytes / 1024 / 1024)} MB free).`,
      });
    }
  }
  if (lastRun && lastRun.status === 'failed')
    out.push({ code: 'last-backup-failed', message: `The last backup failed: ${lastRun.error ?? 'no reason recorded'}` });
  else if (lastRun && lastRun.verified === false)
    out.push({ code: 'last-backup-failed', message: `The last backup did not restore cleanly: ${lastRun.verifySummary}` });
  return out;
}

async function recentRuns(take: number): Promise<BackupRunView[]> {
  return (await db().backupRun.findMany({ orderBy: { startedAt: 'desc' }, take })).map(runView);
}

/** The home page's warning: empty when all is well (and always with DATABASE_URL: not ours to watch). */
export async function getBackupWarnings({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BackupWarning[]> {
  assertCan(actor, 'backups.view');
  if (!(await isEmbeddedDatabase())) return [];
  const settings = await readSettings();
  const [runs, lastVerifiedRow, folder, installed] = await Promise.all([
    recentRuns(1),
    db().backupRun.findFirst({ where: { verified: true }, orderBy: { startedAt: 'desc' } }),
    checkFolder(folderOf(settings)),
    installedAt(),
  ]);
  return warningsFor({ lastVerified: lastVerifiedRow ? runView(lastVerifiedRow) : null, lastRun: runs[0] ?? null, folder, installed, now });
}

export async function getBackupStatus({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BackupStatusView> {
  assertCan(actor, 'backups.manage');
  const settings = await readSettings();
  const embedded = await isEmbeddedDatabase();
  const wal: BackupStatusView['wal'] = await withPg(archiverState).then(
    (s) => ({
      archiving: s.archiving,
      lastArchivedAt: s.lastArchivedAt?.toISOString() ?? null,
      failedCount: s.failedCount,
      lastFailedAt: s.lastFailedAt?.toISOString() ?? null,
    }),
    (error: unknown) => ({
      archiving: false,
      lastArchivedAt: null,
      failedCount: 0,
      lastFailedAt: null,
      problem: `Cannot be read with this database user (${(error as Error).message})`,
    }),
  );
  if (!embedded) {
    const checks: string[] = [];
    const info = await withPg(async (c) => {
      const r = await c.query<{ v: string; size: string; su: boolean }>(
        `SELECT current_setting('server_version') AS v, pg_size_pretty(pg_database_size(current_database())) AS size,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`,
      );
      return r.rows[0]!;
    }).catch(() => undefined);
    if (info) checks.push(`PostgreSQL ${info.v}; this database holds ${info.size}.`);
    if (wal.problem) checks.push(`WAL archiving: ${wal.problem}.`);
    else {
      checks.push(
        wal.archiving ? 'WAL archiving is on (archive_mode).' : 'WAL archiving is off (archive_mode): point-in-time recovery is not possible on this server.',
      );
      checks.push(
        wal.lastArchivedAt ? `Last WAL file archived: ${wal.lastArchivedAt}.` : 'No WAL file has been archived since the server’s statistics were reset.',
      );
      if (wal.failedCount > 0) checks.push(`WAL archiving has failed ${wal.failedCount} times (last at ${wal.lastFailedAt}).`);
    }
    return {
      mode: 'external',
      settings,
      folder: null,
      encrypted: Boolean(backupKey()),
      lastRun: null,
      lastVerified: null,
      nextRunAt: null,
      recentRuns: [],
      wal,
      externalChecks: checks,
      warnings: [],
    };
  }
  const [runs, lastVerifiedRow, folder, installed] = await Promise.all([
    recentRuns(10),
    db().backupRun.findFirst({ where: { verified: true }, orderBy: { startedAt: 'desc' } }),
    checkFolder(folderOf(settings)),
    installedAt(),
  ]);
  const lastVerified = lastVerifiedRow ? runView(lastVerifiedRow) : null;
  return {
    mode: 'embedded',
    settings,
    folder,
    encrypted: Boolean(backupKey()),
    lastRun: runs[0] ?? null,
    lastVerified,
    nextRunAt: nextDueAt(settings.time, now).toISOString(),
    recentRuns: runs,
    wal,
    externalChecks: [],
    warnings: warningsFor({ lastVerified, lastRun: runs[0] ?? null, folder, installed, now }),
  };
}
