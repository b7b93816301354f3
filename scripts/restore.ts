// `npm run restore <file> [-- --replace] [--wal <folder>] [--until "2026-12-01 14:30"]`
// Restores a backup as this installation's embedded database. Refuses while Weighbook runs from this data
// folder, and refuses to replace an existing database without --replace (which keeps the old one aside,
// as postgres.before-restore-<time>, rather than deleting it). A damaged, incomplete or wrongly keyed
// file is refused before anything is touched. --wal <folder> also replays the archived WAL there (the
// backup folder's wal/), to the end or to --until (UK time): a dead disk loses minutes, not a day.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { BackupFileError, checkBackupFile } from '../lib/backup/backup-file';
import { extractBackup, finishRestore, startRestored } from '../lib/backup/base-backup';
import { compareFingerprints, takeFingerprint } from '../lib/backup/fingerprint';
import { decodeSecretsKey, env } from '../lib/env';
import { lockDataDir } from '../lib/postgres/data-dir-lock';
import { ukLocalToInstant } from '../lib/time/uk-time';
import { runningLauncher } from './local-database';

const root = path.resolve(import.meta.dirname, '..');
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !['--wal', '--until'].includes(all[i - 1] ?? ''));
  if (!file) fail('Usage: npm run restore <backup file> [-- --replace] [--wal <backup folder>/wal] [--until "YYYY-MM-DD HH:MM"]');
  const replace = process.argv.includes('--replace');
  const wal = arg('--wal');
  const untilText = arg('--until');
  const until = untilText ? ukLocalToInstant(untilText.replace(' ', 'T')) : undefined;
  if (untilText && !until) fail(`--until ${untilText}: give a UK time as "YYYY-MM-DD HH:MM".`);
  if (until && !wal) fail('--until needs --wal <folder>: the archived WAL holds the changes after the backup.');
  const e = env();
  if (e.DATABASE_URL) fail('Weighbook uses the database in DATABASE_URL: restore it with that database’s own tools.');
  const key = e.WEIGHBOOK_BACKUP_KEY ? decodeSecretsKey(e.WEIGHBOOK_BACKUP_KEY) : undefined;
  const backup = path.resolve(file!);

  // The file first: nothing is touched for a file that cannot be used.
  try {
    const info = await checkBackupFile(backup);
    if (info.encrypted && !key) fail('This backup is encrypted: set WEIGHBOOK_BACKUP_KEY to the key it was made with.');
  } catch (error) {
    if (error instanceof BackupFileError) fail(error.message);
    throw error;
  }

  const dataDir = path.resolve(root, e.WEIGHBOOK_DATA_DIR);
  const target = path.join(dataDir, 'postgres');
  const running = runningLauncher(dataDir);
  if (running) fail(`Weighbook is running from ${dataDir} (process ${running}): stop it first, then restore.`);
  if (existsSync(path.join(target, 'PG_VERSION')) && !replace) {
    fail(
      `There is already a database in ${target}.\n` +
        'Restoring replaces it with the backup. If that is what you want, run again with --replace:\n' +
        `  npm run restore "${file}" -- --replace\n` +
        'The current database is then kept aside (not deleted) as postgres.before-restore-<time>.',
    );
  }
  const passwordFile = path.join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) fail(`${passwordFile} is missing: run npm start once on this PC first (it creates the data folder), stop it, then restore.`);
  const password = (await import('node:fs')).readFileSync(passwordFile, 'utf8').trim();

  const unlock = await lockDataDir(dataDir);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const staging = path.join(dataDir, `postgres.restoring-${stamp}`);
  try {
    process.stdout.write(`Unpacking ${backup}…\n`);
    const manifest = await extractBackup({ file: backup, key, targetDir: staging, walArchive: wal ? path.resolve(wal) : undefined, until: until ?? undefined });
    process.stdout.write(`Starting the restored database (recovery${wal ? ' with the archived WAL' : ''})…\n`);
    const { handle } = await startRestored(staging, password);
    try {
      await finishRestore(handle.url('postgres'), staging, password);
      const c = new pg.Client({ connectionString: handle.url(manifest.database) });
      await c.connect();
      try {
        const restored = await takeFingerprint(c);
        const loads = restored.rowCounts.load ?? 0;
        if (!wal && manifest.fingerprint) {
          const differences = compareFingerprints(manifest.fingerprint, restored);
          if (differences.length > 0) throw new Error(`The restored database differs from the backup: ${differences.join('; ')}`);
          process.stdout.write(`Checked: row counts and the loads checksum match the backup (${loads} loads).\n`);
        } else process.stdout.write(`Restored with the archived WAL: ${loads} loads.\n`);
      } finally {
        await c.end();
      }
    } finally {
      await handle.stop();
    }
    if (existsSync(target)) {
      const aside = path.join(dataDir, `postgres.before-restore-${stamp}`);
      await rename(target, aside);
      process.stdout.write(`The database that was there is kept in ${aside}.\n`);
    }
    await rename(staging, target);
    process.stdout.write(`Restored from a backup of ${manifest.createdAt}. Start Weighbook with: npm start\n`);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof BackupFileError) fail(error.message);
    throw error;
  } finally {
    await unlock();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`Restore failed, nothing was replaced: ${(error as Error).message}\n`);
    process.exit(1);
  });
