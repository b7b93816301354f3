// Safe upgrades (scripts/start.ts): before new migrations are applied to the embedded database, a backup
// of it as it is; each migration runs in one transaction (lib/postgres/migrate.ts), so a failed one
// leaves the database as it was before that migration, and the message says how to go all the way back.
// Plain pg, no Prisma: it runs before the schema the generated client expects exists.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate, type MigrateResult } from '@/lib/postgres/migrate';
import { takeBaseBackup } from './base-backup';

export interface UpgradeOptions {
  /** The embedded database (Weighbook backs it up); false with DATABASE_URL. */
  embedded: boolean;
  dataDir: string;
  /** WEIGHBOOK_BACKUP_KEY, decoded. */
  key?: Buffer;
  say?: (line: string) => void;
}

async function tableExists(c: pg.Client, name: string): Promise<boolean> {
  return (await c.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [`public.${name}`])).rows[0]?.e === true;
}

async function appliedNames(c: pg.Client): Promise<Set<string> | null> {
  if (!(await tableExists(c, '_prisma_migrations'))) return null;
  const r = await c.query<{ n: string }>(`SELECT migration_name AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  return new Set(r.rows.map((x) => x.n));
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Backs up (when there is something to upgrade), then migrates; a failure names the way back. */
export async function migrateWithBackup(databaseUrl: string, migrationsDir: string, opts: UpgradeOptions): Promise<MigrateResult & { backupFile?: string }> {
  const say = opts.say ?? (() => undefined);
  let backupFile: string | undefined;
  let appliedBefore: Set<string> | null = null;
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    appliedBefore = await appliedNames(c);
    const all = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const pending = appliedBefore ? all.filter((n) => !appliedBefore!.has(n)) : [];
    if (opts.embedded && appliedBefore && appliedBefore.size > 0 && pending.length > 0) {
      let folder = path.join(opts.dataDir, 'backups');
      if (await tableExists(c, 'app_setting')) {
        const r = await c.query<{ folder: string | null }>(`SELECT value->>'folder' AS folder FROM app_setting WHERE key = 'backup'`);
        if (r.rows[0]?.folder) folder = path.resolve(r.rows[0].folder);
      }
      const startedAt = new Date();
      const file = path.join(folder, `weighbook-${stamp(startedAt)}-before-upgrade.wbk`);
      say(`Backing up the database before applying ${pending.length} new migration(s)…`);
      const taken = await takeBaseBackup({ connectionString: databaseUrl, file, key: opts.key });
      backupFile = taken.file;
      say(`  Backup before the upgrade: ${taken.file}`);
      if (await tableExists(c, 'backup_run')) {
        await c.query(
          `INSERT INTO backup_run (id, trigger, status, started_at, finished_at, folder, file_name, size_bytes, encrypted)
           VALUES (gen_random_uuid(), 'upgrade', 'succeeded', $1, now(), $2, $3, $4, $5)`,
          [startedAt, folder, path.basename(file), taken.size, Boolean(opts.key)],
        );
      }
    }
  } finally {
    await c.end().catch(() => undefined);
  }
  try {
    return { ...(await migrate(databaseUrl, migrationsDir)), backupFile };
  } catch (error) {
    const lines = [(error as Error).message, 'That migration was rolled back: the database is as it was before it.'];
    const after = await (async () => {
      const c2 = new pg.Client({ connectionString: databaseUrl });
      await c2.connect();
      try {
        return await appliedNames(c2);
      } finally {
        await c2.end().catch(() => undefined);
      }
    })().catch(() => null);
    const appliedNow = after && appliedBefore ? [...after].filter((n) => !appliedBefore!.has(n)) : [];
    if (appliedNow.length > 0) lines.push(`Migrations applied before it in this start stay applied: ${appliedNow.join(', ')}.`);
    if (backupFile) {
      lines.push(
        `To go back to the version you had: stop Weighbook, install that version again, then run`,
        `  npm run restore "${backupFile}" -- --replace`,
        `which restores the backup taken just before this upgrade.`,
      );
    } else if (!opts.embedded) {
      lines.push('To go back, restore the backup your database operator took before the upgrade, and install the version you had.');
    }
    throw new Error(lines.join('\n'));
  }
}
