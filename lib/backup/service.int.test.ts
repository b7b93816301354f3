// The backup service on a real embedded PostgreSQL living in its own data folder (as `npm start` runs
// it): the nightly round runs once however many processes try, and its backup is checked by restoring
// it; settings are audited and point WAL archiving at the folder; the home page's warning appears when
// backups stop, when the folder is gone or nearly full; each wrong role is refused.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLoads } from '../../bench/support/seed-loads';
import { freePort } from '../../test/free-port';
import type { Actor } from '../auth/actor';
import { resetEnvCache } from '../env';
import { ForbiddenError, ValidationError } from '../errors';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../postgres/embedded';
import { migrate } from '../postgres/migrate';

const root = path.resolve(import.meta.dirname, '..', '..');
let dir = '';
let server: EmbeddedPostgresHandle;
let url = '';
let service: typeof import('./service');
let prisma: typeof import('../db');

const actor = (roles: Actor['roles']): Actor => ({ id: randomUUID(), email: 'a@b.c', name: 'T', roles, siteIds: [] });
const admin = actor(['ADMIN']);
const manager = actor(['MANAGER']);
const clerk = actor(['CLERK']);

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'weighbook-backup-svc-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), password: 'svc', extraFlags: ['-c', 'archive_mode=on'] });
  await server.createDatabase('weighbook');
  url = server.url('weighbook');
  await migrate(url, path.join(root, 'prisma', 'migrations'));
  const site = randomUUID();
  await sql(`INSERT INTO site (id, name, updated_at) VALUES ($1, 'Svc Site', now())`, [site]);
  await seedLoads(url, { loads: 200, sites: [site] });
  // This file's app is the embedded one of `dir` (the shared integration database is left alone).
  process.env.DATABASE_URL = url;
  process.env.WEIGHBOOK_DATA_DIR = dir;
  resetEnvCache();
  service = await import('./service');
  prisma = await import('../db');
}, 120_000);

