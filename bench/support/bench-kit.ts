// What every benchmark needs: its own PostgreSQL with the migrations applied, and the timing of a call
// repeated after warm-up runs. Imports nothing that reads the environment, so a benchmark can start the
// database first and then point the app at it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../../lib/postgres/embedded';
import { migrate } from '../../lib/postgres/migrate';
import { freePort } from '../../test/free-port';

export interface BenchDatabase {
  url: string;
  /** The temporary folder the embedded PostgreSQL lives in (null with DATABASE_URL). */
  dir: string | null;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL in a temporary folder, migrated, or with `reuseDatabaseUrl` the database
 * DATABASE_URL names when it is set. `stop` removes what this made.
 */
export async function benchDatabase(label: string, { reuseDatabaseUrl = false } = {}): Promise<BenchDatabase> {
  const given = reuseDatabaseUrl ? process.env.DATABASE_URL : undefined;
  let database: BenchDatabase;
  if (given) {
    database = { url: given, dir: null, stop: async () => {} };
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), `weighbook-bench-${label}-`));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), password: 'bench' });
    await server.createDatabase('weighbook_bench');
    database = {
      url: server.url('weighbook_bench'),
      dir,
      stop: async () => {
        await server.stop().catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await migrate(database.url, path.join(import.meta.dirname, '..', '..', 'prisma', 'migrations'));
  return database;
}

export interface Timing {
  median: number;
  p95: number;
  max: number;
}

/** Milliseconds a call takes: `warmUp` untimed runs, then `runs` timed ones. */
export async function timeCalls(call: () => Promise<unknown>, { runs, warmUp = 1 }: { runs: number; warmUp?: number }): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]!, max: samples[runs - 1]! };
}
