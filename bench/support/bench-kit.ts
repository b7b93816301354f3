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
export async function benchDatabase(label: string, { reuseDatabaseUrl = false, statements = false } = {}): Promise<BenchDatabase> {
  const given = reuseDatabaseUrl ? process.env.DATABASE_URL : undefined;
  let database: BenchDatabase;
  if (given) {
    database = { url: given, dir: null, stop: async () => {} };
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), `weighbook-bench-${label}-`));
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      password: 'bench',
      // Where PostgreSQL's time goes, statement by statement (statementStats below).
      extraFlags: statements ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : [],
    });
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

/**
 * With `statements` on benchDatabase: start counting (the extension created, the counts reset), then
 * print the statements that took the most time in total (execution time includes waiting for locks).
 */
export const statementStats = {
  async reset(sql: { query: (text: string) => Promise<unknown> }) {
    await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await sql.query('SELECT pg_stat_statements_reset()');
  },
  async print(sql: { query: (text: string) => Promise<{ rows: unknown[] }> }, top = 15) {
    const { rows } = await sql.query(
      `SELECT calls, total_exec_time AS total, total_exec_time / calls AS mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT ${Number(top)}`,
    );
    process.stdout.write('  PostgreSQL statements by total time: calls, total ms, mean ms, statement\n');
    for (const r of rows as { calls: string; total: number; mean: number; query: string }[]) {
      process.stdout.write(`    ${String(r.calls).padStart(6)} ${r.total.toFixed(0).padStart(7)} ${r.mean.toFixed(2).padStart(8)}  ${r.query}\n`);
    }
  },
};

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
