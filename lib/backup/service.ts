import 'server-only';
// Backups of the embedded database: the settings an admin chooses (time, folder, days kept), taking a
// backup and proving it restores, keeping the folder tidy, and what the admin page and the home page's
// warning show. With DATABASE_URL the database is someone else's to back up: the page says so and
// shows what the app can see (archive_mode, the archiver's last success and failures).
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, readdir, rm, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { recordAudit } from '@/lib/audit/service';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { decodeSecretsKey, env } from '@/lib/env';
import { ConflictError, ValidationError, zodFieldErrors } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { ukCalendarDate } from '@/lib/deadline';
import { addDays } from '@/lib/deadline/calendar-date';
import { ukLocalToInstant } from '@/lib/time/uk-time';
import { takeBaseBackup, verifyBackup } from './base-backup';
import {
  backupSettingsSchema,
  DEFAULT_BACKUP_TIME,
  DEFAULT_KEEP_DAYS,
  STALE_AFTER_HOURS,
  type BackupRunView,
  type BackupSettings,
  type BackupSettingsInput,
  type BackupStatusView,
  type BackupTrigger,
  type BackupWarning,
  type FolderCheck,
} from './schema';
import { archiverState, configureWalArchiving, walFolderOf } from './wal-archive';

const SETTINGS_KEY = 'backup';
/** Any constant shared by every Weighbook process: one backup at a time, in one process. */
export const BACKUP_LOCK_KEY = 7_301_201_150;
export const BACKUP_FILE_PATTERN = /^weighbook-\d{8}T\d{6}Z(-[a-z-]+)?\.wbk$/;

const log = logger.child({ area: 'backup' });

// ---- Settings ----

export function defaultBackupFolder(): string {
  return path.join(path.resolve(env().WEIGHBOOK_DATA_DIR), 'backups');
}

async function readSettings(): Promise<BackupSettings> {
  const row = await db().appSetting.findUnique({ where: { key: SETTINGS_KEY } });
  const parsed = backupSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { time: DEFAULT_BACKUP_TIME, folder: '', keepDays: DEFAULT_KEEP_DAYS };
}

export const folderOf = (s: BackupSettings) => (s.folder ? path.resolve(s.folder) : defaultBackupFolder());

/** The key backups are encrypted with, when WEIGHBOOK_BACKUP_KEY is set. */
export function backupKey(): Buffer | undefined {
  const v = env().WEIGHBOOK_BACKUP_KEY;
  return v ? decodeSecretsKey(v) : undefined;
}

function parseSettings(input: BackupSettingsInput): BackupSettings {
  const parsed = backupSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(zodFieldErrors(parsed.error));
}

async function withPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: env().DATABASE_URL, application_name: 'weighbook-backup' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

let embeddedCache: { url: string | undefined; dataDir: string; value: Promise<boolean> } | undefined;

/** Whether the database is the embedded one in WEIGHBOOK_DATA_DIR (so Weighbook backs it up itself). */
export function isEmbeddedDatabase(): Promise<boolean> {
  const url = env().DATABASE_URL;
  const dataDir = path.resolve(env().WEIGHBOOK_DATA_DIR, 'postgres');
  if (embeddedCache && embeddedCache.url === url && embeddedCache.dataDir === dataDir) return embeddedCache.value;
  const value = withPg(async (c) => {
    const r = await c.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`);
    const real = (p: string) => {
      try {
        return realpathSync(p);
      } catch {
        return path.resolve(p);
      }
    };
    return real(r.rows[0]!.d) === real(dataDir);
  }).catch(() => false);
  embeddedCache = { url, dataDir, value };
  return value;
}

/** Checks the folder can be written, and how much room it has. */
export async function checkFolder(folder: string): Promise<FolderCheck> {
  const check: FolderCheck = { path: folder, reachable: false, isDefault: folder === defaultBackupFolder() };
  try {
    await mkdir(folder, { recursive: true });
    const probe = path.join(folder, `.weighbook-probe-${process.pid}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
    check.reachable = true;
  } catch (error) {
    check.problem = `The backup folder ${folder} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the disk or share is connected.`;
    return check;
  }
  try {
    const s = await statfs(folder);
    check.freeBytes = s.bavail * s.bsize;
    check.totalBytes = s.blocks * s.bsize;
  } catch {
    // not reported by this file system
  }
  return check;
}

export async function saveBackupSettings({ actor, input }: { actor: Actor; input: BackupSettingsInput }): Promise<BackupSettings> {
  assertCan(actor, 'backups.manage');
  const values = parseSettings(input);
  const folder = folderOf(values);
  const check = await checkFolder(folder);
  if (!check.reachable) throw new ValidationError({ folder: [check.problem!] });
  const saved = await db().$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: SETTINGS_KEY } });
    const from = backupSettingsSchema.safeParse(before?.value ?? {});
    await tx.appSetting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: values, updatedById: auditActorId(actor) },
      update: { value: values, updatedById: auditActorId(actor) },
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of ['time', 'folder', 'keepDays'] as const) {
      const a = from.success ? from.data[k] : undefined;
      if (a !== values[k]) changes[k] = { from: a ?? null, to: values[k] };
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorId: auditActorId(actor), action: 'settings.update', entityType: 'setting', entityId: SETTINGS_KEY, changes });
    }
    return values;
  });
  if (await isEmbeddedDatabase()) await withPg((c) => configureWalArchiving(c, folder));
  return saved;
}

