// Backups of a real embedded PostgreSQL: a backup restores into a fresh server with identical row
// counts and loads checksum (plain and encrypted); a backup killed half-way leaves no file that looks
// complete; a damaged, cut-short or wrongly keyed file is refused in plain words before anything is used.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLoads } from '../../bench/support/seed-loads';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../postgres/embedded';
import { migrate } from '../postgres/migrate';
import { freePort } from '../../test/free-port';
import { extractBackup, finishRestore, startRestored, takeBaseBackup, verifyBackup } from './base-backup';
import { BackupFileError, checkBackupFile } from './backup-file';
import { takeFingerprint } from './fingerprint';
import { migrateWithBackup } from './upgrade';

const root = path.resolve(import.meta.dirname, '..', '..');
let dir = '';
let server: EmbeddedPostgresHandle;
let url = '';
const password = 'backup-test';

async function withClient<T>(connectionString: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'weighbook-backup-it-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), password });
  await server.createDatabase('weighbook');
  url = server.url('weighbook');
  await migrate(url, path.join(root, 'prisma', 'migrations'));
  const site = randomUUID();
  await withClient(url, (c) => c.query(`INSERT INTO site (id, name, updated_at) VALUES ($1, 'Backup Site', now())`, [site]));
  await seedLoads(url, { loads: 500, sites: [site] });
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('base backups', () => {
  it('round trip: a backup restores into a fresh server with identical row counts and loads checksum', async () => {
    const live = await withClient(url, takeFingerprint);
    const file = path.join(dir, 'out', 'plain.wbk');
    const taken = await takeBaseBackup({ connectionString: url, file });
    expect(taken.manifest.fingerprint).toEqual(live);
    expect(live.rowCounts.load).toBe(500);
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.partial'))).toEqual([]);

    // Restored by hand (as `npm run restore` does) into a new folder, started, compared.
    const target = path.join(dir, 'restored');
    await extractBackup({ file, targetDir: target });
    const { handle } = await startRestored(target, password);
    try {
      await finishRestore(handle.url('postgres'), target, password);
      expect(await withClient(handle.url('weighbook'), takeFingerprint)).toEqual(live);
      // A new timeline: the restored server never overwrites WAL the old one archived.
      const tli = await withClient(handle.url('weighbook'), (c) => c.query<{ t: number }>('SELECT timeline_id AS t FROM pg_control_checkpoint()'));
      expect(tli.rows[0]!.t).toBeGreaterThan(1);
    } finally {
      await handle.stop();
    }

    // And the check that runs after every backup.
    const verified = await verifyBackup({ file, scratchDir: path.join(dir, 'scratch') });
    expect(verified.ok).toBe(true);
    expect(verified.summary).toMatch(/rows and the loads checksum match/);
  }, 120_000);

  it('encrypted with a key: restores with it, refuses without it or with another', async () => {
    const key = randomBytes(32);
    const file = path.join(dir, 'out', 'encrypted.wbk');
    await takeBaseBackup({ connectionString: url, file, key });
    const bytes = await readFile(file);
    // Nothing readable: no table names from the catalogue, no gzip magic.
    expect(bytes.includes(Buffer.from('address_book_entry'))).toBe(false);
    expect((await checkBackupFile(file)).encrypted).toBe(true);
    await expect(extractBackup({ file, targetDir: path.join(dir, 'nokey') })).rejects.toThrow(/encrypted: set WEIGHBOOK_BACKUP_KEY/);
    await expect(extractBackup({ file, key: randomBytes(32), targetDir: path.join(dir, 'otherkey') })).rejects.toThrow(/another key/);
    const verified = await verifyBackup({ file, key, scratchDir: path.join(dir, 'scratch') });
    expect(verified.ok).toBe(true);
  }, 120_000);

  it('a corrupt, cut-short or foreign file fails with a clear message, leaving nothing behind', async () => {
    const file = path.join(dir, 'out', 'plain.wbk');
    const bytes = await readFile(file);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    const cases: [string, Buffer, RegExp][] = [
      ['damaged.wbk', flipped, /is damaged: its checksum does not match/],
      ['short.wbk', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /is incomplete: it was cut short/],
      ['foreign.wbk', Buffer.from('PGDMP not ours at all, just some bytes that are long enough to look like a file of some kind'), /is not a Weighbook backup/],
    ];
    for (const [name, content, message] of cases) {
      const bad = path.join(dir, 'out', name);
      await writeFile(bad, content);
      const target = path.join(dir, `bad-${name}`);
      const attempt = extractBackup({ file: bad, targetDir: target });
      await expect(attempt).rejects.toThrow(BackupFileError);
      await expect(extractBackup({ file: bad, targetDir: target })).rejects.toThrow(message);
      expect(await readdir(target).catch(() => [])).toEqual([]);
    }
  }, 60_000);

  it('a backup killed half-way leaves no file that looks complete', async () => {
    const file = path.join(dir, 'killed', 'half.wbk');
    // Another process takes the backup and is killed with SIGKILL once part of the file is written.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=react-server',
        '-e',
        `
        const { takeBaseBackup } = await import(${JSON.stringify(path.join(root, 'lib/backup/base-backup.ts'))});
        let said = false;
        await takeBaseBackup({ connectionString: ${JSON.stringify(url)}, file: ${JSON.stringify(file)}, onProgress: (n) => {
          if (n > 200000 && !said) { said = true; process.stdout.write('halfway\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); }
        } });
        process.stdout.write('finished\\n');
      `,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const said = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => resolve(d.toString()));
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(said).toContain('halfway');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const names = await readdir(path.dirname(file));
    expect(names).not.toContain('half.wbk');
    // What is left is named as unfinished, and refused as incomplete if anyone tries it.
    expect(names.every((n) => n.startsWith('.') && n.endsWith('.partial'))).toBe(true);
    for (const n of names) await expect(checkBackupFile(path.join(path.dirname(file), n))).rejects.toThrow(/incomplete|not a Weighbook backup/);
  }, 60_000);

  it('an upgrade backs up first; a failed migration is rolled back and the message says how to go back', async () => {
    const migrations = path.join(dir, 'migrations');
    await cp(path.join(root, 'prisma', 'migrations'), migrations, { recursive: true });
    await mkdir(path.join(migrations, '29991231000000_broken'));
    await writeFile(
      path.join(migrations, '29991231000000_broken', 'migration.sql'),
      'CREATE TABLE upgrade_half_done (id int);\nALTER TABLE "load" ADD COLUMN nonsense no_such_type;',
    );
    const before = await withClient(url, takeFingerprint);
    const attempt = migrateWithBackup(url, migrations, { embedded: true, dataDir: dir });
    await expect(attempt).rejects.toThrow(/29991231000000_broken failed[\s\S]*rolled back[\s\S]*npm run restore ".*before-upgrade\.wbk" -- --replace/);
    // As it was: the half-done table is not there, and the data is untouched.
    const half = await withClient(url, (c) => c.query(`SELECT to_regclass('public.upgrade_half_done') AS t`));
    expect(half.rows[0]!.t).toBeNull();
    const afterwards = await withClient(url, takeFingerprint);
    expect({ ...afterwards.rowCounts, backup_run: 0 }).toEqual({ ...before.rowCounts, backup_run: 0 }); // + the backup's own record
    expect(afterwards.loadsChecksum).toBe(before.loadsChecksum);
    const backups = (await readdir(path.join(dir, 'backups'))).filter((n) => n.endsWith('-before-upgrade.wbk'));
    expect(backups).toHaveLength(1);
    await expect(checkBackupFile(path.join(dir, 'backups', backups[0]!))).resolves.toMatchObject({ encrypted: false });
    const recorded = await withClient(url, (c) => c.query(`SELECT trigger, status FROM backup_run WHERE file_name = $1`, [backups[0]]));
    expect(recorded.rows).toEqual([{ trigger: 'upgrade', status: 'succeeded' }]);
  }, 120_000);
});
