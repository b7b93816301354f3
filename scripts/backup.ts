// `npm run backup`: a backup of the embedded database now, into the folder chosen on the Backups page
// (default <data folder>/backups), then restored into a scratch database and compared, as the nightly
// one is. Works whether Weighbook is running (it uses the running database) or stopped (it starts the
// database for the time of the backup). With DATABASE_URL, backups are the database operator's job.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openLocalDatabase } from './local-database';

const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  const local = await openLocalDatabase(root);
  if (local.kind === 'external') {
    process.stderr.write(
      'Weighbook uses the database in DATABASE_URL: backing it up is the database operator’s job (pg_dump, pg_basebackup or the\n' +
        'provider’s own backups). The Backups page shows what Weighbook can check of it.\n',
    );
    process.exit(1);
  }
  try {
    const { runBackup } = await import('../lib/backup/service');
    const { systemActor } = await import('../lib/auth/actor');
    process.stdout.write('Backing up…\n');
    const run = await runBackup({ actor: systemActor(), input: { trigger: 'command' } });
    if (run.status !== 'succeeded') {
      process.stderr.write(`The backup failed: ${run.error}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `Backup: ${path.join(run.folder, run.fileName!)} (${((run.sizeBytes ?? 0) / 1024 / 1024).toFixed(1)} MB${run.encrypted ? ', encrypted' : ''})\n`,
    );
    process.stdout.write(`Check: ${run.verified ? 'restored and matched' : 'did NOT restore cleanly'}: ${run.verifySummary}\n`);
    if (!run.verified) process.exitCode = 1;
  } finally {
    await local.close();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