// ---- Schedule ----

/** The latest time the nightly backup was due at or before `now` (UK time). */
export function lastDueAt(time: string, now: Date): Date {
  const today = ukCalendarDate(now);
  const at = ukLocalToInstant(`${today}T${time}`)!;
  return at <= now ? at : ukLocalToInstant(`${addDays(today, -1)}T${time}`)!;
}

export function nextDueAt(time: string, now: Date): Date {
  const today = ukCalendarDate(now);
  const at = ukLocalToInstant(`${today}T${time}`)!;
  return at > now ? at : ukLocalToInstant(`${addDays(today, 1)}T${time}`)!;
}

// ---- Runs ----

type RunRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['backupRun']['findFirst']>>>;

function runView(r: RunRow): BackupRunView {
  return {
    id: r.id,
    trigger: r.trigger as BackupTrigger,
    status: r.status as BackupRunView['status'],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    folder: r.folder,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
    encrypted: r.encrypted,
    verified: r.verified,
    verifySummary: r.verifySummary,
    error: r.error,
  };
}

export function backupFileName(at: Date, suffix = ''): string {
  return `weighbook-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}${suffix}.wbk`;
}

/** One backup at a time across every process: a session-level advisory lock on its own connection. */
async function withBackupLock<T>(fn: () => Promise<T>): Promise<T | undefined> {
  const c = new pg.Client({ connectionString: env().DATABASE_URL, application_name: 'weighbook-backup-lock' });
  await c.connect();
  try {
    const got = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [BACKUP_LOCK_KEY]);
    if (!got.rows[0]?.ok) return undefined;
    try {
      return await fn();
    } finally {
      await c.query('SELECT pg_advisory_unlock($1::bigint)', [BACKUP_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function takeAndVerify(trigger: BackupTrigger, actor: Actor): Promise<BackupRunView> {
  const settings = await readSettings();
  const folder = folderOf(settings);
  const key = backupKey();
  const now = new Date();
  const id = randomUUID();
  const fileName = backupFileName(now);
  await db().backupRun.create({
    data: { id, trigger, status: 'running', startedAt: now, folder, fileName, encrypted: Boolean(key), startedById: auditActorId(actor) },
  });
  try {
    const check = await checkFolder(folder);
    if (!check.reachable) throw new Error(check.problem);
    const taken = await takeBaseBackup({ connectionString: env().DATABASE_URL!, file: path.join(folder, fileName), key });
    await db().backupRun.update({ where: { id }, data: { status: 'succeeded', finishedAt: new Date(), sizeBytes: BigInt(taken.size) } });
    log.info('backup written', { file: taken.file, bytes: taken.size });
  } catch (error) {
    const message = (error as Error).message || String(error);
    log.error('backup failed', { error });
    return runView(await db().backupRun.update({ where: { id }, data: { status: 'failed', finishedAt: new Date(), error: message.slice(0, 2000) } }));
  }
  // Proof that it restores: into a scratch server beside the database (same disk: room for it).
  let verified: { ok: boolean; summary: string };
  try {
    verified = await verifyBackup({ file: path.join(folder, fileName), key, scratchDir: path.join(path.resolve(env().WEIGHBOOK_DATA_DIR), 'backup-scratch') });
  } catch (error) {
    verified = { ok: false, summary: `The backup could not be restored: ${(error as Error).message}`.slice(0, 2000) };
  }
  const row = await db().backupRun.update({ where: { id }, data: { verified: verified.ok, verifiedAt: new Date(), verifySummary: verified.summary } });
  if (!verified.ok) log.error('backup did not verify', { file: fileName, summary: verified.summary });
  await pruneFolder(folder, settings.keepDays, fileName).catch((error: unknown) => log.warn('could not tidy the backup folder', { error }));
  return runView(row);
}

/**
 * Removes backups older than the days kept (never the newest verified one, nor the one just made),
 * unfinished files left by a killed backup, and archived WAL older than the oldest backup kept.
 */
export async function pruneFolder(folder: string, keepDays: number, keep: string, now = new Date()): Promise<string[]> {
  const cutoff = now.getTime() - keepDays * 24 * 60 * 60_000;
  const verifiedNewest = await db().backupRun.findFirst({ where: { folder, verified: true }, orderBy: { startedAt: 'desc' } });
  const removed: string[] = [];
  const names = await readdir(folder);
  let oldestKept = Infinity;
  for (const n of names) {
    const abs = path.join(folder, n);
    const s = await stat(abs).catch(() => undefined);
    if (!s?.isFile()) continue;
    if (n.endsWith('.partial') && s.mtimeMs < now.getTime() - 24 * 60 * 60_000) {
      await rm(abs, { force: true });
      removed.push(n);
      continue;
    }
    if (!BACKUP_FILE_PATTERN.test(n)) continue;
    if (s.mtimeMs < cutoff && n !== keep && n !== verifiedNewest?.fileName) {
      await rm(abs, { force: true });
      removed.push(n);
    } else oldestKept = Math.min(oldestKept, s.mtimeMs);
  }
  const walFolder = walFolderOf(folder);
  if (Number.isFinite(oldestKept)) {
    for (const n of await readdir(walFolder).catch(() => [] as string[])) {
      const s = await stat(path.join(walFolder, n)).catch(() => undefined);
      // An hour's margin: the oldest backup needs the WAL from its own start on.
      if (s?.isFile() && /^[0-9A-F]{24}/.test(n) && s.mtimeMs < oldestKept - 60 * 60_000) await rm(path.join(walFolder, n), { force: true });
    }
  }
  return removed;
}

/** Takes a backup now and checks it restores. Refused when one is already running. */
export async function runBackup({ actor, input }: { actor: Actor; input: { trigger: BackupTrigger } }): Promise<BackupRunView> {
  assertCan(actor, 'backups.manage');
  if (!(await isEmbeddedDatabase())) {
    throw new ConflictError('This database is not the embedded one (DATABASE_URL is set): its backups are the database operator’s job.');
  }
  const result = await withBackupLock(async () => {
    if (input.trigger === 'manual') {
      await db().$transaction((tx) =>
        recordAudit(tx, { actorId: auditActorId(actor), action: 'backup.start', entityType: 'backup', entityId: 'manual', changes: {} }),
      );
    }
    return takeAndVerify(input.trigger, actor);
  });
  if (!result) throw new ConflictError('A backup is already running. Wait for it to finish.');
  return result;
}

/** Starts a backup in the background (the admin page's button); the page shows its progress. */
export async function startBackup({ actor }: { actor: Actor }): Promise<{ started: true }> {
  assertCan(actor, 'backups.manage');
  if (!(await isEmbeddedDatabase())) {
    throw new ConflictError('This database is not the embedded one (DATABASE_URL is set): its backups are the database operator’s job.');
  }
  const running = await db().backupRun.findFirst({ where: { status: 'running', startedAt: { gt: new Date(Date.now() - 6 * 60 * 60_000) } } });
  if (running) throw new ConflictError('A backup is already running. Wait for it to finish.');
  void runBackup({ actor, input: { trigger: 'manual' } }).catch((error: unknown) => log.error('manual backup failed', { error }));
  return { started: true };
}

/** The scheduler's round: the nightly backup when due and not yet taken (in whichever process holds the lock). */
export async function runScheduledBackupIfDue({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BackupRunView | null> {
  assertCan(actor, 'backups.manage');
  if (!(await isEmbeddedDatabase())) return null;
  const result = await withBackupLock(async () => {
    const settings = await readSettings();
    const due = lastDueAt(settings.time, now);
    const done = await db().backupRun.findFirst({ where: { trigger: 'schedule', startedAt: { gte: due } } });
    if (done) return null;
    return takeAndVerify('schedule', actor);
  });
  return result ?? null;
}

/** At start: archiving pointed at the chosen folder (the folder may have changed while stopped). */
export async function ensureWalArchiving(): Promise<void> {
  if (!(await isEmbeddedDatabase())) return;
  const folder = folderOf(await readSettings());
  await withPg((c) => configureWalArchiving(c, folder));
}

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
