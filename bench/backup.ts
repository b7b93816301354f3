// Backup and restore of the embedded database at 100,000 loads: `node --conditions=react-server --import tsx bench/backup.ts [--loads=N]`.
// Prints the database's size, then for a plain and an encrypted backup: the time to write it, its size,
// the time to restore it into a fresh server (unpack, recovery, start) and to check it (the check after
// every backup: restore + row counts + loads checksum). Baseline in the same process: a plain file copy
// of the data folder (what any backup must at least read), so the figures travel between machines.
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { extractBackup, finishRestore, startRestored, takeBaseBackup, verifyBackup } from '../lib/backup/base-backup';
import { takeFingerprint } from '../lib/backup/fingerprint';
import { benchDatabase } from './support/bench-kit';
import { seedLoads } from './support/seed-loads';

const loads = Number(process.argv.find((a) => a.startsWith('--loads='))?.slice(8) ?? 100_000);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const database = await benchDatabase('backup');
  const dir = database.dir!;
  try {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const site = randomUUID();
    await c.query(`INSERT INTO site (id, name, updated_at) VALUES ($1, 'Bench Site', now())`, [site]);
    const seeded = performance.now();
    await seedLoads(database.url, { loads, sites: [site] });
    await c.query('CHECKPOINT');
    const dbSize = (await c.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s')).rows[0]!.s;
    const live = await takeFingerprint(c);
    await c.end();
    process.stdout.write(
      `Backup bench: ${loads.toLocaleString('en-GB')} loads seeded in ${seconds(seeded).toFixed(1)} s; database ${mb(Number(dbSize))}; ` +
        `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n\n`,
    );

    const t0 = performance.now();
    await cp(path.join(dir, 'pg'), path.join(dir, 'copy'), { recursive: true, filter: (src) => !src.endsWith('postmaster.pid') });
    const copySeconds = seconds(t0);
    await rm(path.join(dir, 'copy'), { recursive: true, force: true });
    process.stdout.write(`baseline: plain copy of the data folder  ${copySeconds.toFixed(1)} s\n`);

    for (const [label, key] of [
      ['plain', undefined],
      ['encrypted', randomBytes(32)],
    ] as const) {
      const file = path.join(dir, 'out', `${label}.wbk`);
      const b0 = performance.now();
      await takeBaseBackup({ connectionString: database.url, file, key });
      const backupSeconds = seconds(b0);
      const size = (await stat(file)).size;

      const target = path.join(dir, `restored-${label}`);
      const r0 = performance.now();
      const manifest = await extractBackup({ file, key, targetDir: target });
      const { handle } = await startRestored(target, 'bench');
      await finishRestore(handle.url('postgres'), target, 'bench');
      const restoreSeconds = seconds(r0);
      const rc = new pg.Client({ connectionString: handle.url(manifest.database) });
      await rc.connect();
      const same = JSON.stringify(await takeFingerprint(rc)) === JSON.stringify(live);
      await rc.end();
      await handle.stop();
      await rm(target, { recursive: true, force: true });

      const v0 = performance.now();
      const verified = await verifyBackup({ file, key, scratchDir: path.join(dir, 'scratch') });
      const verifySeconds = seconds(v0);
      process.stdout.write(
        `${label.padEnd(9)} backup ${backupSeconds.toFixed(1)} s (${(backupSeconds / copySeconds).toFixed(1)}× copy), file ${mb(size)}; ` +
          `restore ${restoreSeconds.toFixed(1)} s (identical: ${same}); check after backup ${verifySeconds.toFixed(1)} s (${verified.ok ? 'matched' : verified.summary})\n`,
      );
    }
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