afterAll(async () => {
  await prisma?.disconnectDb();
  await server?.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup service', () => {
  it('refuses each wrong role', async () => {
    await expect(service.getBackupStatus({ actor: manager })).rejects.toThrow(ForbiddenError);
    await expect(service.saveBackupSettings({ actor: manager, input: { time: '01:00', folder: '', keepDays: 3 } })).rejects.toThrow(ForbiddenError);
    await expect(service.runBackup({ actor: manager, input: { trigger: 'manual' } })).rejects.toThrow(ForbiddenError);
    await expect(service.startBackup({ actor: clerk })).rejects.toThrow(ForbiddenError);
    await expect(service.getBackupWarnings({ actor: clerk })).rejects.toThrow(ForbiddenError);
    await expect(service.getBackupWarnings({ actor: manager })).resolves.toBeInstanceOf(Array);
  });

  it('saves settings with an audit entry, points WAL archiving at the folder, refuses a folder it cannot write', async () => {
    expect(await service.isEmbeddedDatabase()).toBe(true);
    const folder = path.join(dir, 'usb-drive');
    await service.saveBackupSettings({ actor: admin, input: { time: '02:30', folder, keepDays: '7' } });
    const audit = await sql<{ changes: Record<string, { to: unknown }> }>(`SELECT changes FROM audit_entry WHERE entity_id = 'backup' AND actor_id = $1`, [
      admin.id,
    ]);
    expect(audit[0]?.changes.folder?.to).toBe(folder);
    expect(audit[0]?.changes.keepDays?.to).toBe(7);
    const cmd = await sql<{ c: string }>(`SELECT current_setting('archive_command') AS c`);
    expect(cmd[0]!.c).toContain(path.join(folder, 'wal'));

    await writeFile(path.join(dir, 'a-file'), 'not a folder');
    const refused = service.saveBackupSettings({ actor: admin, input: { time: '02:30', folder: path.join(dir, 'a-file', 'inside'), keepDays: 7 } });
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(service.saveBackupSettings({ actor: admin, input: { time: '25:00', folder: 'relative/path', keepDays: 0 } })).rejects.toMatchObject({
      fieldErrors: {
        time: [expect.stringMatching(/HH:MM/)],
        folder: [expect.stringMatching(/full path/)],
        keepDays: [expect.stringMatching(/at least 1 day/)],
      },
    });
  });

  it('the nightly round runs once across processes, and its backup is restored and matched', async () => {
    const dueNow = service.lastDueAt('02:30', new Date());
    const after = new Date(dueNow.getTime() + 60_000);
    // Two processes' rounds at once: one takes the lock and works, the other skips.
    const [a, b] = await Promise.all([
      service.runScheduledBackupIfDue({ actor: admin, now: after }),
      service.runScheduledBackupIfDue({ actor: admin, now: after }),
    ]);
    const runs = [a, b].filter((r) => r !== null);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'succeeded', verified: true });
    expect(runs[0]!.verifySummary).toMatch(/rows and the loads checksum match/);
    // Done for tonight: a later round does nothing.
    expect(await service.runScheduledBackupIfDue({ actor: admin, now: new Date(after.getTime() + 5 * 60_000) })).toBeNull();
    const files = await readdir(path.join(dir, 'usb-drive'));
    expect(files.filter((f) => service.BACKUP_FILE_PATTERN.test(f))).toHaveLength(1);

    const status = await service.getBackupStatus({ actor: admin });
    expect(status.mode).toBe('embedded');
    expect(status.lastVerified?.id).toBe(runs[0]!.id);
    expect(status.lastRun?.sizeBytes).toBeGreaterThan(0);
    expect(new Date(status.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    expect(status.warnings).toEqual([]);
  }, 180_000);

  it('the home page warning appears when backups stop, and when the folder is gone or nearly full', async () => {
    expect(await service.getBackupWarnings({ actor: manager })).toEqual([]);
    const in49Hours = new Date(Date.now() + 49 * 60 * 60_000);
    expect((await service.getBackupWarnings({ actor: manager, now: in49Hours })).map((w) => w.code)).toContain('no-verified-backup');

    // The USB drive is unplugged (the folder is now a file).
    const gone = path.join(dir, 'unplugged');
    await writeFile(gone, '');
    await prisma.db().appSetting.update({ where: { key: 'backup' }, data: { value: { time: '02:30', folder: path.join(gone, 'weighbook'), keepDays: 7 } } });
    const warnings = await service.getBackupWarnings({ actor: admin });
    expect(warnings.map((w) => w.code)).toContain('folder-unreachable');
    expect(warnings.find((w) => w.code === 'folder-unreachable')!.message).toMatch(/cannot be written/);

    // A folder with less room than two backups' worth.
    await prisma.db().backupRun.updateMany({ data: { sizeBytes: BigInt(Number.MAX_SAFE_INTEGER) } });
    await prisma.db().appSetting.update({ where: { key: 'backup' }, data: { value: { time: '02:30', folder: path.join(dir, 'usb-drive'), keepDays: 7 } } });
    expect((await service.getBackupWarnings({ actor: admin })).map((w) => w.code)).toContain('folder-nearly-full');
  });

  it('keeps backups for the days set, never the newest checked one, and clears unfinished files', async () => {
    const folder = path.join(dir, 'usb-drive');
    const old = path.join(folder, 'weighbook-20200101T010000Z.wbk');
    const partial = path.join(folder, '.weighbook-20200101T020000Z.wbk.partial');
    await writeFile(old, 'old');
    await writeFile(partial, 'half');
    const { utimes } = await import('node:fs/promises');
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await utimes(old, longAgo, longAgo);
    await utimes(partial, longAgo, longAgo);
    const removed = await service.pruneFolder(folder, 7, 'none');
    expect(removed.sort()).toEqual([path.basename(partial), path.basename(old)].sort());
    // The newest checked backup stays even when older than the days kept.
    const kept = await service.pruneFolder(folder, 7, 'none', new Date(Date.now() + 30 * 24 * 60 * 60_000));
    expect(kept).toEqual([]);
  });
});
