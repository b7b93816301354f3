import 'server-only';
// Backups, the settings an admin chooses (time, folder, days kept) and when the nightly one is due;
// whether the database is the embedded one Weighbook backs up itself.
import { realpathSync } from 'node:fs';
import { mkdir, statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { recordAudit } from '@/lib/audit/service';
import { assertCan, auditActorId, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { decodeSecretsKey, env } from '@/lib/env';
import { ValidationError, zodFieldErrors } from '@/lib/errors';
import { ukCalendarDate } from '@/lib/deadline';
import { addDays } from '@/lib/deadline/calendar-date';
import { ukLocalToInstant } from '@/lib/time/uk-time';
import { backupSettingsSchema, DEFAULT_BACKUP_TIME, DEFAULT_KEEP_DAYS, type BackupSettings, type BackupSettingsInput, type FolderCheck } from './schema';
import { configureWalArchiving } from './wal-archive';

const SETTINGS_KEY = 'backup';

// ---- Settings ----

export function defaultBackupFolder(): string {
  return path.join(path.resolve(env().WEIGHBOOK_DATA_DIR), 'backups');
}

export async function readSettings(): Promise<BackupSettings> {
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

export async function withPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
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
