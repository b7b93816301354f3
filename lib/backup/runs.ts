import 'server-only';
// Backups, taken: one at a time across every process, each proved to restore, the folder kept tidy
// (old backups and archived WAL), by the admin's button or the nightly round.
import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { recordAudit } from '@/lib/audit/service';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { ConflictError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { takeBaseBackup, verifyBackup } from './base-backup';
import { type BackupRunView, type BackupTrigger } from './schema';
import { configureWalArchiving, walFolderOf } from './wal-archive';
import { backupKey, checkFolder, folderOf, isEmbeddedDatabase, lastDueAt, readSettings, withPg } from './settings';

/** Any constant shared by every Weighbook process: one backup at a time, in one process. */
export const BACKUP_LOCK_KEY = 7_301_201_150;
export const BACKUP_FILE_PATTERN = /^weighbook-\d{8}T\d{6}Z(-[a-z-]+)?\.wbk$/;

const log = logger.child({ area: 'backup' });

// ---- Runs ----

type RunRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['backupRun']['findFirst']>>>;

export function runView(r: RunRow): BackupRunView {
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
