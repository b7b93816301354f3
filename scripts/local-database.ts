// For `npm run backup` and `npm run restore`: the embedded database of this installation, whether the app
// is running (use its server) or not (start it for a moment, holding the data folder's lock).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WAL_ARCHIVE_FLAGS } from '../lib/backup/wal-archive';
import { env, resetEnvCache } from '../lib/env';
import { lockDataDir } from '../lib/postgres/data-dir-lock';
import { DEFAULT_EMBEDDED_PG_PORT, rememberedEmbeddedPort } from '../lib/postgres/ports';
import { startEmbeddedPostgres } from '../lib/postgres/embedded';

export type LocalDatabase = { kind: 'external' } | { kind: 'embedded'; url: string; dataDir: string; startedHere: boolean; close(): Promise<void> };

/** The pid of a running launcher on this data folder, if any. */
export function runningLauncher(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, 'launcher.pid'), 'utf8').trim());
  } catch {
    return undefined; // no lock file: not running
  }
  if (!pid || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a lock left by a launcher that died
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.ts') ? pid : undefined;
  } catch {
    return pid; // no /proc (Windows): assume it is Weighbook, the safe side
  }
}

export async function openLocalDatabase(root: string): Promise<LocalDatabase> {
  const e = env();
  if (e.DATABASE_URL) return { kind: 'external' };
  const dataDir = path.resolve(root, e.WEIGHBOOK_DATA_DIR);
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  // With no EMBEDDED_PG_PORT the launcher picks a free port and remembers it in the data folder.
  const pgPort = e.EMBEDDED_PG_PORT ?? (await rememberedEmbeddedPort(dataDir)) ?? DEFAULT_EMBEDDED_PG_PORT;
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/weighbook`;
  const pointAppAt = (u: string) => {
    process.env.DATABASE_URL = u;
    process.env.WEIGHBOOK_DATA_DIR = dataDir;
    resetEnvCache();
  };
  if (runningLauncher(dataDir)) {
    pointAppAt(url);
    return { kind: 'embedded', url, dataDir, startedHere: false, close: async () => undefined };
  }
  const unlock = await lockDataDir(dataDir);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, password, extraFlags: WAL_ARCHIVE_FLAGS });
  pointAppAt(server.url('weighbook'));
  return {
    kind: 'embedded',
    url: server.url('weighbook'),
    dataDir,
    startedHere: true,
    close: async () => {
      await server.stop().catch(() => undefined);
      await unlock();
    },
  };
}
